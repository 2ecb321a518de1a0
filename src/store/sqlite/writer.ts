/**
 * Writes one source's records into a SQLite case in atomic batches. Each batch commits its
 * records, its rejections and the source's resume position in one transaction, so a crash at
 * any instant leaves the case at a batch boundary, and the next run continues from exactly
 * there. The communication-edge increments are summed in memory over the source (see edges);
 * they, and the full-text rows, go into the case when the source completes (finish), in the
 * same transaction as its 'complete' status.
 */
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import type {
  AttachmentRecord,
  CallRecord,
  ClewRecord,
  Locator,
  MessageRecord,
} from '../../model/records.js';
import type { MessageAnalysis } from '../../text/analyse.js';
import type { BatchItem, BatchPosition, BatchResult, SourceRow } from '../types.js';
import { addCallEdge, addEdge, addMessageEdges, type EdgeIncrements, mergeEdge, messageRecipients } from '../../model/edges.js';
import { messageIdBase, SLOTS } from '../../model/ids.js';
import { DEFERRED_INDEXES, insertSql } from './schema.js';
import { adoptSideFts, ftsRowsSql, registerFtsText } from './fts-build.js';
import { MultiRowInsert } from './multi-insert.js';
import { formatLoc, readSource } from './rows.js';
import { refreshStatistics } from './statistics.js';
import { bumpGeneration } from './generation.js';

const MAX_BLOB_BYTES = 64 * 1024 * 1024;
/** Messages addressed to conversation members tracked in memory per source (see toMembers). */
const MAX_TRACKED = 5_000_000;
const CONVERSATION_INDEX = DEFERRED_INDEXES.find((i) => i.name === 'messages_conversation')!;

import { FLAG_DELETED, FLAG_EDITED, FLAG_TO_MEMBERS } from '../message-rows.js';
import { validTakenAt } from '../../text/exif/exif.js';

function splitRef(ref: string): { platform: string; handle: string } {
  const i = ref.indexOf(':');
  return { platform: ref.slice(0, i), handle: ref.slice(i + 1) };
}

/** Edge increments kept in memory before they are written to edge_deltas (about 100 bytes each). */
const MAX_EDGES_IN_MEMORY = 500_000;

type Edges = EdgeIncrements;

/**
 * Bits of the times (ms) at which this source wrote messages: one-hash Bloom filter. A clear bit
 * proves that no message with that time exists, so the duplicate lookup is skipped (most messages
 * of a load are not duplicates). Used only while the case holds no other source's messages and no
 * other connection has written since the writer began (see dupFilterValid); 8 MB.
 */
const TS_FILTER_BITS = 2 ** 26;

function tsBit(ts: number): number {
  return (Math.imul(ts | 0, 0x9e3779b1) ^ Math.imul(Math.floor(ts / 4294967296) | 0, 0x85ebca6b)) >>> 6;
}

/** Synchronous writer on one connection; wrapped by the in-thread and threaded SourceWriters. */
export class SqliteSourceWriter {
  private readonly source: SourceRow;
  private readonly accounts = new Map<string, number>();
  private readonly conversations = new Map<string, { id: number; members: number[] }>();
  /**
   * Messages of this source addressed to their conversation's members, by conversation: when a
   * member is announced later (streamed exports), they become its recipients too. Kept in memory
   * so that no conversation index is needed while writing; past the cap the index is built and
   * SQL does the work.
   */
  private readonly toMembers = new Map<number, number[]>();
  private toMembersCount = 0;
  private toMembersOverflow = false;
  private tsFilter: Uint32Array | null = null;
  private dataVersion = 0;
  private readonly st: Record<string, Statement>;
  private readonly recipients: MultiRowInsert;
  private readonly edgeDeltas: MultiRowInsert;
  private readonly runBatch: (items: BatchItem[], pos: BatchPosition) => { res: BatchResult; edges: Edges; spill: boolean };
  /**
   * Edge increments of this source's committed batches that are not in edge_deltas yet. Summed
   * in memory over the whole source, they are written once (at finish, or when they pass
   * maxEdgesInMemory), not once per batch; a process that stops loses them, and the run
   * that resumes recounts them from the messages and calls stored (constructor).
   */
  private readonly edges: Edges = new Map();

  constructor(
    private readonly db: Database,
    source: SourceRow,
    private readonly maxEdgesInMemory = MAX_EDGES_IN_MEMORY,
  ) {
    this.source = source;
    registerFtsText(db);
    const p = (sql: string) => db.prepare(sql);
    this.recipients = new MultiRowInsert(db, insertSql('message_recipients', { verb: 'INSERT OR IGNORE', values: false }), 2);
    this.edgeDeltas = new MultiRowInsert(db, insertSql('edge_deltas', { values: false }), 7);
    this.st = {
      account: p(`INSERT INTO accounts (ref, platform, handle) VALUES (?, ?, ?)
                  ON CONFLICT(ref) DO UPDATE SET ref = excluded.ref RETURNING id`),
      accountInfo: p(`UPDATE accounts SET kind = coalesce(?, kind), display_name = coalesce(?, display_name) WHERE id = ?`),
      conversation: p(`INSERT INTO conversations (source_id, ref, title) VALUES (?, ?, ?)
                       ON CONFLICT(source_id, ref) DO UPDATE SET title = coalesce(excluded.title, title) RETURNING id`),
      member: p(`INSERT OR IGNORE INTO conversation_members (conversation_id, account_id) VALUES (?, ?)`),
      members: p(`SELECT account_id FROM conversation_members WHERE conversation_id = ?`),
      // the first copy of the same (sender, time, body): ids of one millisecond are a contiguous range
      // first copies of the same (sender, time, body), with whom each was addressed to (see firstCopy)
      dupMessage: p(`SELECT m.id, m.flags, c.ref AS conversation FROM messages m LEFT JOIN conversations c ON c.id = m.conversation_id
                     WHERE m.id >= ? AND m.id < ? AND m.ts = ? AND m.sender = ? AND m.body = ? AND m.dup_of IS NULL LIMIT 64`),
      recipientsOf: p(`SELECT account_id FROM message_recipients WHERE message_id = ?`).pluck(),
      message: p(insertSql('messages')),
      messageBrief: p(`SELECT sender, channel, ts, dup_of FROM messages WHERE id = ?`),
      lateRecipient: p(`INSERT OR IGNORE INTO message_recipients (message_id, account_id)
                        SELECT id, ? FROM messages WHERE conversation_id = ? AND flags & ${FLAG_TO_MEMBERS} AND sender != ?`),
      lateEdges: p(`INSERT INTO edge_deltas (source_id, src, dst, channel, count, first, last)
                    SELECT ${source.id}, sender, ?, channel, count(*), min(ts), max(ts) FROM messages
                    WHERE conversation_id = ? AND flags & ${FLAG_TO_MEMBERS} AND dup_of IS NULL AND sender != ? GROUP BY sender, channel`),
      // the source's full-text rows, all at once when it completes (see finish)
      ftsSource: p(ftsRowsSql('messages_fts')),
      mention: p(insertSql('mentions')),
      dupCall: p(`SELECT id FROM calls INDEXED BY calls_ts WHERE ts = ? AND caller = ? AND callee = ? AND duration = ? AND channel = ? AND dup_of IS NULL LIMIT 1`),
      call: p(insertSql('calls', { except: ['id'] })),
      attachment: p(insertSql('attachments', { except: ['id'] })),
      blob: p(insertSql('blobs', { verb: 'INSERT OR IGNORE' })),
      event: p(insertSql('events', { except: ['id'] })),
      location: p(insertSql('locations', { except: ['id'] })),
      contact: p(insertSql('contacts', { verb: 'INSERT OR IGNORE' })),
      device: p(insertSql('devices', { verb: 'INSERT OR IGNORE' })),
      quarantine: p(insertSql('quarantine', { except: ['id'] })),
      // a completing source's edge increments, summed into the edges table at once (see finish)
      foldEdges: p(`INSERT INTO edges (src, dst, channel, count, first, last)
                    SELECT src, dst, channel, sum(count), min(first), max(last) FROM edge_deltas WHERE source_id = ? GROUP BY src, dst, channel
                    ON CONFLICT(src, dst, channel) DO UPDATE SET count = count + excluded.count,
                      first = min(first, excluded.first), last = max(last, excluded.last)`),
      dropEdgeDeltas: p(`DELETE FROM edge_deltas WHERE source_id = ?`),
      // a resumed source's increments, from what it has stored (they were in memory, see edges)
      recountEdges: p(`INSERT INTO edge_deltas (source_id, src, dst, channel, count, first, last)
                       SELECT m.source_id, m.sender, r.account_id, m.channel, count(*), min(m.ts), max(m.ts)
                       FROM messages m JOIN message_recipients r ON r.message_id = m.id
                       WHERE m.source_id = ? AND m.dup_of IS NULL AND r.account_id != m.sender GROUP BY m.sender, r.account_id, m.channel
                       UNION ALL
                       SELECT source_id, caller, callee, channel, count(*), min(ts), max(ts) FROM calls
                       WHERE source_id = ? AND dup_of IS NULL AND caller != callee GROUP BY caller, callee, channel`),
      progress: p(`UPDATE sources SET resume_offset = ?, resume_line = ?, items_done = ?,
                     records = records + ?, rejected = rejected + ?, duplicates = duplicates + ? WHERE id = ?`),
      finish: p(`UPDATE sources SET status = 'complete', finished_at = ? WHERE id = ?`),
    };
    if (source.itemsDone > 0) {
      // resuming: the edge increments of the committed batches were in the stopped process's memory
      db.transaction(() => {
        this.st.dropEdgeDeltas!.run(source.id);
        this.st.recountEdges!.run(source.id, source.id);
      })();
      // and recover the messages already written that late members may still reach
      for (const r of db
        .prepare(`SELECT id, conversation_id AS c FROM messages WHERE source_id = ? AND flags & ${FLAG_TO_MEMBERS} ORDER BY id`)
        .iterate(source.id) as Iterable<{ id: number; c: number }>)
        this.trackToMembers(r.c, r.id);
    }
    if (db.prepare('SELECT 1 FROM messages WHERE source_id != ? LIMIT 1').get(source.id) === undefined) {
      this.tsFilter = new Uint32Array(TS_FILTER_BITS / 32);
      if (source.itemsDone > 0)
        for (const ts of db.prepare('SELECT ts FROM messages WHERE source_id = ?').pluck().iterate(source.id) as Iterable<number>) this.markTs(ts);
      this.dataVersion = db.pragma('data_version', { simple: true }) as number;
    }
    this.runBatch = db.transaction((items: BatchItem[], pos: BatchPosition) => {
      // another connection wrote to the case: its messages are not in the filter
      if (this.tsFilter && db.pragma('data_version', { simple: true }) !== this.dataVersion) this.tsFilter = null;
      this.recipients.discard(); // left over from a batch that failed
      this.edgeDeltas.discard();
      const edges: Edges = new Map();
      const res: BatchResult = { records: 0, rejected: 0, duplicates: 0 };
      for (const item of items) {
        if (item.kind === 'reject') {
          this.st.quarantine!.run(this.source.id, formatLoc(item.locator), item.locator.line ?? null, item.code, item.message, item.excerpt ?? null);
          res.rejected++;
          continue;
        }
        if (this.writeRecord(item.record, item.locator, edges, item.analysis) === 'duplicate') res.duplicates++;
        res.records++;
      }
      this.recipients.flush();
      // past the bound, the increments held so far and this batch's are written with this batch
      const spill = this.edges.size + edges.size > this.maxEdgesInMemory;
      if (spill) {
        this.writeEdgeDeltas(this.edges);
        this.writeEdgeDeltas(edges);
      }
      this.st.progress!.run(pos.offset, pos.line, pos.itemsDone, res.records, res.rejected, res.duplicates, this.source.id);
      bumpGeneration(db);
      return { res, edges, spill };
    });
  }

  writeBatch(items: BatchItem[], position: BatchPosition): BatchResult {
    const { res, edges, spill } = this.runBatch(items, position);
    // committed: its increments join the source's (a batch that fails adds none)
    if (spill) this.edges.clear();
    else for (const [k, e] of edges) mergeEdge(this.edges, k, e);
    return res;
  }

  private writeEdgeDeltas(edges: Edges): void {
    for (const e of edges.values()) this.edgeDeltas.add(this.source.id, e.src, e.dst, e.channel, e.count, e.first, e.last);
    this.edgeDeltas.flush();
  }

  /**
   * Completes the source: read-side indexes, then in one transaction its edges, its full-text
   * rows and its 'complete' status. Indexing a whole source in one statement costs about half
   * as much as a row at a time (no per-row call, one segment per flush instead of one per
   * batch); a source is searchable and in the network once complete, and a crash before that
   * commit leaves it partial with no full-text rows and no edges at all, so the run that
   * resumes it indexes and counts every message exactly once.
   */
  finish(): SourceRow {
    this.buildIndexes();
    return this.complete(null);
  }

  /**
   * The read-side indexes (the first step of finish). SQLite sorts each in runs of at most the
   * page cache's size; runs of 4 MB build them faster than runs of the 64 MB cache (1M
   * messages: 1.5 s instead of 1.9 s; 5M: 8.6 s instead of 15.1 s) and in far less memory.
   * (A second sorting thread, PRAGMA threads, would compete with the side full-text build.)
   */
  buildIndexes(): void {
    const cache = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma('cache_size = -4096');
    try {
      for (const i of DEFERRED_INDEXES) this.db.exec(i.sql);
    } finally {
      this.db.pragma(`cache_size = ${cache}`);
    }
  }

  /**
   * The last step of finish: one transaction with the source's edges, its full-text rows and
   * its 'complete' status. `sideFts`: a side file with the source's full-text rows already built
   * (fts-build.ts), copied in when the case's index is still empty, else ignored. Only on a
   * connection that has not used the case's full-text index before (see fts-build.ts).
   */
  complete(sideFts: string | null): SourceRow {
    if (sideFts) {
      this.db.prepare('ATTACH ? AS fts_side').run(sideFts);
      this.db.unsafeMode(true);
    }
    try {
      this.db.transaction(() => {
        this.writeEdgeDeltas(this.edges);
        this.st.foldEdges!.run(this.source.id);
        this.st.dropEdgeDeltas!.run(this.source.id);
        if (!(sideFts && adoptSideFts(this.db))) this.st.ftsSource!.run(this.source.id);
        this.st.finish!.run(Date.now(), this.source.id);
        bumpGeneration(this.db);
      })();
    } finally {
      if (sideFts) {
        this.db.unsafeMode(false);
        this.db.exec('DETACH fts_side');
      }
    }
    refreshStatistics(this.db);
    return readSource(this.db, this.source.id)!;
  }

  private account(ref: string): number {
    let id = this.accounts.get(ref);
    if (id === undefined) {
      const { platform, handle } = splitRef(ref);
      id = (this.st.account!.get(ref, platform, handle) as { id: number }).id;
      if (this.accounts.size > 500_000) this.accounts.clear(); // bound memory on huge cases
      this.accounts.set(ref, id);
    }
    return id;
  }

  private conversation(ref: string, title?: string): { id: number; members: number[] } {
    let c = this.conversations.get(ref);
    if (!c || title !== undefined) {
      const id = (this.st.conversation!.get(this.source.id, ref, title ?? null) as { id: number }).id;
      const members = (this.st.members!.all(id) as { account_id: number }[]).map((m) => m.account_id);
      c = { id, members };
      if (this.conversations.size > 100_000) this.conversations.clear();
      this.conversations.set(ref, c);
    }
    return c;
  }

  /** Returns 'duplicate' when the record was stored and linked to an earlier copy. */
  private writeRecord(r: ClewRecord, l: Locator, edges: Edges, given?: MessageAnalysis): 'new' | 'duplicate' {
    const src = this.source.id;
    switch (r.type) {
      case 'message':
        return this.writeMessage(r, l, edges, given);
      case 'call':
        return this.writeCall(r, l, edges);
      case 'account': {
        const id = this.account(r.ref);
        this.st.accountInfo!.run(r.kind ?? null, r.displayName ?? null, id);
        return 'new';
      }
      case 'contact':
        this.st.contact!.run(this.account(r.owner), this.account(r.contact), r.name, src, formatLoc(l));
        return 'new';
      case 'conversation': {
        const c = this.conversation(r.ref, r.title);
        for (const m of r.members ?? []) {
          const a = this.account(m);
          if (!c.members.includes(a)) {
            this.st.member!.run(c.id, a);
            c.members.push(a);
            this.addLateMember(c.id, a, edges);
          }
        }
        return 'new';
      }
      case 'attachment':
        return this.writeAttachment(r, l);
      case 'event': {
        const conv = r.conversation === undefined ? null : this.conversation(r.conversation).id;
        this.st.event!.run(
          src,
          formatLoc(l),
          r.kind,
          r.ts,
          r.tzOffset,
          r.tsLocal ?? null,
          r.actor === undefined ? null : this.account(r.actor),
          r.subject === undefined ? null : this.account(r.subject),
          conv,
          r.text,
        );
        return 'new';
      }
      case 'location': {
        this.st.location!.run(
          src,
          formatLoc(l),
          r.kind,
          r.lat,
          r.lon,
          r.ts ?? null,
          r.account === undefined ? null : this.account(r.account),
          r.message ?? null,
          r.attachment ?? null,
          r.label ?? null,
        );
        return 'new';
      }
      case 'device': {
        const a = this.account(r.account);
        for (const [k, v] of Object.entries(r.identifiers)) this.st.device!.run(a, k, v, src, formatLoc(l));
        return 'new';
      }
    }
  }

  private markTs(ts: number): void {
    const b = tsBit(ts);
    this.tsFilter![b >>> 5]! |= 1 << (b & 31);
  }

  /**
   * The first copy already stored of a message: same sender, time and body, addressed to the same
   * people: the same explicit recipients, or the members of the same conversation (by its ref, so
   * that two phones' exports of one chat meet). The same text sent at the same second to other
   * recipients ("novi broj" broadcast to twenty contacts) is another message, never a duplicate.
   */
  private firstCopy(ts: number, sender: number, body: string, to: readonly number[] | null, conversation: string | null): number | null {
    const f = this.tsFilter;
    if (f) {
      const b = tsBit(ts);
      if ((f[b >>> 5]! & (1 << (b & 31))) === 0) return null;
    }
    const msStart = ts * SLOTS;
    const candidates = this.st.dupMessage!.all(msStart, msStart + 2 * SLOTS, ts, sender, body) as { id: number; flags: number; conversation: string | null }[];
    if (candidates.length === 0) return null;
    this.recipients.flush(); // the recipients of candidates written earlier in this batch
    for (const c of candidates) {
      const toMembers = (c.flags & FLAG_TO_MEMBERS) !== 0;
      if (to === null ? toMembers && c.conversation === conversation : !toMembers && sameMembers(this.st.recipientsOf!.all(c.id) as number[], to))
        return c.id;
    }
    return null;
  }

  private trackToMembers(conversation: number, id: number): void {
    if (this.toMembersOverflow) return;
    if (++this.toMembersCount > MAX_TRACKED) {
      this.toMembersOverflow = true;
      this.toMembers.clear();
      this.db.exec(CONVERSATION_INDEX.sql);
      return;
    }
    const list = this.toMembers.get(conversation);
    if (list) list.push(id);
    else this.toMembers.set(conversation, [id]);
  }

  /** A member announced after messages to the conversation: those messages reach it too. */
  private addLateMember(conversation: number, member: number, edges: Edges): void {
    if (this.toMembersOverflow) {
      this.st.lateRecipient!.run(member, conversation, member);
      this.st.lateEdges!.run(member, conversation, member);
      return;
    }
    for (const id of this.toMembers.get(conversation) ?? []) {
      const m = this.st.messageBrief!.get(id) as { sender: number; channel: string; ts: number; dup_of: number | null };
      if (m.sender === member) continue;
      this.recipients.add(id, member);
      if (m.dup_of === null) addEdge(edges, m.sender, member, m.channel, m.ts);
    }
  }

  /** `given`: the message's analysis from the ingest pipeline's analyse stage (none: stored without language or mentions). */
  private writeMessage(r: MessageRecord, l: Locator, edges: Edges, given?: MessageAnalysis): 'new' | 'duplicate' {
    const sender = this.account(r.from);
    const conv = r.conversation === undefined ? null : this.conversation(r.conversation);
    const recipients = messageRecipients(sender, r.to.map((t) => this.account(t)), conv?.members);
    const toMembers = r.to.length === 0 && conv !== null;
    const dupOf = this.firstCopy(r.ts, sender, r.body, toMembers ? null : recipients, toMembers ? r.conversation! : null);
    // a duplicate is linked to its first copy and read only once: no index, no analysis, no edge
    const analysis = dupOf !== null ? null : (given ?? null);
    const flags = (r.edited ? FLAG_EDITED : 0) | (r.deleted ? FLAG_DELETED : 0) | (toMembers ? FLAG_TO_MEMBERS : 0);
    let id = messageIdBase(r.ts, l);
    for (let attempt = 0; ; attempt++) {
      try {
        this.st.message!.run(
          id,
          this.source.id,
          formatLoc(l),
          sender,
          conv?.id ?? null,
          r.channel,
          r.ts,
          r.tzOffset,
          r.tsLocal ?? null,
          r.body,
          r.subject ?? null,
          r.nativeId ?? null,
          r.replyTo ?? null,
          r.forwardedFrom ?? null,
          flags,
          dupOf,
          analysis?.lang ?? null,
          analysis?.lang ? analysis.langConfidence : null,
        );
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' || attempt > 100_000) throw e;
        id++; // another message holds this slot of the millisecond: take the next one
      }
    }
    if (this.tsFilter) this.markTs(r.ts); // set even if the batch rolls back: a false positive only costs a lookup
    for (const a of recipients) this.recipients.add(id, a);
    if (flags & FLAG_TO_MEMBERS) this.trackToMembers(conv!.id, id);
    addMessageEdges(edges, sender, recipients, r.channel, r.ts, dupOf !== null);
    if (dupOf !== null) return 'duplicate';
    for (const m of analysis?.mentions ?? [])
      this.st.mention!.run(id, m.type, m.start, m.end, m.raw, m.value, m.confidence, m.attrs ? JSON.stringify(m.attrs) : null);
    return 'new';
  }

  private writeCall(r: CallRecord, l: Locator, edges: Edges): 'new' | 'duplicate' {
    const caller = this.account(r.from);
    const callee = this.account(r.to);
    const channel = r.channel ?? 'call';
    const dupOf = (this.st.dupCall!.get(r.ts, caller, callee, r.duration, channel) as { id: number } | undefined)?.id ?? null;
    this.st.call!.run(
      this.source.id,
      formatLoc(l),
      caller,
      callee,
      channel,
      r.ts,
      r.tzOffset,
      r.tsLocal ?? null,
      r.duration,
      r.lat ?? null,
      r.lon ?? null,
      r.nativeId ?? null,
      dupOf,
    );
    addCallEdge(edges, caller, callee, channel, r.ts, dupOf !== null);
    return dupOf !== null ? 'duplicate' : 'new';
  }

  private writeAttachment(r: AttachmentRecord, l: Locator): 'new' {
    let sha = r.sha256 ?? null;
    if (r.content) {
      if (r.content.byteLength > MAX_BLOB_BYTES) throw new ClewError('TOO_LARGE', `attachment ${r.filename} is over ${MAX_BLOB_BYTES} bytes`);
      sha ??= createHash('sha256').update(r.content).digest('hex');
      this.st.blob!.run(sha, r.content.byteLength, Buffer.from(r.content.buffer, r.content.byteOffset, r.content.byteLength));
    }
    this.st.attachment!.run(
      this.source.id,
      formatLoc(l),
      r.nativeId,
      r.message ?? null,
      r.filename,
      r.mime ?? null,
      r.size ?? r.content?.byteLength ?? null,
      sha,
      validTakenAt(r.takenAt),
    );
    return 'new';
  }
}

/** The same set of accounts (a stored recipient list against a record's, each without repeats). */
function sameMembers(stored: readonly number[], to: readonly number[]): boolean {
  if (stored.length !== to.length) return false;
  const set = new Set(stored);
  return to.every((a) => set.has(a));
}

