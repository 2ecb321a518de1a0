/**
 * A case read back out as clew's canonical records (ExportPort, clew export), shared by both
 * backends: their tables and columns have the same names, so the queries are written once with
 * `?` placeholders and a `{c:alias}` mark where the PostgreSQL backend filters by case
 * (src/store/sqlite/export.ts and src/store/postgres/read-export.ts give the two executors).
 *
 * Constant memory: every table is read by keyset pages (`WHERE key > last ORDER BY key LIMIT n`,
 * one short query per page, nothing held open between pages), and what a page needs from other
 * tables (recipients, members, attachments, account references) is read for that page alone.
 */
import { ClewError } from '../model/errors.js';
import type { AccountKind, Channel, ClewRecord, DeviceRecord, EventKind, LocationKind, MessageRecord } from '../model/records.js';
import { parseLoc } from './rows.js';
import type { ExportItem, ExportOptions } from './types.js';

export type ExportParam = string | number | null;

/** How the shared export reads a backend. */
export interface ExportSql {
  /** Rows of `sql`: `?` are parameters; `{c:x}` stands for the case filter on table alias `x` (`x.case_id = N AND `, or nothing). */
  all<T>(sql: string, params: readonly ExportParam[]): Promise<T[]>;
}

/** Rows per page. */
const PAGE = 2000;

import { FLAG_DELETED, FLAG_EDITED, FLAG_TO_MEMBERS } from './message-rows.js';

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function groupBy<K, V>(rows: readonly V[], key: (v: V) => K): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return m;
}

interface MessageRow {
  id: number;
  source_id: number;
  loc: string;
  sender_ref: string;
  conv_ref: string | null;
  conversation_id: number | null;
  channel: Channel;
  ts: number;
  tz_offset: number | null;
  ts_local: string | null;
  body: string;
  subject: string | null;
  native_id: string | null;
  reply_to: string | null;
  forwarded_from: string | null;
  flags: number;
}

interface AttachmentRow {
  id: number;
  source_id: number;
  loc: string;
  native_id: string;
  message_native_id: string | null;
  filename: string;
  mime: string | null;
  size: number | null;
  sha256: string | null;
}

const MESSAGE_SQL = `SELECT m.id, m.source_id, m.loc, s.ref AS sender_ref, c.ref AS conv_ref, m.conversation_id, m.channel, m.ts, m.tz_offset, m.ts_local,
  m.body, m.subject, m.native_id, m.reply_to, m.forwarded_from, m.flags
  FROM messages m JOIN accounts s ON {c:s} s.id = m.sender LEFT JOIN conversations c ON {c:c} c.id = m.conversation_id`;

const ATTACHMENT_COLS = 'a.id, a.source_id, a.loc, a.native_id, a.message_native_id, a.filename, a.mime, a.size, a.sha256';

function attachmentItem(a: AttachmentRow, linked: boolean): ExportItem {
  const r: ClewRecord = { type: 'attachment', nativeId: a.native_id, filename: a.filename };
  if (linked && a.message_native_id !== null) r.message = a.message_native_id;
  if (a.mime !== null) r.mime = a.mime;
  if (a.size !== null) r.size = a.size;
  if (a.sha256 !== null) r.sha256 = a.sha256;
  return { record: r, provenance: { sourceId: a.source_id, locator: parseLoc(a.loc) } };
}

/** Messages (rows of one page) as items, each followed by its attachments. */
async function messageItems(q: ExportSql, rows: MessageRow[]): Promise<ExportItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const recipients = groupBy(
    await q.all<{ message_id: number; ref: string }>(
      `SELECT r.message_id, a.ref FROM message_recipients r JOIN accounts a ON {c:a} a.id = r.account_id WHERE {c:r} r.message_id IN (${marks(ids.length)}) ORDER BY r.message_id, a.id`,
      ids,
    ),
    (r) => r.message_id,
  );
  // attachments belong to the first message with their native id in their source
  const withNative = rows.filter((r) => r.native_id !== null);
  const atts = new Map<number, AttachmentRow[]>();
  if (withNative.length > 0) {
    const found = await q.all<AttachmentRow & { owner: number }>(
      `SELECT ${ATTACHMENT_COLS}, (SELECT min(m.id) FROM messages m WHERE {c:m} m.source_id = a.source_id AND m.native_id = a.message_native_id) AS owner
       FROM attachments a WHERE {c:a} (a.source_id, a.message_native_id) IN (VALUES ${withNative.map(() => '(CAST(? AS BIGINT), CAST(? AS TEXT))').join(', ')}) ORDER BY a.id`,
      withNative.flatMap((r) => [r.source_id, r.native_id]),
    );
    const wanted = new Set(ids);
    for (const a of found) if (wanted.has(a.owner)) (atts.get(a.owner) ?? atts.set(a.owner, []).get(a.owner)!).push(a);
  }
  const out: ExportItem[] = [];
  for (const r of rows) {
    const toMembers = (r.flags & FLAG_TO_MEMBERS) !== 0 && r.conv_ref !== null;
    const m: MessageRecord = {
      type: 'message',
      from: r.sender_ref,
      to: toMembers ? [] : (recipients.get(r.id) ?? []).map((x) => x.ref),
      channel: r.channel,
      body: r.body,
      ts: r.ts,
      tzOffset: r.tz_offset,
    };
    if (r.ts_local !== null) m.tsLocal = r.ts_local;
    if (r.native_id !== null) m.nativeId = r.native_id;
    if (r.conv_ref !== null) m.conversation = r.conv_ref;
    if (r.subject !== null) m.subject = r.subject;
    if (r.reply_to !== null) m.replyTo = r.reply_to;
    if (r.forwarded_from !== null) m.forwardedFrom = r.forwarded_from;
    if (r.flags & FLAG_EDITED) m.edited = true;
    if (r.flags & FLAG_DELETED) m.deleted = true;
    const mine = atts.get(r.id) ?? [];
    if (mine.length > 0) m.attachments = mine.map((a) => a.native_id);
    out.push({ record: m, provenance: { sourceId: r.source_id, locator: parseLoc(r.loc) } });
    for (const a of mine) out.push(attachmentItem(a, true));
  }
  return out;
}

/** Keyset pages of a table by its integer id: `{after}` in `sql` becomes the condition on `alias`.id. */
async function* pages<T extends { id: number }>(q: ExportSql, alias: string, sql: string): AsyncGenerator<T[]> {
  let last: number | null = null;
  for (;;) {
    const rows: T[] = await q.all<T>(sql.replace('{after}', last === null ? '' : `AND ${alias}.id > ?`), last === null ? [PAGE] : [last, PAGE]);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    last = rows[rows.length - 1]!.id;
  }
}

interface AccountRow {
  id: number;
  ref: string;
  kind: string | null;
  display_name: string | null;
}

function accountItem(a: AccountRow): ExportItem {
  const r: ClewRecord = { type: 'account', ref: a.ref };
  if (a.kind !== null) r.kind = a.kind as AccountKind;
  if (a.display_name !== null) r.displayName = a.display_name;
  return { record: r, provenance: null };
}

interface ConversationRow {
  id: number;
  source_id: number;
  ref: string;
  title: string | null;
}

async function conversationItems(q: ExportSql, rows: ConversationRow[]): Promise<ExportItem[]> {
  if (rows.length === 0) return [];
  const members = groupBy(
    await q.all<{ conversation_id: number; ref: string }>(
      `SELECT cm.conversation_id, a.ref FROM conversation_members cm JOIN accounts a ON {c:a} a.id = cm.account_id
       WHERE {c:cm} cm.conversation_id IN (${marks(rows.length)}) ORDER BY cm.conversation_id, a.id`,
      rows.map((r) => r.id),
    ),
    (r) => r.conversation_id,
  );
  return rows.map((c) => {
    const r: ClewRecord = { type: 'conversation', ref: c.ref };
    if (c.title !== null) r.title = c.title;
    const ms = members.get(c.id);
    if (ms) r.members = ms.map((m) => m.ref);
    return { record: r, provenance: { sourceId: c.source_id, locator: null } };
  });
}

/** The case as records (ExportPort.exportRecords), on either backend. */
export async function* exportRecords(q: ExportSql, opts: ExportOptions = {}): AsyncGenerator<ExportItem[]> {
  if (opts.messageIds !== undefined) {
    yield* selected(q, opts.messageIds);
    return;
  }
  for await (const rows of pages<AccountRow>(q, 'a', 'SELECT a.id, a.ref, a.kind, a.display_name FROM accounts a WHERE {c:a} 1 = 1 {after} ORDER BY a.id LIMIT ?'))
    yield rows.map(accountItem);
  yield* everything(q);
}

async function* everything(q: ExportSql): AsyncGenerator<ExportItem[]> {
  for await (const rows of pages<ConversationRow>(q, 'c', `SELECT c.id, c.source_id, c.ref, c.title FROM conversations c WHERE {c:c} 1 = 1 {after} ORDER BY c.id LIMIT ?`))
    yield await conversationItems(q, rows);
  for await (const rows of pages<MessageRow>(q, 'm', `${MESSAGE_SQL} WHERE {c:m} 1 = 1 {after} ORDER BY m.id LIMIT ?`)) yield await messageItems(q, rows);
  for await (const rows of pages<{ id: number; source_id: number; loc: string; caller: string; callee: string; channel: 'call' | 'sms'; ts: number; tz_offset: number | null; ts_local: string | null; duration: number; lat: number | null; lon: number | null; native_id: string | null }>(
    q,
    'k',
    `SELECT k.id, k.source_id, k.loc, a.ref AS caller, b.ref AS callee, k.channel, k.ts, k.tz_offset, k.ts_local, k.duration, k.lat, k.lon, k.native_id
            FROM calls k JOIN accounts a ON {c:a} a.id = k.caller JOIN accounts b ON {c:b} b.id = k.callee WHERE {c:k} 1 = 1 {after} ORDER BY k.id LIMIT ?`,
  ))
    yield rows.map((k) => {
      const r: ClewRecord = { type: 'call', from: k.caller, to: k.callee, duration: k.duration, channel: k.channel, ts: k.ts, tzOffset: k.tz_offset };
      if (k.ts_local !== null) r.tsLocal = k.ts_local;
      if (k.native_id !== null) r.nativeId = k.native_id;
      if (k.lat !== null && k.lon !== null) {
        r.lat = k.lat;
        r.lon = k.lon;
      }
      return { record: r, provenance: { sourceId: k.source_id, locator: parseLoc(k.loc) } };
    });
  yield* contacts(q);
  yield* devices(q);
  for await (const rows of pages<{ id: number; source_id: number; loc: string; kind: LocationKind; lat: number; lon: number; ts: number | null; account: string | null; message_native_id: string | null; attachment_native_id: string | null; label: string | null }>(
    q,
    'l',
    `SELECT l.id, l.source_id, l.loc, l.kind, l.lat, l.lon, l.ts, a.ref AS account, l.message_native_id, l.attachment_native_id, l.label
            FROM locations l LEFT JOIN accounts a ON {c:a} a.id = l.account_id WHERE {c:l} 1 = 1 {after} ORDER BY l.id LIMIT ?`,
  ))
    yield rows.map((l) => {
      const r: ClewRecord = { type: 'location', kind: l.kind, lat: l.lat, lon: l.lon };
      if (l.ts !== null) r.ts = l.ts;
      if (l.account !== null) r.account = l.account;
      if (l.message_native_id !== null) r.message = l.message_native_id;
      if (l.attachment_native_id !== null) r.attachment = l.attachment_native_id;
      if (l.label !== null) r.label = l.label;
      return { record: r, provenance: { sourceId: l.source_id, locator: parseLoc(l.loc) } };
    });
  for await (const rows of pages<{ id: number; source_id: number; loc: string; kind: EventKind; ts: number; tz_offset: number | null; ts_local: string | null; actor: string | null; subject: string | null; conv: string | null; text: string }>(
    q,
    'e',
    `SELECT e.id, e.source_id, e.loc, e.kind, e.ts, e.tz_offset, e.ts_local, a.ref AS actor, b.ref AS subject, c.ref AS conv, e.text
            FROM events e LEFT JOIN accounts a ON {c:a} a.id = e.actor LEFT JOIN accounts b ON {c:b} b.id = e.subject LEFT JOIN conversations c ON {c:c} c.id = e.conversation_id
            WHERE {c:e} 1 = 1 {after} ORDER BY e.id LIMIT ?`,
  ))
    yield rows.map((e) => {
      const r: ClewRecord = { type: 'event', kind: e.kind, text: e.text, ts: e.ts, tzOffset: e.tz_offset };
      if (e.ts_local !== null) r.tsLocal = e.ts_local;
      if (e.actor !== null) r.actor = e.actor;
      if (e.subject !== null) r.subject = e.subject;
      if (e.conv !== null) r.conversation = e.conv;
      return { record: r, provenance: { sourceId: e.source_id, locator: parseLoc(e.loc) } };
    });
  // attachments of no message (or of a message the case does not hold)
  for await (const rows of pages<AttachmentRow>(
    q,
    'a',
    `SELECT ${ATTACHMENT_COLS} FROM attachments a WHERE {c:a} (a.message_native_id IS NULL
              OR NOT EXISTS (SELECT 1 FROM messages m WHERE {c:m} m.source_id = a.source_id AND m.native_id = a.message_native_id)) {after} ORDER BY a.id LIMIT ?`,
  ))
    yield rows.map((a) => attachmentItem(a, false));
}

/** Contacts by their key (owner, contact, name): a keyset on the three columns. */
async function* contacts(q: ExportSql): AsyncGenerator<ExportItem[]> {
  let last: [number, number, string] | null = null;
  for (;;) {
    const rows: { owner: number; contact: number; name: string; owner_ref: string; contact_ref: string; source_id: number; loc: string }[] = await q.all(
      `SELECT k.owner, k.contact, k.name, a.ref AS owner_ref, b.ref AS contact_ref, k.source_id, k.loc
       FROM contacts k JOIN accounts a ON {c:a} a.id = k.owner JOIN accounts b ON {c:b} b.id = k.contact
       WHERE {c:k} ${last ? '(k.owner > ? OR (k.owner = ? AND (k.contact > ? OR (k.contact = ? AND k.name > ?))))' : '1 = 1'}
       ORDER BY k.owner, k.contact, k.name LIMIT ?`,
      last ? [last[0], last[0], last[1], last[1], last[2], PAGE] : [PAGE],
    );
    if (rows.length === 0) return;
    yield rows.map((k) => ({ record: { type: 'contact', owner: k.owner_ref, contact: k.contact_ref, name: k.name }, provenance: { sourceId: k.source_id, locator: parseLoc(k.loc) } }));
    if (rows.length < PAGE) return;
    const l = rows[rows.length - 1]!;
    last = [l.owner, l.contact, l.name];
  }
}

/**
 * Devices: stored one identifier a row; a device record is the identifiers one source record
 * gave one account (same account, source and locator). Read by account, so a record is whole
 * when its account's rows are.
 */
async function* devices(q: ExportSql): AsyncGenerator<ExportItem[]> {
  let last = -Infinity;
  for (;;) {
    // whole accounts per page: the accounts first, then all their rows
    const accounts = await q.all<{ account_id: number }>(
      `SELECT DISTINCT d.account_id FROM devices d WHERE {c:d} ${last === -Infinity ? '1 = 1' : 'd.account_id > ?'} ORDER BY d.account_id LIMIT ?`,
      last === -Infinity ? [PAGE / 4] : [last, PAGE / 4],
    );
    if (accounts.length === 0) return;
    const ids = accounts.map((a) => a.account_id);
    const rows = await q.all<{ account_id: number; ref: string; key: string; value: string; source_id: number; loc: string }>(
      `SELECT d.account_id, a.ref, d.key, d.value, d.source_id, d.loc FROM devices d JOIN accounts a ON {c:a} a.id = d.account_id
       WHERE {c:d} d.account_id IN (${marks(ids.length)}) ORDER BY d.account_id, d.source_id, d.loc, d.key, d.value`,
      ids,
    );
    const out: ExportItem[] = [];
    for (const group of groupBy(rows, (r) => `${r.account_id}\u0000${r.source_id}\u0000${r.loc}`).values()) {
      const g = group[0]!;
      const identifiers: Record<string, string> = {};
      for (const r of group) identifiers[r.key] = r.value;
      out.push({ record: { type: 'device', account: g.ref, identifiers } satisfies DeviceRecord, provenance: { sourceId: g.source_id, locator: parseLoc(g.loc) } });
    }
    yield out;
    if (accounts.length < PAGE / 4) return;
    last = ids[ids.length - 1]!;
  }
}

/** Some messages, with what they reference. */
async function* selected(q: ExportSql, messageIds: readonly number[]): AsyncGenerator<ExportItem[]> {
  const ids = [...new Set(messageIds)].sort((a, b) => a - b);
  const bad = ids.filter((i) => !Number.isSafeInteger(i) || i < 1);
  if (bad.length > 0) throw new ClewError('INVALID_ARGUMENT', `not message ids: ${bad.slice(0, 10).join(', ')}`);
  // the messages' senders, recipients and conversations, page by page
  const accountIds = new Set<number>();
  const conversationIds = new Set<number>();
  const missing: number[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const page = ids.slice(i, i + PAGE);
    const rows = await q.all<{ id: number; sender: number; conversation_id: number | null }>(
      `SELECT m.id, m.sender, m.conversation_id FROM messages m WHERE {c:m} m.id IN (${marks(page.length)})`,
      page,
    );
    const found = new Set(rows.map((r) => r.id));
    for (const id of page) if (!found.has(id)) missing.push(id);
    for (const r of rows) {
      accountIds.add(r.sender);
      if (r.conversation_id !== null) conversationIds.add(r.conversation_id);
    }
    for (const r of await q.all<{ account_id: number }>(`SELECT DISTINCT r.account_id FROM message_recipients r WHERE {c:r} r.message_id IN (${marks(page.length)})`, page))
      accountIds.add(r.account_id);
  }
  if (missing.length > 0)
    throw new ClewError('NOT_FOUND', `the case holds no message ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ` (and ${missing.length - 20} more)` : ''}`, { missing: missing.length });
  const convs = [...conversationIds].sort((a, b) => a - b);
  for (let i = 0; i < convs.length; i += PAGE) {
    const page = convs.slice(i, i + PAGE);
    for (const r of await q.all<{ account_id: number }>(`SELECT DISTINCT cm.account_id FROM conversation_members cm WHERE {c:cm} cm.conversation_id IN (${marks(page.length)})`, page))
      accountIds.add(r.account_id);
  }
  const accs = [...accountIds].sort((a, b) => a - b);
  for (let i = 0; i < accs.length; i += PAGE) {
    const page = accs.slice(i, i + PAGE);
    yield (await q.all<AccountRow>(`SELECT a.id, a.ref, a.kind, a.display_name FROM accounts a WHERE {c:a} a.id IN (${marks(page.length)}) ORDER BY a.id`, page)).map(accountItem);
  }
  for (let i = 0; i < convs.length; i += PAGE) {
    const page = convs.slice(i, i + PAGE);
    yield await conversationItems(q, await q.all<ConversationRow>(`SELECT c.id, c.source_id, c.ref, c.title FROM conversations c WHERE {c:c} c.id IN (${marks(page.length)}) ORDER BY c.id`, page));
  }
  for (let i = 0; i < ids.length; i += PAGE) {
    const page = ids.slice(i, i + PAGE);
    yield await messageItems(q, await q.all<MessageRow>(`${MESSAGE_SQL} WHERE {c:m} m.id IN (${marks(page.length)}) ORDER BY m.id`, page));
  }
}
