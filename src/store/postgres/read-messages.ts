/**
 * Messages, threads and mentions of a PostgreSQL case, as the SQLite case reads them
 * (src/store/sqlite/store.ts). (Statistics and the quarantine are in store.ts.)
 */
import type { Mention } from '../../model/entities.js';
import { ClewError } from '../../model/errors.js';
import type { MessageView } from '../types.js';
import { bodyMention } from '../ocr-rows.js';
import { type PgReadCase, accountsByIds, all, json, one, parseLoc } from './read-util.js';

import { FLAG_DELETED, FLAG_EDITED, type MessageDbRow } from '../message-rows.js';

const MESSAGE_COLS = 'id, source_id, loc, sender, conversation_id, channel, ts, tz_offset, ts_local, body, subject, native_id, flags, dup_of, lang';

async function messageRow(db: PgReadCase, id: number): Promise<MessageDbRow> {
  const r = Number.isSafeInteger(id)
    ? await one<MessageDbRow>(db.pool, `SELECT ${MESSAGE_COLS} FROM messages WHERE case_id = $1 AND id = $2`, [db.caseId, id])
    : undefined;
  if (!r) throw new ClewError('NOT_FOUND', `no message ${id}`, { id });
  return r;
}

export async function message(db: PgReadCase, id: number): Promise<MessageView> {
  return (await toMessageViews(db, [await messageRow(db, id)]))[0]!;
}

export async function thread(db: PgReadCase, id: number, opts: { before: number; after: number }): Promise<MessageView[]> {
  return (await threads(db, [id], opts))[0]!;
}

/**
 * The thread pages of `ids` (one per id, in order, oldest first), in a fixed number of queries for
 * the messages in conversations (one for the anchors, one for the messages before them, one after,
 * then the views); an anchor outside any conversation (the exchange between its parties) costs
 * three more. NOT_FOUND names the first id the case does not hold.
 */
export async function threads(db: PgReadCase, ids: readonly number[], opts: { before: number; after: number }): Promise<MessageView[][]> {
  const c = db.caseId;
  const want = [...new Set(ids.filter((id) => Number.isSafeInteger(id)))];
  const anchors = new Map<number, MessageDbRow>();
  if (want.length > 0) for (const r of await all<MessageDbRow>(db.pool, `SELECT ${MESSAGE_COLS} FROM messages WHERE case_id = $1 AND id = ANY($2::bigint[])`, [c, want])) anchors.set(r.id, r);
  const missing = ids.find((id) => !anchors.has(id));
  if (missing !== undefined) throw new ClewError('NOT_FOUND', `no message ${missing}`, { id: missing });
  const around = new Map<number, { before: MessageDbRow[]; after: MessageDbRow[] }>();
  for (const r of anchors.values()) around.set(r.id, { before: [], after: [] });
  const inConv = [...anchors.values()].filter((r) => r.conversation_id !== null);
  if (inConv.length > 0) {
    const q = (cmp: string, order: string) =>
      `SELECT a.anchor_id, m.* FROM unnest($2::bigint[], $3::bigint[]) AS a(anchor_id, conv)
       CROSS JOIN LATERAL (SELECT ${MESSAGE_COLS} FROM messages WHERE case_id = $1 AND conversation_id = a.conv AND id ${cmp} a.anchor_id ORDER BY id ${order} LIMIT $4) m`;
    const args = (n: number) => [c, inConv.map((r) => r.id), inConv.map((r) => r.conversation_id!), n];
    for (const r of await all<MessageDbRow & { anchor_id: number }>(db.pool, q('<', 'DESC'), args(opts.before))) around.get(r.anchor_id)!.before.push(r);
    for (const r of await all<MessageDbRow & { anchor_id: number }>(db.pool, q('>', 'ASC'), args(opts.after))) around.get(r.anchor_id)!.after.push(r);
  }
  for (const m of anchors.values()) {
    if (m.conversation_id !== null) continue;
    // no conversation: the exchange between the sender and the recipients of this message
    const recipients = await all<{ account_id: number }>(db.pool, 'SELECT account_id FROM message_recipients WHERE case_id = $1 AND message_id = $2', [c, m.id]);
    const parties = [m.sender, ...recipients.map((r) => r.account_id)];
    const q = (cmp: string, order: string) =>
      `SELECT ${MESSAGE_COLS.split(', ').map((col) => `m.${col}`).join(', ')} FROM messages m
       WHERE m.case_id = $1 AND m.sender = ANY($2::bigint[]) AND m.id ${cmp} $3 AND m.conversation_id IS NULL
         AND EXISTS (SELECT 1 FROM message_recipients r WHERE r.case_id = m.case_id AND r.message_id = m.id AND r.account_id = ANY($2::bigint[]))
       ORDER BY m.id ${order} LIMIT $4`;
    const a = around.get(m.id)!;
    a.before = await all<MessageDbRow>(db.pool, q('<', 'DESC'), [c, parties, m.id, opts.before]);
    a.after = await all<MessageDbRow>(db.pool, q('>', 'ASC'), [c, parties, m.id, opts.after]);
  }
  const byId = (x: MessageDbRow, y: MessageDbRow) => x.id - y.id;
  const pages = ids.map((id) => {
    const a = around.get(id)!;
    return [...[...a.before].sort(byId), anchors.get(id)!, ...[...a.after].sort(byId)];
  });
  const rows = new Map<number, MessageDbRow>();
  for (const p of pages) for (const r of p) rows.set(r.id, r);
  const list = [...rows.values()];
  const views = new Map<number, MessageView>();
  (await toMessageViews(db, list)).forEach((v, i) => views.set(list[i]!.id, v));
  return pages.map((p) => p.map((r) => views.get(r.id)!));
}

/** The views of some messages, with a fixed number of queries however many there are. */
async function toMessageViews(db: PgReadCase, rows: MessageDbRow[]): Promise<MessageView[]> {
  const ids = rows.map((r) => r.id);
  const c = db.caseId;
  const recipients = new Map<number, number[]>();
  for (const r of await all<{ message_id: number; account_id: number }>(
    db.pool,
    'SELECT message_id, account_id FROM message_recipients WHERE case_id = $1 AND message_id = ANY($2::bigint[]) ORDER BY message_id, account_id',
    [c, ids],
  ))
    (recipients.get(r.message_id) ?? recipients.set(r.message_id, []).get(r.message_id)!).push(r.account_id);
  const accounts = await accountsByIds(db, [...rows.map((r) => r.sender), ...[...recipients.values()].flat()]);
  const sources = new Map<number, { id: number; path: string; sha256: string; format: string }>();
  for (const s of await all<{ id: number; path: string; sha256: string; format: string }>(
    db.pool,
    'SELECT id, path, sha256, format FROM sources WHERE case_id = $1 AND id = ANY($2::bigint[])',
    [c, [...new Set(rows.map((r) => r.source_id))]],
  ))
    sources.set(s.id, s);
  const titles = new Map<number, string | null>();
  const convIds = [...new Set(rows.map((r) => r.conversation_id).filter((x): x is number => x !== null))];
  if (convIds.length > 0)
    for (const t of await all<{ id: number; title: string | null }>(db.pool, 'SELECT id, title FROM conversations WHERE case_id = $1 AND id = ANY($2::bigint[])', [c, convIds]))
      titles.set(t.id, t.title);
  // every copy of the same message: the first copy and the copies linked to it
  const canon = [...new Set(rows.map((r) => r.dup_of ?? r.id))];
  const copies = new Map<number, number[]>();
  for (const d of await all<{ id: number; canon: number }>(
    db.pool,
    `SELECT id, coalesce(dup_of, id) AS canon FROM messages WHERE case_id = $1 AND (id = ANY($2::bigint[]) OR dup_of = ANY($2::bigint[])) ORDER BY id`,
    [c, canon],
  ))
    (copies.get(d.canon) ?? copies.set(d.canon, []).get(d.canon)!).push(d.id);
  const withNative = rows.filter((r) => r.native_id !== null);
  const attachments = new Map<string, MessageView['attachments']>();
  if (withNative.length > 0)
    for (const a of await all<{ source_id: number; message_native_id: string; filename: string; mime: string | null; size: number | null; sha256: string | null; taken_at: string | null }>(
      db.pool,
      `SELECT source_id, message_native_id, filename, mime, size, sha256, taken_at FROM attachments
       WHERE case_id = $1 AND (source_id, message_native_id) IN (SELECT * FROM unnest($2::bigint[], $3::text[])) ORDER BY id`,
      [c, withNative.map((r) => r.source_id), withNative.map((r) => r.native_id!)],
    )) {
      const k = `${a.source_id}|${a.message_native_id}`;
      (attachments.get(k) ?? attachments.set(k, []).get(k)!).push({ filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256, takenAt: a.taken_at });
    }
  return rows.map((r) => {
    const src = sources.get(r.source_id)!;
    const to = recipients.get(r.id) ?? [];
    return {
      id: r.id,
      ts: r.ts,
      tzOffset: r.tz_offset,
      tsLocal: r.ts_local,
      channel: r.channel,
      sender: accounts.get(r.sender)!,
      recipients: to.map((a) => accounts.get(a)!),
      conversationId: r.conversation_id,
      conversationTitle: r.conversation_id === null ? null : (titles.get(r.conversation_id) ?? null),
      body: r.body,
      subject: r.subject,
      flags: { edited: (r.flags & FLAG_EDITED) !== 0, deleted: (r.flags & FLAG_DELETED) !== 0 },
      duplicateOf: r.dup_of,
      lang: r.lang,
      duplicates: (copies.get(r.dup_of ?? r.id) ?? []).filter((x) => x !== r.id),
      attachments: r.native_id === null ? [] : (attachments.get(`${r.source_id}|${r.native_id}`) ?? []),
      provenance: { sourceId: src.id, path: src.path, sha256: src.sha256, format: src.format, locator: parseLoc(r.loc) },
    };
  });
}

export async function mentions(db: PgReadCase, messageId: number): Promise<Mention[]> {
  if (!Number.isSafeInteger(messageId)) return [];
  const rows = await all<Omit<Mention, 'attrs'> & { attrs: unknown }>(
    db.pool,
    `SELECT type, start, "end", raw, value, confidence, attrs FROM mentions x WHERE case_id = $1 AND message_id = $2 AND ${bodyMention('x')} ORDER BY start, type COLLATE "C"`,
    [db.caseId, messageId],
  );
  return rows.map((m) => ({ ...m, attrs: m.attrs === null ? undefined : json<Mention['attrs']>(m.attrs) }));
}
