/**
 * Signal Desktop chats exported by the open-source `signal-export` tool (carderne/signal-export,
 * `sigexport`). Its output, as written by sigexport/main.py and models.py:
 *
 *   <dest>/<ChatName>/data.json   one JSON object per line (json.dumps, ensure_ascii=False)
 *   <dest>/<ChatName>/chat.md     the same as Markdown (not read here)
 *   <dest>/<ChatName>/index.html  the same as HTML (not read here)
 *   <dest>/<ChatName>/media/      attachments, `media/<date>_<nn>_<file name>`
 *
 * A data.json line: {"date": "2021-03-01T10:22:33.123000" (naive local time of the exporting
 * machine, datetime.isoformat), "sender": "Me" | contact name | "No-Sender", "body": text with
 * two spaces appended (a Markdown line break), "quote": "\n\n> quoted text\n\n" or "",
 * "sticker": emoji or "", "reactions": [[name, emoji]], "attachments": [{"name", "path"}],
 * "deleted", "call", "missed"}. ChatName and contact names are made alphanumeric by the tool
 * (`Marko Test` → `MarkoTest`; a number `+447700900123` → `447700900123`). Call-history
 * messages carry a body such as `Incoming voice call (accepted, 1m 5s)`.
 *
 * Two passes (members first, then records); seekable by line.
 */
import { basename, dirname } from 'node:path';
import type { AttachmentRecord, CallRecord, ClewRecord, EventRecord, MessageRecord } from '../../../model/records.js';
import { excerpt, looksBinary, readTextLines } from '../../lines.js';
import type { FormatParser, ParseItem, ResumePoint, SniffResult, SourceInput } from '../../parser.js';
import { assertTimeZone, zonedToUtc } from '../../time.js';
import { BesideFiles } from '../whatsapp/hashfile.js';
import { mimeFromName } from '../whatsapp/media.js';
import { jsonDepth } from './depth.js';

export const SIGNAL_MAX_DEPTH = 32;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;
const CALL_RE = /^(Incoming|Outgoing|Missed) (?:(voice|video) )?call(?: \((.*)\))?$/;
const DURATION_RE = /(?:(\d+)m )?(\d+)s\b/;
const MAX_QUOTE_INDEX = 10_000;

type Obj = Record<string, unknown>;

/**
 * Digits-only names (numbers) as phone refs, other names as written. `Me`, the exporting
 * account, is scoped by the export folder (`signal:Me@<export folder>`): two phones' exports
 * in one case must not merge into one "Me".
 */
export function signalRef(sender: string, exportName = ''): string {
  const s = sender.trim();
  if (/^\d{8,15}$/.test(s)) return `phone:+${s}`;
  if (s === 'Me' && exportName !== '') return `signal:Me@${exportName.slice(0, 200)}`;
  return `signal:${s.slice(0, 256)}`;
}

/** The quoted text out of signal-export's `\n\n> line\n> line\n\n` quote block. */
export function unquote(q: string): string {
  return q
    .replace(/^\n+|\n+$/g, '')
    .split('\n')
    .map((l) => l.replace(/^> ?/, ''))
    .join('\n');
}

export function callDuration(detail: string | undefined): number {
  if (!detail || !detail.startsWith('accepted')) return 0;
  const m = DURATION_RE.exec(detail);
  return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) : 0;
}

function parseLine(s: string): Obj | string {
  if (jsonDepth(s) > SIGNAL_MAX_DEPTH) return 'JSON_TOO_DEEP';
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return 'JSON_SYNTAX';
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'SCHEMA';
  return v as Obj;
}

export function sniffSignal(head: Uint8Array, name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (looksBinary(head)) return { ok: false, reason: 'binary data, not a signal-export data.json' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\ufeff/, '');
  const nl = text.indexOf('\n');
  const first = (nl === -1 ? text : text.slice(0, nl)).trim();
  if (!first.startsWith('{')) return { ok: false, reason: 'not JSON Lines (signal-export data.json lines are objects)' };
  const v = parseLine(first);
  if (typeof v === 'string') return { ok: false, reason: 'the first line is not a complete JSON object' };
  if (typeof v.date === 'string' && typeof v.sender === 'string' && typeof v.body === 'string' && !('type' in v))
    return { ok: true, confidence: name === 'data.json' ? 0.97 : 0.85 };
  return { ok: false, reason: 'JSON Lines without signal-export fields (date, sender, body)' };
}

async function* parseSignal(input: SourceInput, resume?: ResumePoint): AsyncGenerator<ParseItem> {
  const tz = input.options.timeZone ?? 'UTC';
  assertTimeZone(tz);
  const maxLineBytes = input.options.maxLineBytes;
  const dir = dirname(input.path);
  const chatName = basename(dir);
  const exportName = basename(dirname(dir));
  const conversation = `signal:${chatName}`;
  const beside = new BesideFiles(dir, input.options.maxAttachmentBytes);

  // pass 1: members
  const senders: string[] = [];
  const seen = new Set<string>();
  for await (const l of readTextLines(input.open(0), { maxLineBytes })) {
    const s = l.text;
    if (s === null || s.trim() === '') continue;
    const v = parseLine(s);
    if (typeof v !== 'string' && typeof v.sender === 'string' && v.sender.trim() !== '') {
      const ref = signalRef(v.sender, exportName);
      if (!seen.has(ref) && seen.size < 20_000) {
        seen.add(ref);
        senders.push(ref);
      }
    }
  }
  const group = senders.length > 2;
  const other = (from: string) => (!group && senders.length === 2 ? senders.filter((r) => r !== from) : []);

  if (!resume || resume.offset === 0) {
    const conv: ClewRecord = { type: 'conversation', ref: conversation, title: chatName, members: senders };
    yield { kind: 'record', record: conv, locator: { line: 1, offset: 0 }, resume: { offset: 0, line: 1 } };
  }

  const quoteIndex = new Map<string, string>();
  const start = resume ?? { offset: 0, line: 1 };
  for await (const l of readTextLines(input.open(start.offset), { maxLineBytes, startOffset: start.offset, startLine: start.line })) {
    const here: ResumePoint = { offset: l.offset, line: l.line };
    const next: ResumePoint = { offset: l.offset + l.length, line: l.line + 1 };
    const locator = { line: l.line, offset: l.offset, length: l.length };
    if (l.tooLong) {
      yield { kind: 'reject', locator, code: 'LINE_TOO_LONG', message: `line ${l.line} is ${l.length} bytes, more than the limit of ${maxLineBytes}`, resume: next };
      continue;
    }
    const s = l.text;
    if (s === null) {
      yield { kind: 'reject', locator, code: 'INVALID_UTF8', message: `line ${l.line} is not valid UTF-8`, resume: next };
      continue;
    }
    if (s.trim() === '') continue;
    if (!l.terminated && parseLine(s) === 'JSON_SYNTAX') {
      yield { kind: 'reject', locator, code: 'TRUNCATED_LINE', message: `the last line (${l.line}) is cut off`, excerpt: excerpt(s), resume: next };
      continue;
    }
    const v = parseLine(s);
    if (typeof v === 'string') {
      const code = v as 'JSON_SYNTAX' | 'JSON_TOO_DEEP' | 'SCHEMA';
      yield { kind: 'reject', locator, code, message: `line ${l.line}: ${code === 'SCHEMA' ? 'not a JSON object' : code === 'JSON_TOO_DEEP' ? `nested deeper than ${SIGNAL_MAX_DEPTH} levels` : 'not valid JSON'}`, excerpt: excerpt(s), resume: next };
      continue;
    }
    const records: ClewRecord[] = [];
    let problem: string | null = null;
    let code: 'SCHEMA' | 'TIMESTAMP_INVALID' = 'SCHEMA';
    if (typeof v.sender !== 'string' || v.sender.trim() === '') problem = 'no sender';
    else if (typeof v.date !== 'string') problem = 'no date';
    const m = typeof v.date === 'string' ? DATE_RE.exec(v.date) : null;
    let ts = 0;
    if (!problem) {
      try {
        if (!m) throw new Error('bad');
        ts = zonedToUtc({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: m[6] ? +m[6] : 0, millisecond: m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0 }, tz).ts;
      } catch {
        problem = `impossible or unreadable date ${JSON.stringify(String(v.date).slice(0, 40))}`;
        code = 'TIMESTAMP_INVALID';
      }
    }
    if (problem) {
      yield { kind: 'reject', locator, code, message: `line ${l.line}: ${problem}`, excerpt: excerpt(s), resume: next };
      continue;
    }
    const time = { ts, tzOffset: null, tsLocal: v.date as string };
    const from = signalRef(v.sender as string, exportName);
    const nativeId = `L${l.line}`;
    let body = typeof v.body === 'string' ? v.body : '';
    if (body.endsWith('  ')) body = body.slice(0, -2);
    const call = CALL_RE.exec(body);
    if (call && (v.call === true || !/\n/.test(body))) {
      const to = other(from)[0];
      const dir0 = call[1]!;
      if (to !== undefined && dir0 !== 'Missed') {
        const rec: CallRecord = { type: 'call', nativeId, from, to, duration: callDuration(call[3]), channel: 'call', ...time };
        records.push(rec);
      } else {
        const ev: EventRecord = { type: 'event', kind: dir0 === 'Missed' || v.missed === true ? 'call_missed' : 'other', actor: from, conversation, text: body, ...time };
        records.push(ev);
      }
    } else {
      const msg: MessageRecord = { type: 'message', nativeId, from, to: other(from), conversation, channel: 'chat', body, ...time };
      if (v.deleted === true) msg.deleted = true;
      if (typeof v.quote === 'string' && v.quote.trim() !== '') {
        const target = quoteIndex.get(unquote(v.quote).trim());
        if (target !== undefined) msg.replyTo = target;
      }
      const atts: AttachmentRecord[] = [];
      if (Array.isArray(v.attachments)) {
        let i = 0;
        for (const a of v.attachments as unknown[]) {
          if (a === null || typeof a !== 'object') continue;
          const ao = a as Obj;
          const name = typeof ao.name === 'string' ? ao.name : typeof ao.path === 'string' ? basename(ao.path) : null;
          if (name === null) continue;
          i++;
          const att: AttachmentRecord = { type: 'attachment', nativeId: `${nativeId}.a${i}`, message: nativeId, filename: name };
          const mime = mimeFromName(name);
          if (mime) att.mime = mime;
          if (typeof ao.path === 'string') {
            const d = await beside.digest(ao.path.replace(/%20/g, ' '));
            if (d) Object.assign(att, d);
          }
          atts.push(att);
        }
      }
      if (atts.length > 0) msg.attachments = atts.map((a) => a.nativeId);
      records.push(msg, ...atts);
      if (body.trim() !== '') {
        if (quoteIndex.size >= MAX_QUOTE_INDEX) quoteIndex.delete(quoteIndex.keys().next().value as string);
        quoteIndex.set(body.trim(), nativeId);
      }
    }
    for (let i = 0; i < records.length; i++) yield { kind: 'record', record: records[i]!, locator, resume: i === records.length - 1 ? next : here };
  }
}

export const signalParser: FormatParser = {
  name: 'signal',
  description: 'Signal Desktop chat exported by signal-export (<chat>/data.json, JSON Lines)',
  seekable: true,
  sniff: sniffSignal,
  parse: parseSignal,
};
