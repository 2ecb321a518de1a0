/**
 * Writes one source's records into a PostgreSQL case in atomic batches, with the semantics of
 * the SQLite writer (src/store/sqlite/writer.ts): each batch commits its records, its
 * rejections and the source's resume position in one transaction, so a crash (of clew or of
 * the server) leaves the case at a batch boundary and the next run continues from there,
 * ending in the state of one clean run. Edge increments are summed in memory over the source and
 * go into the case in the transaction that marks it complete. Each first copy's full-text vector
 * is written with it (an UPDATE of every message at completion cost as much as the whole load);
 * search leaves out the messages of sources not complete yet (schema.ts searchableSql), so a
 * partial source is stored but not searchable, as in SQLite.
 *
 * A batch costs a few round trips whatever its size: the accounts and conversations it names
 * are looked up at once, the duplicate and id-slot lookups are one query each, and its rows go
 * in by binary COPY (copy-binary.ts). Outside the tests it runs in a worker thread of its own
 * (threaded-writer.ts), beside the ingest's parse. The writer holds the case's write lock (a session advisory lock on its own
 * connection) from start to finish or abort, so it alone assigns ids: accounts, conversations,
 * calls, … are numbered per case from 1, in the order the SQLite writer numbers them.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { ClewError } from '../../model/errors.js';
import type { AttachmentRecord, ClewRecord, Locator, MessageRecord } from '../../model/records.js';
import { indexTokens } from '../../text/query/parse.js';
import { hasStemmer } from '../../text/stem/stem.js';
import type { BatchItem, BatchPosition, BatchResult, SourceMeta, SourceRow, SourceWriter } from '../types.js';
import { addEdge, type EdgeIncrements, mergeEdge, messageRecipients } from '../../model/edges.js';
import { messageIdBase, SLOTS } from '../../model/ids.js';
import { CASE_LOCK } from './cases.js';
import { type CopyValue, pgText } from './copy.js';
import { type BinaryValue, copyBinaryRows } from './copy-binary.js';
import { type PgCase, one, rows } from './db.js';
import { formatLoc, readSource } from './rows.js';
import { bumpGeneration, GENERATION_SQL } from './generation.js';
import { refreshCaseSelectors } from './discovery.js';
import { CASE_TABLES, caseTable, columnNames, columnTypes, deferredIndexes, indexSql, partitionName } from './schema.js';

const MAX_BLOB_BYTES = 64 * 1024 * 1024;
/** Messages addressed to conversation members tracked in memory per source (see addLateMember). */
const MAX_TRACKED = 1_000_000;
/** Edge increments kept in memory before they are written to edge_deltas. */
const MAX_EDGES_IN_MEMORY = 500_000;
/** tsvector limits: positions up to 16383, 256 per lexeme, lexemes under 2 KB, 1 MB in all. */
const MAX_POS = 16383;
const MAX_POSITIONS = 256;
const MAX_LEXEME_BYTES = 2046;
const MAX_TSVECTOR_BYTES = 900_000;
/**
 * Items per batch (one transaction each) when the caller sets none: a batch costs about fifteen
 * round trips to the server whatever its size, so larger batches than SQLite's 5,000.
 */
export const BATCH_SIZE = 20_000;
const ASCII = /^[\x00-\x7e]*$/;

import { FLAG_DELETED, FLAG_EDITED, FLAG_TO_MEMBERS } from '../message-rows.js';
import { validTakenAt } from '../../text/exif/exif.js';

type Edges = EdgeIncrements;

interface Brief {
  id: number;
  sender: number;
  channel: string;
  ts: number;
  dup: boolean;
}

interface Conv {
  id: number;
  members: number[];
}

function lostConnection(e: unknown): ClewError {
  return new ClewError(
    'DB_UNREACHABLE',
    `lost the connection to PostgreSQL while ingesting (${e instanceof Error ? e.message : String(e)}); run the same ingest again: it resumes from the last batch committed`,
    {},
    { cause: e },
  );
}

function splitRef(ref: string): { platform: string; handle: string } {
  const i = ref.indexOf(':');
  return { platform: ref.slice(0, i), handle: ref.slice(i + 1) };
}

/**
 * Whom a message is addressed to, as duplicates are compared: the members of a conversation (by
 * its ref, so two phones' exports of one chat meet), else the set of its recipients. The same text
 * at the same second to other people is another message, never a copy.
 */
function addresseesKey(conversation: string | null, recipients: readonly number[]): string {
  return conversation !== null ? `c:${conversation}` : `r:${[...recipients].sort((a, b) => a - b).join(',')}`;
}



/**
 * indexTokens(text) (folded mode), faster for ASCII text: normalise only folds its case there,
 * so its tokens are its lower-cased ASCII words (the SQLite writer, too, indexes ASCII bodies
 * without calling normalise: fts-build.ts).
 */
export function ftsTokens(text: string, lang: string | null = null): string[] {
  if (hasStemmer(lang)) return indexTokens(text, 'folded', { lang });
  return ASCII.test(text) ? (text.toLowerCase().match(/[a-z0-9]+/g) ?? []) : indexTokens(text);
}

/**
 * A message's full-text lexemes: clew's index tokens (as SQLite's FTS5 table holds them) with
 * their 1-based positions, so phrases and prefixes match as there; within PostgreSQL's limits
 * (positions past 16383 count as 16383, once).
 */
export function ftsLexemes(subject: string | null, body: string, lang: string | null = null): Map<string, number[]> {
  const tokens = ftsTokens(subject !== null && subject !== '' ? `${subject}\n${body}` : body, lang);
  const pos = new Map<string, number[]>();
  let bytes = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let p = pos.get(t);
    if (!p) {
      const n = Buffer.byteLength(t);
      if (n > MAX_LEXEME_BYTES) continue;
      if (bytes + n > MAX_TSVECTOR_BYTES) continue;
      bytes += n + 8;
      pos.set(t, (p = []));
    }
    const at = Math.min(i + 1, MAX_POS);
    if (p.length < MAX_POSITIONS && p[p.length - 1] !== at) p.push(at);
  }
  return pos;
}

/** The same as a tsvector literal (for statements that cast text to tsvector). */
export function ftsVector(subject: string | null, body: string, lang: string | null = null): string {
  let out = '';
  for (const [t, p] of ftsLexemes(subject, body, lang)) out += `${out ? ' ' : ''}'${t}':${p.join(',')}`;
  return out;
}

type Snapshot = Record<'accounts' | 'conversations' | 'calls' | 'attachments' | 'events' | 'locations' | 'quarantine', number>;

/** An integer (or null) as an SQL literal, for statements sent without parameters. */
function intLiteral(v: number | null): string {
  if (v === null) return 'NULL';
  if (!Number.isSafeInteger(v)) throw new ClewError('INTERNAL', `not an integer: ${v}`);
  return String(v);
}

/**
 * The case's write lock, on a client of its own held until the writer ends: a session advisory
 * lock, so a writer whose process or connection dies releases it with its session. `locator`:
 * the case's printable locator, for the error.
 */
export async function lockCase(db: PgCase, locator: string): Promise<pg.PoolClient> {
  const c = await db.pool.connect();
  // a connection lost while it is checked out: its queries fail (and say so), the process goes on
  c.on('error', () => {});
  try {
    const r = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [CASE_LOCK, db.caseId]);
    if (!r.rows[0]?.ok) throw new ClewError('CASE_BUSY', `another ingest is writing to ${locator}; wait for it to end (run this one again then)`, { locator });
    return c;
  } catch (e) {
    c.release();
    throw e;
  }
}

/** A new source of the case (status partial), and its writer, which holds the case's write lock. */
export async function beginPgSource(db: PgCase, locator: string, meta: SourceMeta): Promise<PgSourceWriter> {
  const c = await lockCase(db, locator);
  try {
    const id = (await one<{ id: number }>(c, 'SELECT coalesce(max(id), 0) + 1 AS id FROM sources WHERE case_id = $1', [db.caseId]))!.id;
    await c.query(
      `INSERT INTO sources (case_id, id, sha256, path, name, size, format, options, started_at, status, resume_offset, resume_line)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'partial', 0, 1)`,
      [db.caseId, id, meta.sha256, meta.path, meta.name, meta.size, meta.format, JSON.stringify(meta.options), Date.now()],
    );
    return await PgSourceWriter.start(db, c, (await readSource(c, db.caseId, id))!);
  } catch (e) {
    await PgSourceWriter.unlock(c, db.caseId);
    throw e;
  }
}

/** The writer of a partial source, from its last committed batch on. */
export async function resumePgSource(db: PgCase, locator: string, source: SourceRow): Promise<PgSourceWriter> {
  const c = await lockCase(db, locator);
  try {
    // what was committed, read under the lock
    const now = await readSource(c, db.caseId, source.id);
    if (!now) throw new ClewError('NOT_FOUND', `source ${source.id} is not in ${locator}`);
    return await PgSourceWriter.start(db, c, now);
  } catch (e) {
    await PgSourceWriter.unlock(c, db.caseId);
    throw e;
  }
}

export class PgSourceWriter implements SourceWriter {
  readonly batchSize = BATCH_SIZE;
  private readonly caseId: number;
  private readonly accounts = new Map<string, number>();
  private readonly conversations = new Map<string, Conv>();
  private readonly toMembers = new Map<number, Brief[]>();
  /** What this batch added to toMembers (taken back when it fails). */
  private batchTracked: number[] = [];
  private toMembersCount = 0;
  private toMembersOverflow = false;
  private needConversationIndex = false;
  private readonly edges: Edges = new Map();
  private chain: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;
  private released = false;
  private written = 0;
  private nextAnalyze = 0;

  private constructor(
    private readonly db: PgCase,
    private readonly c: pg.PoolClient,
    private source: SourceRow,
    private readonly next: Snapshot,
  ) {
    this.caseId = db.caseId;
  }

  /** The source as the writer started it (after what a resume recovered). */
  get sourceRow(): SourceRow {
    return this.source;
  }

  /** A writer on `c`, which holds the case's write lock (released by finish or abort). */
  static async start(db: PgCase, c: pg.PoolClient, source: SourceRow): Promise<PgSourceWriter> {
    const caseId = db.caseId;
    const max = (t: string) => `(SELECT coalesce(max(id), 0) FROM ${t} WHERE case_id = $1) AS ${t}`;
    const next = (await one<Snapshot>(
      c,
      `SELECT ${['accounts', 'conversations', 'calls', 'attachments', 'events', 'locations', 'quarantine'].map(max).join(', ')}`,
      [caseId],
    ))!;
    const w = new PgSourceWriter(db, c, source, next);
    // a first load into an empty case: the read-side indexes are built once at its end (finish),
    // a sort being far cheaper than as many inserts into them (the full-text GIN above all)
    const others = await one(c, 'SELECT 1 FROM messages WHERE case_id = $1 AND source_id <> $2 LIMIT 1', [caseId, source.id]);
    if (others === null) for (const i of deferredIndexes(caseId)) await c.query(`DROP INDEX IF EXISTS ${i.name}`);
    if (source.itemsDone > 0) await w.recover();
    return w;
  }

  /** Release the case's write lock and the connection that holds it. */
  static async unlock(c: pg.PoolClient, caseId: number): Promise<void> {
    try {
      await c.query('SELECT pg_advisory_unlock($1, $2)', [CASE_LOCK, caseId]);
      c.release();
    } catch (e) {
      // a dead connection: its session, and so its lock, are gone with it
      c.release(e instanceof Error ? e : true);
    }
  }

  /**
   * Resuming: the edge increments of the committed batches were in the stopped process's
   * memory (recounted from what is stored), and the messages addressed to members that a late
   * member may still reach.
   */
  private async recover(): Promise<void> {
    const { c, caseId } = this;
    const sid = this.source.id;
    await c.query('BEGIN');
    try {
      await c.query('DELETE FROM edge_deltas WHERE case_id = $1 AND source_id = $2', [caseId, sid]);
      await c.query(
        `INSERT INTO edge_deltas (case_id, source_id, src, dst, channel, count, first, last)
         SELECT $1, $2, m.sender, r.account_id, m.channel, count(*), min(m.ts), max(m.ts)
         FROM messages m JOIN message_recipients r ON r.case_id = m.case_id AND r.message_id = m.id
         WHERE m.case_id = $1 AND m.source_id = $2 AND m.dup_of IS NULL AND r.account_id != m.sender GROUP BY m.sender, r.account_id, m.channel
         UNION ALL
         SELECT $1, $2, caller, callee, channel, count(*), min(ts), max(ts) FROM calls
         WHERE case_id = $1 AND source_id = $2 AND dup_of IS NULL AND caller != callee GROUP BY caller, callee, channel`,
        [caseId, sid],
      );
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
    const tracked = await rows<{ id: number; conversation_id: number; sender: number; channel: string; ts: number; dup: boolean }>(
      c,
      `SELECT id, conversation_id, sender, channel, ts, dup_of IS NOT NULL AS dup FROM messages
       WHERE case_id = $1 AND source_id = $2 AND flags & ${FLAG_TO_MEMBERS} <> 0 ORDER BY id`,
      [caseId, sid],
    );
    for (const r of tracked) this.track(r.conversation_id, { id: r.id, sender: r.sender, channel: r.channel, ts: r.ts, dup: r.dup });
  }

  private track(conversation: number, b: Brief): void {
    if (this.toMembersOverflow) return;
    if (++this.toMembersCount > MAX_TRACKED) {
      // past the bound, late members reach the committed messages through SQL (addLateMember),
      // which needs the conversation index
      this.toMembersOverflow = true;
      this.toMembers.clear();
      this.needConversationIndex = true;
      return;
    }
    const list = this.toMembers.get(conversation);
    if (list) list.push(b);
    else this.toMembers.set(conversation, [b]);
    this.batchTracked.push(conversation);
  }

  /** After a failed batch: the in-memory state as the last committed batch left it. */
  private forgetBatch(next: Snapshot): void {
    Object.assign(this.next, next);
    // ids of rows that were rolled back may be cached: both reload from the case
    this.accounts.clear();
    this.conversations.clear();
    for (let i = this.batchTracked.length - 1; i >= 0; i--) {
      if (this.toMembersOverflow) break;
      const conv = this.batchTracked[i]!;
      this.toMembers.get(conv)?.pop();
      this.toMembersCount--;
    }
    this.batchTracked = [];
  }

  writeBatch(items: BatchItem[], position: BatchPosition): Promise<BatchResult> {
    const run = this.chain.then(() => this.runBatch(items, position));
    this.chain = run.catch(() => {});
    return run;
  }

  private async runBatch(items: BatchItem[], pos: BatchPosition): Promise<BatchResult> {
    if (this.released) throw new ClewError('INTERNAL', 'the source writer has ended');
    if (this.failure) throw this.failure;
    const { c } = this;
    const before = { ...this.next };
    this.batchTracked = [];
    let done: { res: BatchResult; edges: Edges; spill: boolean };
    try {
      // the batch's lookups are index probes by design: never a scan chosen from statistics that
      // describe a smaller case (a tiny first source, a partition just created); one round trip
      await c.query('BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off');
      done = await this.batch(items, pos);
    } catch (e) {
      // nothing of the batch stays, in the case or in memory: the next batch may follow
      const rolledBack = await c.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      this.forgetBatch(before);
      if (rolledBack) throw e;
      // the connection is gone (the server stopped, the network failed): the source resumes from
      // its last committed batch when the same ingest runs again
      this.failure = lostConnection(e);
      throw this.failure;
    }
    // committed: its increments join the source's (a batch that fails adds none)
    if (done.spill) this.edges.clear();
    else for (const [k, e] of done.edges) mergeEdge(this.edges, k, e);
    this.written += items.length;
    if (this.written >= this.nextAnalyze) {
      // statistics follow the data while a large source loads: after its first batch, then each
      // time what it wrote grew fourfold (its own lookups are pinned to index probes meanwhile)
      this.nextAnalyze = Math.max(this.written * 4, 1000);
      await this.analyze(['messages', 'message_recipients', 'accounts', 'calls', 'conversations', 'conversation_members']);
    }
    return done.res;
  }

  private async analyze(tables: readonly string[]): Promise<void> {
    await this.c.query(`ANALYZE ${tables.map((t) => partitionName(t, this.caseId)).join(', ')}`);
  }

  /** The batch's statements, inside its transaction. */
  private async batch(items: BatchItem[], pos: BatchPosition): Promise<{ res: BatchResult; edges: Edges; spill: boolean }> {
    const { c, caseId } = this;
    const sid = this.source.id;
    const res: BatchResult = { records: 0, rejected: 0, duplicates: 0 };
    const edges: Edges = new Map();

    // ---- accounts and conversations the batch names, in the order the SQLite writer meets them
    const refs: string[] = [];
    const convRefs: string[] = [];
    const seenRef = new Set<string>();
    const seenConv = new Set<string>();
    const ref = (r: string | undefined) => {
      if (r === undefined) return;
      const s = pgText(r);
      if (!seenRef.has(s)) {
        seenRef.add(s);
        refs.push(s);
      }
    };
    const conv = (r: string | undefined) => {
      if (r === undefined) return;
      const s = pgText(r);
      if (!seenConv.has(s)) {
        seenConv.add(s);
        convRefs.push(s);
      }
    };
    for (const it of items) {
      if (it.kind !== 'record') continue;
      const r = it.record;
      switch (r.type) {
        case 'message':
          ref(r.from);
          conv(r.conversation);
          for (const t of r.to) ref(t);
          break;
        case 'call':
          ref(r.from);
          ref(r.to);
          break;
        case 'account':
          ref(r.ref);
          break;
        case 'contact':
          ref(r.owner);
          ref(r.contact);
          break;
        case 'conversation':
          conv(r.ref);
          for (const m of r.members ?? []) ref(m);
          break;
        case 'event':
          conv(r.conversation);
          ref(r.actor);
          ref(r.subject);
          break;
        case 'location':
          ref(r.account);
          break;
        case 'device':
          ref(r.account);
          break;
        case 'attachment':
          break;
      }
    }
    const newAccounts: BinaryValue[][] = [];
    await this.resolveAccounts(refs, newAccounts);
    const newConvs = await this.resolveConversations(convRefs);
    const acc = (r: string) => this.accounts.get(pgText(r))!;
    const convOf = (r: string) => this.conversations.get(pgText(r))!;

    // ---- the duplicate and id-slot lookups, one query each
    const msgs: { i: number; r: MessageRecord; sender: number; body: string; addressees: string }[] = [];
    const msgOf: (typeof msgs)[number][] = new Array(items.length);
    const calls: { i: number; ts: number; caller: number; callee: number; duration: number; channel: string }[] = [];
    items.forEach((it, i) => {
      if (it.kind !== 'record') return;
      const r = it.record;
      if (r.type === 'message') {
        const sender = acc(r.from);
        const cv = r.conversation === undefined ? null : convOf(r.conversation);
        // whom it is addressed to does not depend on the members (a conversation's ref stands for them)
        const to = r.to.length === 0 ? [] : messageRecipients(sender, r.to.map(acc), undefined);
        const m = { i, r, sender, body: pgText(r.body), addressees: addresseesKey(r.to.length === 0 && cv ? pgText(r.conversation!) : null, to) };
        msgs.push(m);
        msgOf[i] = m;
      }
      else if (r.type === 'call') calls.push({ i, ts: r.ts, caller: acc(r.from), callee: acc(r.to), duration: r.duration, channel: r.channel ?? 'call' });
    });
    const { occupied, dupOf: dbDupOf } = await this.messageLookups(msgs);
    const dbCallDup = await this.callLookups(calls);

    // ---- the rows, record by record
    const out = {
      messages: [] as BinaryValue[][],
      recipients: [] as BinaryValue[][],
      lateRecipients: [] as [number, number][],
      mentions: [] as BinaryValue[][],
      calls: [] as BinaryValue[][],
      attachments: [] as BinaryValue[][],
      blobs: new Map<string, Uint8Array>(),
      events: [] as BinaryValue[][],
      locations: [] as BinaryValue[][],
      quarantine: [] as BinaryValue[][],
      contacts: [] as CopyValue[][],
      devices: [] as CopyValue[][],
      members: [] as [number, number][],
      accountInfo: new Map<number, { kind: string | null; name: string | null }>(),
      titles: new Map<number, string>(),
    };
    // first copies written in this batch, by time and sender (then body and addressees compared)
    const batchFirst = new Map<string, { body: string; addressees: string; id: number }[]>();
    const batchCallFirst = new Map<string, number>();
    const batchBriefs = new Map<number, Brief[]>(); // overflow: this batch's to-members messages

    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (it.kind === 'reject') {
        out.quarantine.push([++this.next.quarantine, sid, formatLoc(it.locator), it.locator.line ?? null, it.code, pgText(it.message), it.excerpt === undefined ? null : pgText(it.excerpt)]);
        res.rejected++;
        continue;
      }
      res.records++;
      const r: ClewRecord = it.record;
      const l: Locator = it.locator;
      const loc = formatLoc(l);
      switch (r.type) {
        case 'message': {
          const { sender, body, addressees } = msgOf[i]!;
          const cv = r.conversation === undefined ? null : convOf(r.conversation);
          const recipients = messageRecipients(sender, r.to.map(acc), cv?.members);
          const key = `${r.ts}|${sender}`;
          const dupOf = dbDupOf.get(i) ?? batchFirst.get(key)?.find((f) => f.body === body && f.addressees === addressees)?.id ?? null;
          // the pipeline's analysis (src/ingest/analyse.ts), stored for a first copy as it is
          const analysis = dupOf !== null ? null : (it.analysis ?? null);
          const flags = (r.edited ? FLAG_EDITED : 0) | (r.deleted ? FLAG_DELETED : 0) | (r.to.length === 0 && cv ? FLAG_TO_MEMBERS : 0);
          let id = messageIdBase(r.ts, l);
          while (occupied.has(id)) id++;
          if (id >= (r.ts + 2) * SLOTS) id = await this.freeIdFrom(id, occupied);
          occupied.add(id);
          out.messages.push([
            id, sid, loc, sender, cv?.id ?? null, r.channel, r.ts, r.tzOffset, r.tsLocal ?? null, body,
            r.subject === undefined ? null : pgText(r.subject), r.nativeId === undefined ? null : pgText(r.nativeId),
            r.replyTo === undefined ? null : pgText(r.replyTo), r.forwardedFrom === undefined ? null : pgText(r.forwardedFrom),
            flags, dupOf, analysis?.lang ?? null, analysis?.lang ? analysis.langConfidence : null,
            // the full-text vector: first copies only (search leaves out partial sources: schema.ts)
            dupOf === null ? ftsLexemes(r.subject ?? null, body, analysis?.lang ?? null) : null,
          ]);
          for (const a of recipients) out.recipients.push([id, a]);
          if (flags & FLAG_TO_MEMBERS) {
            const b: Brief = { id, sender, channel: r.channel, ts: r.ts, dup: dupOf !== null };
            this.track(cv!.id, b);
            if (this.toMembersOverflow) {
              const l2 = batchBriefs.get(cv!.id);
              if (l2) l2.push(b);
              else batchBriefs.set(cv!.id, [b]);
            }
          }
          if (dupOf !== null) {
            res.duplicates++;
            break;
          }
          const firsts = batchFirst.get(key);
          if (firsts) firsts.push({ body, addressees, id });
          else batchFirst.set(key, [{ body, addressees, id }]);
          for (const m of analysis?.mentions ?? [])
            out.mentions.push([id, m.type, m.start, m.end, pgText(m.raw), pgText(m.value), m.confidence, m.attrs ? pgText(JSON.stringify(m.attrs)) : null]);
          for (const a of recipients) addEdge(edges, sender, a, r.channel, r.ts);
          break;
        }
        case 'call': {
          const caller = acc(r.from);
          const callee = acc(r.to);
          const channel = r.channel ?? 'call';
          const key = `${r.ts}|${caller}|${callee}|${r.duration}|${channel}`;
          const dupOf = dbCallDup.get(i) ?? batchCallFirst.get(key) ?? null;
          const id = ++this.next.calls;
          out.calls.push([id, sid, loc, caller, callee, channel, r.ts, r.tzOffset, r.tsLocal ?? null, r.duration, r.lat ?? null, r.lon ?? null, r.nativeId === undefined ? null : pgText(r.nativeId), dupOf]);
          if (dupOf !== null) {
            res.duplicates++;
            break;
          }
          batchCallFirst.set(key, id);
          addEdge(edges, caller, callee, channel, r.ts);
          break;
        }
        case 'account': {
          const id = acc(r.ref);
          const prev = out.accountInfo.get(id);
          // the SQLite writer's coalesce(new, old), record after record: the last value given wins
          out.accountInfo.set(id, { kind: r.kind ?? prev?.kind ?? null, name: r.displayName !== undefined ? pgText(r.displayName) : (prev?.name ?? null) });
          break;
        }
        case 'contact':
          out.contacts.push([acc(r.owner), acc(r.contact), pgText(r.name), sid, loc]);
          break;
        case 'conversation': {
          const cv = convOf(r.ref);
          if (r.title !== undefined) {
            // the SQLite writer's coalesce(new, old): the last title given wins
            const inserted = newConvs.get(pgText(r.ref));
            if (inserted) inserted.title = pgText(r.title);
            else out.titles.set(cv.id, pgText(r.title));
          }
          for (const m of r.members ?? []) {
            const a = acc(m);
            if (cv.members.includes(a)) continue;
            out.members.push([cv.id, a]);
            cv.members.push(a);
            await this.addLateMember(cv.id, a, edges, out.lateRecipients, batchBriefs);
          }
          break;
        }
        case 'attachment':
          this.attachment(r, loc, out.attachments, out.blobs);
          break;
        case 'event':
          out.events.push([
            ++this.next.events, sid, loc, r.kind, r.ts, r.tzOffset, r.tsLocal ?? null,
            r.actor === undefined ? null : acc(r.actor), r.subject === undefined ? null : acc(r.subject),
            r.conversation === undefined ? null : convOf(r.conversation).id, pgText(r.text),
          ]);
          break;
        case 'location':
          out.locations.push([
            ++this.next.locations, sid, loc, r.kind, r.lat, r.lon, r.ts ?? null, r.account === undefined ? null : acc(r.account),
            r.message === undefined ? null : pgText(r.message), r.attachment === undefined ? null : pgText(r.attachment), r.label === undefined ? null : pgText(r.label),
          ]);
          break;
        case 'device': {
          const a = acc(r.account);
          for (const [k, v] of Object.entries(r.identifiers)) out.devices.push([a, pgText(k), pgText(v), sid, loc]);
          break;
        }
      }
    }

    // ---- the writes
    await copyBinaryRows(c, 'accounts', ['id', 'ref', 'platform', 'handle'], caseId, newAccounts);
    if (out.accountInfo.size > 0) {
      const ids = [...out.accountInfo.keys()];
      await c.query(
        `UPDATE accounts a SET kind = coalesce(u.kind, a.kind), display_name = coalesce(u.name, a.display_name)
         FROM unnest($2::bigint[], $3::text[], $4::text[]) AS u(id, kind, name) WHERE a.case_id = $1 AND a.id = u.id`,
        [caseId, ids, ids.map((id) => out.accountInfo.get(id)!.kind), ids.map((id) => out.accountInfo.get(id)!.name)],
      );
    }
    await copyBinaryRows(c, 'conversations', columnNames('conversations'), caseId, [...newConvs.values()].map((x) => [x.id, sid, x.ref, x.title]));
    if (out.titles.size > 0)
      await c.query(`UPDATE conversations v SET title = u.title FROM unnest($2::bigint[], $3::text[]) AS u(id, title) WHERE v.case_id = $1 AND v.id = u.id`, [
        caseId,
        [...out.titles.keys()],
        [...out.titles.values()],
      ]);
    await this.insertIgnore('conversation_members', out.members);
    await copyBinaryRows(c, 'messages', columnNames('messages'), caseId, out.messages);
    await copyBinaryRows(c, 'message_recipients', columnNames('message_recipients'), caseId, out.recipients);
    await this.insertIgnore('message_recipients', out.lateRecipients);
    await copyBinaryRows(c, 'mentions', columnNames('mentions'), caseId, out.mentions);
    await copyBinaryRows(c, 'calls', columnNames('calls'), caseId, out.calls);
    for (const [sha, data] of out.blobs)
      await c.query('INSERT INTO blobs (case_id, sha256, size, data) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        caseId,
        sha,
        data.byteLength,
        Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      ]);
    await copyBinaryRows(c, 'attachments', columnNames('attachments'), caseId, out.attachments);
    await copyBinaryRows(c, 'events', columnNames('events'), caseId, out.events);
    await copyBinaryRows(c, 'locations', columnNames('locations'), caseId, out.locations);
    await copyBinaryRows(c, 'quarantine', columnNames('quarantine'), caseId, out.quarantine);
    await this.insertIgnore('contacts', out.contacts);
    await this.insertIgnore('devices', out.devices);
    // past the bound, the increments held so far and this batch's are written with this batch
    const spill = this.edges.size + edges.size > MAX_EDGES_IN_MEMORY;
    if (spill) {
      await this.writeEdgeDeltas(this.edges);
      await this.writeEdgeDeltas(edges);
    }
    // the source's position, the case's change counter and the commit: one round trip (integers
    // only, written as literals: a statement list takes no parameters)
    const [cid, src, off, line, done, recs, rej, dups] = [caseId, sid, pos.offset, pos.line, pos.itemsDone, res.records, res.rejected, res.duplicates].map(intLiteral);
    await c.query(
      `UPDATE sources SET resume_offset = ${off}, resume_line = ${line}, items_done = ${done},
         records = records + ${recs}, rejected = rejected + ${rej}, duplicates = duplicates + ${dups} WHERE case_id = ${cid} AND id = ${src};
       ${GENERATION_SQL.replaceAll('$1', cid!)};
       COMMIT`,
    );
    return { res, edges, spill };
  }

  /**
   * INSERT … ON CONFLICT DO NOTHING of many rows at once (the SQLite writer's INSERT OR IGNORE),
   * each row's values in the table's declared column order (schema/tables.ts).
   */
  private async insertIgnore(table: string, data: readonly CopyValue[][]): Promise<void> {
    if (data.length === 0) return;
    const columns = columnNames(table);
    const types = columnTypes(table);
    const arrays = columns.map((_, j) => data.map((r) => r[j] ?? null));
    const unnest = types.map((t, j) => `$${j + 2}::${t}[]`).join(', ');
    await this.c.query(`INSERT INTO ${partitionName(table, this.caseId)} (case_id, ${columns.join(', ')}) SELECT $1, * FROM unnest(${unnest}) ON CONFLICT DO NOTHING`, [this.caseId, ...arrays]);
  }

  private async resolveAccounts(refs: string[], inserts: BinaryValue[][]): Promise<void> {
    if (this.accounts.size + refs.length > 500_000) this.accounts.clear(); // bound memory on huge cases
    const unknown = refs.filter((r) => !this.accounts.has(r));
    if (unknown.length === 0) return;
    const found = await rows<{ id: number; ref: string }>(this.c, 'SELECT id, ref FROM accounts WHERE case_id = $1 AND ref = ANY($2::text[])', [this.caseId, unknown]);
    for (const f of found) this.accounts.set(f.ref, f.id);
    for (const r of unknown) {
      if (this.accounts.has(r)) continue;
      const id = ++this.next.accounts;
      this.accounts.set(r, id);
      const { platform, handle } = splitRef(r);
      inserts.push([id, r, platform, handle]);
    }
  }

  /** The batch's conversations: known ones from the case (with their members), new ones numbered in order. */
  private async resolveConversations(refs: string[]): Promise<Map<string, { id: number; ref: string; title: string | null }>> {
    const sid = this.source.id;
    if (this.conversations.size + refs.length > 100_000) this.conversations.clear(); // bound memory
    const unknown = refs.filter((r) => !this.conversations.has(r));
    const inserts = new Map<string, { id: number; ref: string; title: string | null }>();
    if (unknown.length === 0) return inserts;
    const found = await rows<{ id: number; ref: string }>(this.c, 'SELECT id, ref FROM conversations WHERE case_id = $1 AND source_id = $2 AND ref = ANY($3::text[])', [
      this.caseId,
      sid,
      unknown,
    ]);
    const members = new Map<number, number[]>();
    if (found.length > 0)
      for (const m of await rows<{ conversation_id: number; account_id: number }>(
        this.c,
        'SELECT conversation_id, account_id FROM conversation_members WHERE case_id = $1 AND conversation_id = ANY($2::bigint[]) ORDER BY conversation_id, account_id',
        [this.caseId, found.map((f) => f.id)],
      )) {
        const l = members.get(m.conversation_id);
        if (l) l.push(m.account_id);
        else members.set(m.conversation_id, [m.account_id]);
      }
    for (const f of found) this.conversations.set(f.ref, { id: f.id, members: members.get(f.id) ?? [] });
    for (const r of unknown) {
      if (this.conversations.has(r)) continue;
      const id = ++this.next.conversations;
      this.conversations.set(r, { id, members: [] });
      inserts.set(r, { id, ref: r, title: null });
    }
    return inserts;
  }

  /**
   * The batch's message windows: the ids taken in the milliseconds its messages fall in (and
   * the next, where a full millisecond's ids overflow), and each message's first copy stored
   * before this batch (same sender, time and body; dup_of NULL), lowest id first.
   */
  private async messageLookups(msgs: { i: number; r: MessageRecord; sender: number; body: string; addressees: string }[]): Promise<{ occupied: Set<number>; dupOf: Map<number, number> }> {
    const occupied = new Set<number>();
    const dupOf = new Map<number, number>();
    if (msgs.length === 0) return { occupied, dupOf };
    const tss = [...new Set(msgs.map((m) => m.r.ts))];
    const found = await rows<{ id: number; ts: number; sender: number; first: boolean; h: string }>(
      this.c,
      `SELECT m.id, m.ts, m.sender, m.dup_of IS NULL AS first, CASE WHEN m.dup_of IS NULL THEN md5(m.body) END AS h
       FROM unnest($2::bigint[]) AS k(ts) JOIN messages m ON m.case_id = $1 AND m.id >= k.ts * ${SLOTS} AND m.id < k.ts * ${SLOTS} + ${2 * SLOTS}`,
      [this.caseId, tss],
    );
    const candidates = new Map<string, { id: number; h: string }[]>();
    for (const f of found) {
      occupied.add(f.id);
      if (!f.first) continue;
      const k = `${f.ts}|${f.sender}`;
      const l = candidates.get(k);
      if (l) l.push({ id: f.id, h: f.h });
      else candidates.set(k, [{ id: f.id, h: f.h }]);
    }
    if (candidates.size === 0) return { occupied, dupOf };
    // md5 narrows; the body itself decides (one more query, only when a candidate matched)
    const check: { i: number; id: number; body: string }[] = [];
    const addressees = new Map<number, string>();
    for (const m of msgs) {
      const l = candidates.get(`${m.r.ts}|${m.sender}`);
      if (!l) continue;
      addressees.set(m.i, m.addressees);
      const h = createHash('md5').update(m.body).digest('hex');
      for (const x of l) if (x.h === h) check.push({ i: m.i, id: x.id, body: m.body });
    }
    if (check.length === 0) return { occupied, dupOf };
    // the same body; a copy also has the same addressees (writer.ts of SQLite, firstCopy)
    const same = await rows<{ i: number; id: number; to_members: boolean; conversation: string | null; recipients: number[] | null }>(
      this.c,
      `SELECT k.i, k.id, (m.flags & ${FLAG_TO_MEMBERS}) <> 0 AS to_members, c.ref AS conversation,
              (SELECT array_agg(r.account_id ORDER BY r.account_id) FROM message_recipients r WHERE r.case_id = $1 AND r.message_id = k.id) AS recipients
       FROM unnest($2::int[], $3::bigint[], $4::text[]) AS k(i, id, body)
       JOIN messages m ON m.case_id = $1 AND m.id = k.id AND m.body = k.body
       LEFT JOIN conversations c ON c.case_id = $1 AND c.id = m.conversation_id ORDER BY k.i, k.id`,
      [this.caseId, check.map((x) => x.i), check.map((x) => x.id), check.map((x) => x.body)],
    );
    for (const s of same)
      if (!dupOf.has(s.i) && addresseesKey(s.to_members ? s.conversation : null, s.recipients ?? []) === addressees.get(s.i)) dupOf.set(s.i, s.id);
    return { occupied, dupOf };
  }

  /** A free message id at or after `id`, past the window looked up (a millisecond with more than 2048 messages). */
  private async freeIdFrom(id: number, occupied: Set<number>): Promise<number> {
    for (;;) {
      if (!occupied.has(id)) {
        const r = await one<{ n: number }>(this.c, 'SELECT count(*) AS n FROM messages WHERE case_id = $1 AND id = $2', [this.caseId, id]);
        if (r!.n === 0) return id;
      }
      id++;
    }
  }

  /** Each call's first copy stored before this batch (same time, caller, callee, duration, channel). */
  private async callLookups(calls: { i: number; ts: number; caller: number; callee: number; duration: number; channel: string }[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (calls.length === 0) return out;
    const found = await rows<{ i: number; id: number | null }>(
      this.c,
      `SELECT k.i, (SELECT id FROM calls c WHERE c.case_id = $1 AND c.ts = k.ts AND c.caller = k.caller AND c.callee = k.callee
                       AND c.duration = k.duration AND c.channel = k.channel AND c.dup_of IS NULL ORDER BY id LIMIT 1) AS id
       FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::float8[], $7::text[]) AS k(i, ts, caller, callee, duration, channel)`,
      [this.caseId, calls.map((x) => x.i), calls.map((x) => x.ts), calls.map((x) => x.caller), calls.map((x) => x.callee), calls.map((x) => x.duration), calls.map((x) => x.channel)],
    );
    for (const f of found) if (f.id !== null) out.set(f.i, f.id);
    return out;
  }

  /** A member announced after messages to the conversation: those messages reach it too. */
  private async addLateMember(conversation: number, member: number, edges: Edges, late: [number, number][], batchBriefs: Map<number, Brief[]>): Promise<void> {
    const reach = (list: readonly Brief[]) => {
      for (const m of list) {
        if (m.sender === member) continue;
        late.push([m.id, member]);
        if (!m.dup) addEdge(edges, m.sender, member, m.channel, m.ts);
      }
    };
    if (!this.toMembersOverflow) {
      reach(this.toMembers.get(conversation) ?? []);
      return;
    }
    // committed messages through SQL, this batch's (not written yet) from memory
    const { caseId } = this;
    if (this.needConversationIndex) {
      const t = caseTable('messages');
      await this.c.query(indexSql(t, t.indexes!.find((i) => i.name === 'conversation')!, caseId));
      this.needConversationIndex = false;
    }
    const sid = this.source.id;
    await this.c.query(
      `INSERT INTO message_recipients (case_id, message_id, account_id)
       SELECT $1, id, $2 FROM messages WHERE case_id = $1 AND conversation_id = $3 AND flags & ${FLAG_TO_MEMBERS} <> 0 AND sender != $2
       ON CONFLICT DO NOTHING`,
      [caseId, member, conversation],
    );
    await this.c.query(
      `INSERT INTO edge_deltas (case_id, source_id, src, dst, channel, count, first, last)
       SELECT $1, $4, sender, $2, channel, count(*), min(ts), max(ts) FROM messages
       WHERE case_id = $1 AND conversation_id = $3 AND flags & ${FLAG_TO_MEMBERS} <> 0 AND dup_of IS NULL AND sender != $2 GROUP BY sender, channel`,
      [caseId, member, conversation, sid],
    );
    reach(batchBriefs.get(conversation) ?? []);
  }

  private attachment(r: AttachmentRecord, loc: string, rowsOut: BinaryValue[][], blobs: Map<string, Uint8Array>): void {
    let sha = r.sha256 ?? null;
    if (r.content) {
      if (r.content.byteLength > MAX_BLOB_BYTES) throw new ClewError('TOO_LARGE', `attachment ${r.filename} is over ${MAX_BLOB_BYTES} bytes`);
      sha ??= createHash('sha256').update(r.content).digest('hex');
      if (!blobs.has(sha)) blobs.set(sha, r.content);
    }
    rowsOut.push([
      ++this.next.attachments, this.source.id, loc, pgText(r.nativeId), r.message === undefined ? null : pgText(r.message), pgText(r.filename),
      r.mime === undefined ? null : pgText(r.mime), r.size !== undefined ? Math.round(r.size) : (r.content?.byteLength ?? null), sha === null ? null : pgText(sha),
      validTakenAt(r.takenAt),
    ]);
  }

  private async writeEdgeDeltas(edges: Edges): Promise<void> {
    const sid = this.source.id;
    await copyBinaryRows(this.c, 'edge_deltas', columnNames('edge_deltas'), this.caseId, [...edges.values()].map((e) => [sid, e.src, e.dst, e.channel, e.count, e.first, e.last]));
  }

  /**
   * Completes the source in one transaction: its edges folded into the case's and its 'complete'
   * status (which makes its messages searchable). A crash before that commit leaves it partial
   * with no edges, so the run that resumes it counts every message once. Then the case's
   * statistics are brought up to date (ANALYZE of its partitions).
   */
  finish(): Promise<SourceRow> {
    const run = this.chain.then(() => this.complete());
    this.chain = run.catch(() => {});
    return run;
  }

  private async complete(): Promise<SourceRow> {
    if (this.released) throw new ClewError('INTERNAL', 'the source writer has ended');
    if (this.failure) throw this.failure;
    const { c, caseId } = this;
    const sid = this.source.id;
    try {
      await this.buildDeferredIndexes();
      await c.query('BEGIN');
      await this.writeEdgeDeltas(this.edges);
      await c.query(
        `INSERT INTO edges (case_id, src, dst, channel, count, first, last)
         SELECT $1, src, dst, channel, sum(count), min(first), max(last) FROM edge_deltas WHERE case_id = $1 AND source_id = $2 GROUP BY src, dst, channel
         ON CONFLICT (case_id, src, dst, channel) DO UPDATE SET count = edges.count + excluded.count,
           first = least(edges.first, excluded.first), last = greatest(edges.last, excluded.last)`,
        [caseId, sid],
      );
      await c.query('DELETE FROM edge_deltas WHERE case_id = $1 AND source_id = $2', [caseId, sid]);
      await c.query(`UPDATE sources SET status = 'complete', finished_at = $3 WHERE case_id = $1 AND id = $2`, [caseId, sid, Date.now()]);
      await bumpGeneration(c, caseId);
      await c.query('COMMIT');
    } catch (e) {
      const rolledBack = await c.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      this.failure = rolledBack ? e : lostConnection(e);
      throw this.failure;
    }
    this.edges.clear();
    await this.analyze(CASE_TABLES.map((t) => t.name));
    // the selector keys other cases' users may discover (discovery.ts), with this source's
    await c.query('BEGIN');
    try {
      await refreshCaseSelectors(c, caseId);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
    const done = (await readSource(c, caseId, sid))!;
    await this.release();
    return done;
  }

  /**
   * The read-side indexes (dropped for a first load, or never built after a crash), two at a
   * time: on the writer's connection and on another of the pool (CREATE INDEX takes a lock that
   * does not exclude another CREATE INDEX on the same table), so both of the server's cores
   * build them while the ingest has nothing else to do.
   */
  private async buildDeferredIndexes(): Promise<void> {
    const todo = deferredIndexes(this.caseId).map((i) => i.sql);
    const build = async (q: pg.PoolClient) => {
      await q.query(`SET maintenance_work_mem = '256MB'`);
      for (let sql = todo.shift(); sql !== undefined; sql = todo.shift()) await q.query(sql);
      await q.query('RESET maintenance_work_mem');
    };
    const other = todo.length > 1 ? await this.db.pool.connect().catch(() => null) : null;
    other?.on('error', () => {});
    // both end before either's failure is thrown: no connection is given back mid-statement
    const [mine, theirs] = await Promise.allSettled([build(this.c), other ? build(other) : null]);
    other?.release(theirs.status === 'rejected' ? (theirs.reason instanceof Error ? theirs.reason : true) : undefined);
    if (mine.status === 'rejected') throw mine.reason;
    if (theirs.status === 'rejected') throw theirs.reason;
  }

  async abort(): Promise<void> {
    await this.chain.catch(() => {});
    await this.release();
  }

  private async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await PgSourceWriter.unlock(this.c, this.caseId);
  }
}
