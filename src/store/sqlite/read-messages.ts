/**
 * Messages and thread pages of an SQLite case as views, with a fixed number of statements for
 * many messages (an evidence report reads hundreds of thread pages at once): one statement each
 * for the recipients, accounts, sources, conversation titles and copies of all of them, as the
 * PostgreSQL case reads them (src/store/postgres/read-messages.ts). Statements are prepared once
 * per connection (cachedStatement).
 */
import type { Database } from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import type { AccountView, MessageView } from '../types.js';
import { parseLoc } from './rows.js';
import { cachedStatement } from './statements.js';
import { FLAG_DELETED, FLAG_EDITED, type MessageDbRow } from '../message-rows.js';

/** The accounts of some ids (the store's one-statement account read). */
export type AccountsOf = (ids: readonly number[]) => Map<number, AccountView>;

/** `id IN (…)` over a JSON array bound as one parameter (one statement for any number of ids). */
const IN_JSON = 'IN (SELECT value FROM json_each(?))';

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** The views of some messages, in their order. */
export function messageViews(db: Database, accountsOf: AccountsOf, rows: readonly MessageDbRow[]): MessageView[] {
  if (rows.length === 0) return [];
  const uniq = (xs: number[]) => JSON.stringify([...new Set(xs)]);
  const recipients = new Map<number, number[]>();
  for (const r of cachedStatement(db, `SELECT message_id, account_id FROM message_recipients WHERE message_id ${IN_JSON} ORDER BY message_id, account_id`).all(
    uniq(rows.map((r) => r.id)),
  ) as { message_id: number; account_id: number }[])
    push(recipients, r.message_id, r.account_id);
  const accounts = accountsOf([...rows.map((r) => r.sender), ...[...recipients.values()].flat()]);
  const sources = new Map<number, { id: number; path: string; sha256: string; format: string }>();
  for (const s of cachedStatement(db, `SELECT id, path, sha256, format FROM sources WHERE id ${IN_JSON}`).all(uniq(rows.map((r) => r.source_id))) as {
    id: number;
    path: string;
    sha256: string;
    format: string;
  }[])
    sources.set(s.id, s);
  const titles = new Map<number, string | null>();
  const convIds = rows.flatMap((r) => (r.conversation_id === null ? [] : [r.conversation_id]));
  if (convIds.length > 0)
    for (const t of cachedStatement(db, `SELECT id, title FROM conversations WHERE id ${IN_JSON}`).all(uniq(convIds)) as { id: number; title: string | null }[]) titles.set(t.id, t.title);
  // every copy of the same message: the first copy (id = c) and the copies linked to it (dup_of = c)
  const canon = new Set(rows.map((r) => r.dup_of ?? r.id));
  const copies = new Map<number, number[]>();
  const canonJson = JSON.stringify([...canon]);
  for (const d of cachedStatement(db, `SELECT id, dup_of FROM messages WHERE id ${IN_JSON} OR dup_of ${IN_JSON} ORDER BY id`).all(canonJson, canonJson) as { id: number; dup_of: number | null }[]) {
    if (canon.has(d.id)) push(copies, d.id, d.id);
    if (d.dup_of !== null && d.dup_of !== d.id && canon.has(d.dup_of)) push(copies, d.dup_of, d.id);
  }
  const attachments = cachedStatement(db, 'SELECT filename, mime, size, sha256, taken_at AS "takenAt" FROM attachments WHERE source_id = ? AND message_native_id = ? ORDER BY id');
  return rows.map((r) => {
    const src = sources.get(r.source_id)!;
    return {
      id: r.id,
      ts: r.ts,
      tzOffset: r.tz_offset,
      tsLocal: r.ts_local,
      channel: r.channel,
      sender: accounts.get(r.sender)!,
      recipients: (recipients.get(r.id) ?? []).map((a) => accounts.get(a)!),
      conversationId: r.conversation_id,
      conversationTitle: r.conversation_id === null ? null : (titles.get(r.conversation_id) ?? null),
      body: r.body,
      subject: r.subject,
      flags: { edited: (r.flags & FLAG_EDITED) !== 0, deleted: (r.flags & FLAG_DELETED) !== 0 },
      duplicateOf: r.dup_of,
      lang: r.lang,
      duplicates: (copies.get(r.dup_of ?? r.id) ?? []).filter((x) => x !== r.id),
      attachments: r.native_id === null ? [] : (attachments.all(r.source_id, r.native_id) as MessageView['attachments']),
      provenance: { sourceId: src.id, path: src.path, sha256: src.sha256, format: src.format, locator: parseLoc(r.loc) },
    };
  });
}

export function messageRow(db: Database, id: number): MessageDbRow {
  const r = cachedStatement(db, 'SELECT * FROM messages WHERE id = ?').get(id) as MessageDbRow | undefined;
  if (!r) throw new ClewError('NOT_FOUND', `no message ${id}`, { id });
  return r;
}

/** The rows of one thread page around `m`: its conversation, else the exchange between its sender and recipients. */
function threadRows(db: Database, m: MessageDbRow, opts: { before: number; after: number }): MessageDbRow[] {
  let before: MessageDbRow[];
  let after: MessageDbRow[];
  if (m.conversation_id !== null) {
    before = cachedStatement(db, 'SELECT * FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?').all(m.conversation_id, m.id, opts.before) as MessageDbRow[];
    after = cachedStatement(db, 'SELECT * FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id ASC LIMIT ?').all(m.conversation_id, m.id, opts.after) as MessageDbRow[];
  } else {
    const parties = JSON.stringify([m.sender, ...(cachedStatement(db, 'SELECT account_id FROM message_recipients WHERE message_id = ?', 'pluck').all(m.id) as number[])]);
    const q = (cmp: string, order: string) =>
      `SELECT m.* FROM messages m WHERE m.sender ${IN_JSON} AND m.id ${cmp} ? AND m.conversation_id IS NULL
       AND EXISTS (SELECT 1 FROM message_recipients r WHERE r.message_id = m.id AND r.account_id ${IN_JSON})
       ORDER BY m.id ${order} LIMIT ?`;
    before = cachedStatement(db, q('<', 'DESC')).all(parties, m.id, parties, opts.before) as MessageDbRow[];
    after = cachedStatement(db, q('>', 'ASC')).all(parties, m.id, parties, opts.after) as MessageDbRow[];
  }
  return [...before.reverse(), m, ...after];
}

/** The thread pages of `ids` (one per id, in order, oldest first); NOT_FOUND names the first id the case does not hold. */
export function threads(db: Database, accountsOf: AccountsOf, ids: readonly number[], opts: { before: number; after: number }): MessageView[][] {
  const anchors = new Map<number, MessageDbRow>();
  for (const r of cachedStatement(db, `SELECT * FROM messages WHERE id ${IN_JSON}`).all(JSON.stringify([...new Set(ids)])) as MessageDbRow[]) anchors.set(r.id, r);
  const missing = ids.find((id) => !anchors.has(id));
  if (missing !== undefined) throw new ClewError('NOT_FOUND', `no message ${missing}`, { id: missing });
  const pages = ids.map((id) => threadRows(db, anchors.get(id)!, opts));
  const rows = new Map<number, MessageDbRow>();
  for (const p of pages) for (const r of p) rows.set(r.id, r);
  const views = new Map<number, MessageView>();
  const list = [...rows.values()];
  messageViews(db, accountsOf, list).forEach((v, i) => views.set(list[i]!.id, v));
  return pages.map((p) => p.map((r) => views.get(r.id)!));
}
