/**
 * Telegram Desktop JSON export (`result.json`): one chat (`{name, type, id, messages}`) or a
 * whole account (`{personal_information, contacts: {list}, chats: {list: [chat…]},
 * left_chats: {list}}`). Parsed streaming (jsonwalk.ts over stream-json) so a multi-GB export
 * ingests in constant memory; each message is assembled alone (capped) and located by its JSON
 * path (`$.chats.list[3].messages[17]`). Not seekable: the pipeline skips by ordinal.
 *
 * A chat's ConversationRecord (title, members seen) is yielded when the chat ends, after its
 * messages: streaming cannot know the members earlier.
 */
import { dirname } from 'node:path';
import type { ClewRecord, ContactRecord, ConversationRecord, Locator } from '../../../model/records.js';
import { looksBinary } from '../../lines.js';
import type { FormatParser, ParseItem, SniffResult, SourceInput } from '../../parser.js';
import { assertTimeZone } from '../../time.js';
import { BesideFiles } from '../whatsapp/hashfile.js';
import { phoneE164 } from '../whatsapp/names.js';
import { convertMessage, isOneToOne, Reject, telegramRef, type AccountState, type ChatState } from './convert.js';
import { pathString, walkJson, type PathPart, type Selection } from '../../jsonwalk.js';

export const TELEGRAM_LIMITS = { maxDepth: 32, maxValueChars: 8 * 1024 * 1024, hardDepth: 256 };

const CHAT_FIELDS = new Set(['name', 'type', 'id']);
const CHAT_LISTS = new Set(['chats', 'left_chats']);

/** Which parts of the export are read: chat headers, messages, the account and its contacts. */
export function selectTelegram(p: readonly PathPart[]): Selection {
  const n = p.length;
  const k0 = p[0];
  if (n === 1) {
    if (k0 === 'messages' || k0 === 'contacts' || CHAT_LISTS.has(k0 as string)) return 'descend';
    if (k0 === 'personal_information' || CHAT_FIELDS.has(k0 as string)) return 'capture';
    return 'skip';
  }
  if (k0 === 'messages') return n === 2 ? 'capture' : 'skip';
  if (k0 === 'contacts') return n === 2 && p[1] === 'list' ? 'descend' : n === 3 && p[1] === 'list' ? 'capture' : 'skip';
  if (CHAT_LISTS.has(k0 as string)) {
    if (p[1] !== 'list') return 'skip';
    if (n === 2 || n === 3) return 'descend';
    if (n === 4) return CHAT_FIELDS.has(p[3] as string) ? 'capture' : p[3] === 'messages' ? 'descend' : 'skip';
    if (n === 5 && p[3] === 'messages') return 'capture';
  }
  return 'skip';
}

export function sniffTelegram(head: Uint8Array, name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (looksBinary(head)) return { ok: false, reason: 'binary data, not a Telegram JSON export' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\ufeff/, '');
  const first = text.trimStart();
  if (!first.startsWith('{')) return { ok: false, reason: 'not a JSON object (Telegram exports start with "{")' };
  // a one-line JSON object followed by more lines is JSON Lines (canonical, signal-export), not an export
  const nl = first.indexOf('\n');
  if (nl > 0 && first.slice(nl + 1).trimStart().startsWith('{')) {
    try {
      JSON.parse(first.slice(0, nl));
      return { ok: false, reason: 'JSON Lines (one object per line), not a Telegram export' };
    } catch {
      // multi-line JSON: go on
    }
  }
  const hasMessages = /"(?:messages|chats)"\s*:/.test(text);
  const telegramish =
    /"date_unixtime"\s*:/.test(text) ||
    /"from_id"\s*:\s*"(?:user|channel|chat)\d/.test(text) ||
    /"personal_information"\s*:/.test(text) ||
    /"type"\s*:\s*"(?:personal_chat|private_group|private_supergroup|public_supergroup|private_channel|public_channel|bot_chat|saved_messages)"/.test(text);
  if (hasMessages && telegramish) return { ok: true, confidence: name === 'result.json' ? 0.99 : 0.9 };
  return { ok: false, reason: 'JSON without Telegram export keys (messages/chats with date_unixtime, from_id or personal_information)' };
}

function chatPathKey(p: readonly PathPart[]): string {
  return p[0] === 'messages' || CHAT_FIELDS.has(p[0] as string) ? '' : `${p[0]}.${p[2]}`;
}

async function* parseTelegram(input: SourceInput): AsyncGenerator<ParseItem> {
  const tz = input.options.timeZone ?? 'UTC';
  assertTimeZone(tz);
  const beside = new BesideFiles(dirname(input.path), input.options.maxAttachmentBytes);
  const acc: AccountState = { names: new Map() };
  let chat: ChatState | null = null;
  let chatKey: string | null = null;
  let chatPath: PathPart[] = [];
  let chatHasContent = false;

  const newChat = (key: string, path: PathPart[]): ChatState => {
    chatKey = key;
    chatPath = path;
    chatHasContent = false;
    return { ref: `chat:${pathString(path)}`, idPrefix: `${pathString(path)}:`, members: new Set() };
  };
  const conversationOf = (c: ChatState): ConversationRecord => {
    if (isOneToOne(c)) {
      if (c.peer) c.members.add(c.peer);
      if (acc.self) c.members.add(acc.self);
    }
    const r: ConversationRecord = { type: 'conversation', ref: c.ref, members: [...c.members] };
    if (c.name !== undefined) r.title = c.name;
    return r;
  };

  for await (const ev of walkJson(input.open(), { select: selectTelegram, ...TELEGRAM_LIMITS })) {
    const path = ev.path;
    const locator: Locator = { path: pathString(path) };
    if (ev.kind === 'error') {
      yield { kind: 'reject', locator, code: ev.code, message: ev.message };
      return;
    }
    if (ev.kind === 'end') {
      const isChatEnd = (path.length === 3 && CHAT_LISTS.has(path[0] as string)) || (path.length === 0 && chatKey === '');
      if (isChatEnd && chat && chatHasContent) yield { kind: 'record', record: conversationOf(chat), locator: { path: pathString(chatPath) } };
      if (isChatEnd) chat = null;
      continue;
    }
    const k0 = path[0];
    if (ev.kind === 'failed') {
      yield { kind: 'reject', locator, code: ev.code, message: `${locator.path}: ${ev.message}` };
      continue;
    }
    const value = ev.value;
    if (k0 === 'personal_information' && path.length === 1) {
      const pi = (value ?? {}) as Record<string, unknown>;
      const self = telegramRef(pi.user_id);
      if (self) {
        acc.self = self;
        const display = [pi.first_name, pi.last_name].filter((x) => typeof x === 'string' && x).join(' ');
        if (display) acc.names.set(self, display);
        const rec: ClewRecord = display ? { type: 'account', ref: self, kind: 'other', displayName: display } : { type: 'account', ref: self, kind: 'other' };
        yield { kind: 'record', record: rec, locator };
      }
      continue;
    }
    if (k0 === 'contacts') {
      const c = (value ?? {}) as Record<string, unknown>;
      const contact = (typeof c.phone_number === 'string' ? phoneE164(c.phone_number) : null);
      const ref = contact ? `phone:${contact}` : telegramRef(c.user_id);
      const name = [c.first_name, c.last_name].filter((x) => typeof x === 'string' && x).join(' ');
      if (acc.self && ref && name) {
        const rec: ContactRecord = { type: 'contact', owner: acc.self, contact: ref, name: name.slice(0, 256) };
        yield { kind: 'record', record: rec, locator };
      }
      continue;
    }
    // chat fields and messages
    const key = chatPathKey(path);
    if (chat === null || chatKey !== key) chat = newChat(key, key === '' ? [] : path.slice(0, 3));
    if (path.length === 1 || path.length === 4) {
      const f = path[path.length - 1] as string;
      if (f === 'name' && typeof value === 'string') chat.name = value;
      if (f === 'type' && typeof value === 'string') chat.type = value;
      if (f === 'id' && (typeof value === 'number' || typeof value === 'string')) {
        chat.id = value;
        chat.ref = `chat:${value}`;
        chat.idPrefix = `${value}:`;
      }
      if (f === 'type' || f === 'id') {
        if (chat.id !== undefined && isOneToOne(chat)) chat.peer = chat.type === 'saved_messages' ? acc.self : telegramRef(chat.id);
      }
      chatHasContent = true;
      continue;
    }
    chatHasContent = true;
    let records: ClewRecord[];
    try {
      const last = path[path.length - 1];
      records = convertMessage(value, chat, acc, tz, typeof last === 'number' ? last : undefined);
    } catch (e) {
      if (e instanceof Reject) {
        yield { kind: 'reject', locator, code: e.code, message: `${locator.path}: ${e.message}`, excerpt: JSON.stringify(value).slice(0, 300) };
        continue;
      }
      throw e;
    }
    for (const r of records) {
      if (r.type === 'attachment' && !r.filename.startsWith('(')) {
        const d = await beside.digest(r.filename);
        if (d) Object.assign(r, d);
      }
      yield { kind: 'record', record: r, locator };
    }
  }
  if (acc.derivedIds)
    yield {
      kind: 'warning',
      locator: {},
      code: 'TELEGRAM_IDS_DERIVED',
      message: `${input.name}: ${acc.derivedIds} message(s) had no "id" (an export trimmed by another tool): their ids were derived from their position in the chat ("#18" is the 18th message), so re-exports with ids will not match them`,
    };
}

export const telegramParser: FormatParser = {
  name: 'telegram',
  description: 'Telegram Desktop JSON export (result.json: one chat or a whole account)',
  seekable: false,
  sniff: sniffTelegram,
  parse: parseTelegram,
};
