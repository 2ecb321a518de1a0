/**
 * WhatsApp chat exports: `_chat.txt` / `WhatsApp Chat with X.txt`, or the `.zip` with media.
 *
 * Two passes. The first (cheap) reads the whole chat text to decide the layout, the day/month
 * order over the whole file, the members and whether it is a group. The second yields records:
 * first the conversation (with all members) and its accounts, then messages and events in
 * file order, each with a resume point at the next message boundary (seekable).
 *
 * Exports carry no time zone: times are read in `options.timeZone` (default UTC) and keep the
 * written local time in `tsLocal`; `tzOffset` is null because the source states none.
 */
import { basename, dirname } from 'node:path';
import { Readable } from 'node:stream';
import { ClewError } from '../../../model/errors.js';
import type { AccountRecord, AttachmentRecord, ClewRecord, EventRecord, Locator, MessageRecord } from '../../../model/records.js';
import { decodeUtf8, excerpt, looksBinary, readLineBatches, type RawLine } from '../../lines.js';
import type { FormatParser, ParseItem, ResumePoint, SniffResult, SourceInput } from '../../parser.js';
import { loadLanguageDetector } from '../../../text/index.js';
import { assertTimeZone } from '../../time.js';
import { WhatsAppAnalyser, type WhatsAppAnalysis } from './analyse.js';
import { classify } from './classify.js';
import { headerWallClock } from './dateorder.js';
import { parseHeader, type Header, type Layout } from './header.js';
import { DELETED, EDITED } from './locales.js';
import { stripMarks } from './marks.js';
import { detectMedia, mimeFromName, type MediaRef } from './media.js';
import { phoneE164, senderRef } from './names.js';
import { digestBeside } from './hashfile.js';
import { SafeZip } from '../../archive/zip.js';
import { ZoneClock } from './zoneclock.js';
import { isZipHead, readHead } from '../../head.js';

/** Largest chat text read out of a zip into memory. */
export const MAX_CHAT_BYTES = 512 * 1024 * 1024;
/** Longest message body kept; further continuation lines are dropped with a TOO_LARGE reject. */
export const MAX_BODY_CHARS = 1024 * 1024;

const CHAT_NAME_RE = /^(?:WhatsApp Chat (?:with |mit |met |avec |con |sa |са |-\s*)?(.+?)|_chat)\.txt$/iu;
const ZIP_NAME_RE = /^WhatsApp Chat (?:with |mit |met |avec |con |sa |са |-\s*)?(.+?)\.zip$/iu;

/** The chat title the file name carries (`WhatsApp Chat with Ana Primer.txt`), if any. */
export function titleFromFileName(name: string): string | undefined {
  const m = CHAT_NAME_RE.exec(name) ?? ZIP_NAME_RE.exec(name);
  const t = m?.[1]?.trim();
  return t ? t : undefined;
}

export function sniffWhatsApp(head: Uint8Array, name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (isZipHead(head)) {
    const ascii = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
    if (/whatsapp/i.test(name) || ascii.includes('_chat.txt') || ascii.includes('WhatsApp Chat')) return { ok: true, confidence: 0.9 };
    return { ok: false, reason: 'a zip archive without a WhatsApp chat (_chat.txt) at its start' };
  }
  if (looksBinary(head)) return { ok: false, reason: 'binary data, not a WhatsApp text export' };
  let text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  if (head.length >= 65536) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '').slice(0, 20);
  if (lines.length === 0) return { ok: false, reason: 'no text lines' };
  const first = lines[0]!.charCodeAt(0) === 0xfeff ? lines[0]!.slice(1) : lines[0]!;
  const firstIsHeader = parseHeader(first) !== null;
  const headers = lines.filter((l) => parseHeader(l) !== null).length;
  if (firstIsHeader || headers >= 2) return { ok: true, confidence: titleFromFileName(name) ? 0.99 : 0.95 };
  return { ok: false, reason: 'no WhatsApp message header (date, time, name) at the start of the first lines' };
}

/** The chat text inside a WhatsApp zip: `_chat.txt`, `WhatsApp Chat….txt`, or the only .txt. */
export function pickChatEntry(names: string[]): string | null {
  const files = names.filter((n) => !n.endsWith('/') && !n.startsWith('__MACOSX/'));
  const base = (n: string) => n.slice(n.lastIndexOf('/') + 1);
  const named = files.find((n) => CHAT_NAME_RE.test(base(n)));
  if (named) return named;
  const txt = files.filter((n) => n.toLowerCase().endsWith('.txt'));
  return txt.length === 1 ? txt[0]! : null;
}

interface Pending {
  header: Header;
  rest: string;
  more: string[];
  moreChars: number;
  truncated: boolean;
  line: number;
  endLine: number;
  offset: number;
  end: number;
  rejects: ParseItem[];
}

type OpenLines = (at: ResumePoint) => AsyncIterable<RawLine[]>;

async function analysePass(openLines: OpenLines, collectMedia: boolean): Promise<WhatsAppAnalysis> {
  const an = new WhatsAppAnalyser(collectMedia);
  for await (const batch of openLines({ offset: 0, line: 1 })) {
    for (const l of batch) {
      if (l.tooLong) continue;
      // a line that is not UTF-8 is quarantined by pass 2: its sender must not become a member
      const s = decodeUtf8(l.bytes, l.line);
      if (s !== null) an.line(s);
    }
  }
  return an.result();
}

/**
 * The first pass alone, for the pipeline to print before ingesting: layout, day/month order
 * and whether it was ambiguous (then day/month was assumed), members. Reads the chat text of
 * a zip too.
 */
export async function inspectWhatsApp(input: SourceInput): Promise<WhatsAppAnalysis> {
  const maxLineBytes = input.options.maxLineBytes;
  if (!isZipHead(await readHead(input, 4)))
    return analysePass((at) => readLineBatches(input.open(at.offset), { maxLineBytes, startOffset: at.offset, startLine: at.line }), false);
  const zip = await SafeZip.open(input.path, input.name);
  try {
    const entry = pickChatEntry(zip.entries.map((e) => e.name));
    if (entry === null) throw new ClewError('FORMAT_UNKNOWN', `${input.name}: no WhatsApp chat text (_chat.txt) in the zip`, { archive: input.name });
    const buf = await zip.read(entry, MAX_CHAT_BYTES);
    return await analysePass((at) => readLineBatches(Readable.from([buf.subarray(at.offset)]), { maxLineBytes, startOffset: at.offset, startLine: at.line }), false);
  } finally {
    zip.close();
  }
}

async function* parseWhatsApp(input: SourceInput, resume?: ResumePoint): AsyncGenerator<ParseItem> {
  const tz = input.options.timeZone ?? 'UTC';
  assertTimeZone(tz);
  const maxLineBytes = input.options.maxLineBytes;
  const keepBytes = input.options.maxAttachmentBytes;
  const zipInput = isZipHead(await readHead(input, 4));

  let zip: SafeZip | undefined;
  let chatEntry: string | undefined;
  let openLines: OpenLines;
  const mediaByBase = new Map<string, string>();
  try {
    if (zipInput) {
      zip = await SafeZip.open(input.path, input.name);
      const entry = pickChatEntry(zip.entries.map((e) => e.name));
      if (entry === null) throw new ClewError('FORMAT_UNKNOWN', `${input.name}: no WhatsApp chat text (_chat.txt) in the zip`, { archive: input.name });
      chatEntry = entry;
      for (const e of zip.entries) {
        if (e.directory || e.name === entry || e.name.startsWith('__MACOSX/')) continue;
        const b = e.name.slice(e.name.lastIndexOf('/') + 1);
        if (!mediaByBase.has(b)) mediaByBase.set(b, e.name);
      }
      const buf = await zip.read(entry, MAX_CHAT_BYTES);
      openLines = (at) => readLineBatches(Readable.from([buf.subarray(at.offset)]), { maxLineBytes, startOffset: at.offset, startLine: at.line });
    } else {
      openLines = (at) => readLineBatches(input.open(at.offset), { maxLineBytes, startOffset: at.offset, startLine: at.line });
    }

    // ---- pass 1: layout, date order, members
    const a = await analysePass(openLines, zipInput);
    const baseLoc: Locator = chatEntry !== undefined ? { entry: chatEntry } : {};
    if (a.layout === null) {
      yield { kind: 'reject', locator: { ...baseLoc, line: 1, offset: 0 }, code: 'FORMAT_UNKNOWN', message: 'no WhatsApp message header (date, time, name) in the file' };
      return;
    }
    const ctx = new Context(input, a, tz, keepBytes, zip, mediaByBase, baseLoc);

    if (!resume || resume.offset === 0) {
      if (a.ambiguous)
        yield { kind: 'warning', locator: { ...baseLoc, line: 1, offset: 0 }, code: 'DATE_ORDER_ASSUMED', message: `no date in ${input.name} tells day/month from month/day: day/month was assumed; check the dates` };
      if (a.conflicting)
        yield { kind: 'warning', locator: { ...baseLoc, line: 1, offset: 0 }, code: 'DATE_ORDER_CONFLICT', message: `${input.name} has dates that need day/month and others that need month/day: it may join several exports` };
      if (a.unplaced.lines > 0 && a.locales.length === 0)
        yield { kind: 'warning', locator: { ...baseLoc, line: 1, offset: 0 }, code: 'LOCALE_UNKNOWN', message: await unplacedMessage(input.name, a) };
      for (const r of ctx.preamble()) yield { kind: 'record', record: r, locator: { ...baseLoc, line: 1, offset: 0 }, resume: { offset: 0, line: 1 } };
    }

    // ---- pass 2: records
    const start = resume ?? { offset: 0, line: 1 };
    let pending: Pending | null = null;
    let endOffset = start.offset;
    let endLine = start.line;
    for await (const batch of openLines(start)) for (const l of batch) {
      endOffset = l.offset + l.length;
      endLine = l.line + 1;
      let problem: ParseItem | null = null;
      let s: string | null = null;
      if (l.tooLong) {
        problem = { kind: 'reject', locator: { ...baseLoc, line: l.line, offset: l.offset, length: l.length }, code: 'LINE_TOO_LONG', message: `line ${l.line} is ${l.length} bytes, more than the limit of ${maxLineBytes}` };
      } else {
        s = decodeUtf8(l.bytes, l.line);
        if (s === null) problem = { kind: 'reject', locator: { ...baseLoc, line: l.line, offset: l.offset, length: l.length }, code: 'INVALID_UTF8', message: `line ${l.line} is not valid UTF-8`, excerpt: excerpt(l.bytes.toString('utf8')) };
      }
      if (problem) {
        if (pending) pending.rejects.push(problem);
        else yield { ...problem, resume: { offset: endOffset, line: endLine } } as ParseItem;
        continue;
      }
      const h = parseHeader(s!, a.layout);
      if (h) {
        if (pending) {
          const r = ctx.finish(pending, { offset: l.offset, line: l.line });
          for (const it of r instanceof Promise ? await r : r) yield it;
        }
        pending = { header: h, rest: s!.slice(h.restStart), more: [], moreChars: 0, truncated: false, line: l.line, endLine: l.line, offset: l.offset, end: l.offset + l.length, rejects: [] };
      } else if (pending) {
        pending.endLine = l.line;
        pending.end = l.offset + l.length;
        if (pending.moreChars + s!.length > MAX_BODY_CHARS) {
          if (!pending.truncated) {
            pending.truncated = true;
            pending.rejects.push({ kind: 'reject', locator: { ...baseLoc, line: l.line, offset: l.offset }, code: 'TOO_LARGE', message: `message starting on line ${pending.line} is longer than ${MAX_BODY_CHARS} characters; the rest is dropped` });
          }
        } else {
          pending.more.push(s!);
          pending.moreChars += s!.length + 1;
        }
      } else if (s!.trim() !== '') {
        yield { kind: 'reject', locator: { ...baseLoc, line: l.line, offset: l.offset, length: l.length }, code: 'SCHEMA', message: `line ${l.line} comes before the first message header`, excerpt: excerpt(s!), resume: { offset: endOffset, line: endLine } };
      }
    }
    const eof = { offset: endOffset, line: endLine };
    if (pending) {
      const r = ctx.finish(pending, eof);
      for (const it of r instanceof Promise ? await r : r) yield it;
    }
    yield* ctx.unreferencedMedia(eof);
  } finally {
    zip?.close();
  }
}

/** The summary line for an export whose system lines no locale recognised, naming its language. */
export async function unplacedMessage(name: string, a: WhatsAppAnalysis): Promise<string> {
  const sample = a.unplaced.samples.join('\n');
  let lang = 'an unidentified language';
  try {
    const g = (await loadLanguageDetector({ size: 'small' })).detect(sample);
    if (g) lang = `${g.lang} (${Math.round(g.confidence * 100)}% sure)`;
  } catch {
    // no language model: say so plainly
  }
  const ex = JSON.stringify((a.unplaced.samples[0] ?? '').slice(0, 80));
  return `${name}: the export's language is not one clew knows WhatsApp's wording for (it looks like ${lang}); messages were read by their line layout, and ${a.unplaced.lines} system line(s) such as ${ex} were kept as "other" events`;
}

const GROUP_TO_NONE: string[] = [];

class Context {
  readonly senders: Set<string>;
  readonly systemNames: Set<string>;
  readonly conversation: string;
  private readonly memberRefs: string[];
  private readonly senderRefs: string[];
  private readonly referenced = new Set<string>();
  private readonly clock: ZoneClock;
  private readonly refs = new Map<string, string>();

  constructor(
    private readonly input: SourceInput,
    private readonly a: WhatsAppAnalysis,
    tz: string,
    private readonly keepBytes: number,
    private readonly zip: SafeZip | undefined,
    private readonly mediaByBase: Map<string, string>,
    private readonly baseLoc: Locator,
  ) {
    this.clock = new ZoneClock(tz);
    this.senders = new Set(a.senders);
    this.systemNames = new Set(a.systemNames);
    this.conversation = input.name;
    for (const f of a.mediaFiles) {
      const e = mediaByBase.get(f);
      if (e !== undefined) this.referenced.add(e);
    }
    const refs = new Set<string>();
    for (const n of [...a.senders, ...a.participants]) refs.add(senderRef(n));
    this.memberRefs = [...refs];
    this.senderRefs = [...new Set(a.senders.map((n) => senderRef(n)))];
  }

  /** senderRef, memoised (a chat has few senders and many messages). */
  private ref(name: string): string {
    let r = this.refs.get(name);
    if (r === undefined) {
      r = senderRef(name);
      if (this.refs.size < 100_000) this.refs.set(name, r);
    }
    return r;
  }

  get layout(): Layout {
    return this.a.layout!;
  }

  preamble(): ClewRecord[] {
    const out: ClewRecord[] = [];
    const title = titleFromFileName(this.input.name) ?? this.a.title;
    out.push(title !== undefined
      ? { type: 'conversation', ref: this.conversation, title, members: this.memberRefs }
      : { type: 'conversation', ref: this.conversation, members: this.memberRefs });
    const seen = new Set<string>();
    for (const n of [...this.a.senders, ...this.a.participants]) {
      const ref = senderRef(n);
      if (seen.has(ref)) continue;
      seen.add(ref);
      const acc: AccountRecord = phoneE164(n) ? { type: 'account', ref, kind: 'phone' } : { type: 'account', ref, kind: 'other', displayName: stripMarks(n) };
      out.push(acc);
    }
    return out;
  }

  /** Recipients of a message: the other person in a one-to-one chat; none (derive from the conversation) in a group. */
  private recipients(from: string): string[] {
    // (senders, not members: a number change in a one-to-one chat names a third "member")
    if (this.a.group || this.senderRefs.length !== 2) return GROUP_TO_NONE;
    return this.senderRefs.filter((r) => r !== from);
  }

  /** The items of one message (or system line); a promise only when media must be read. */
  finish(p: Pending, next: ResumePoint): ParseItem[] | Promise<ParseItem[]> {
    const locator: Locator = { ...this.baseLoc, line: p.line, offset: p.offset, length: p.end - p.offset };
    if (p.endLine > p.line) locator.endLine = p.endLine;
    const items: ParseItem[] = [];
    const wall = headerWallClock(p.header, this.a.dateOrder);
    let ts: number | null = null;
    if (wall) {
      try {
        ts = this.clock.toUtc(wall);
      } catch (e) {
        if (!(e instanceof ClewError)) throw e;
      }
    }
    if (ts === null) {
      items.push({ kind: 'reject', locator, code: 'TIMESTAMP_INVALID', message: `impossible date or time "${p.header.local}" on line ${p.line}`, excerpt: excerpt(p.rest) });
      return this.seal(items, p, next);
    }
    const time = { ts, tzOffset: null, tsLocal: p.header.local };
    const c = classify(p.rest, this.layout, this.senders, this.systemNames);
    const tail = p.more.length > 0 ? `\n${p.more.join('\n')}` : '';
    if (c.kind !== 'message') {
      for (const ev of this.events(c, tail, time)) items.push({ kind: 'record', record: ev, locator });
      return this.seal(items, p, next);
    }
    const from = this.ref(c.name);
    const nativeId = `L${p.line}`;
    const body = c.body + tail;
    const msg: MessageRecord = { type: 'message', nativeId, from, to: this.recipients(from), conversation: this.conversation, channel: 'chat', body, ...time };
    if (body.length < 100) {
      const plain = stripMarks(body).trim();
      if (DELETED.has(plain) || DELETED.has(plain.replace(/[.。]$/u, ''))) msg.deleted = true;
    }
    if (body.endsWith('>')) {
      const plain = stripMarks(body);
      if (EDITED.some((e) => plain.endsWith(e))) msg.edited = true;
    }
    items.push({ kind: 'record', record: msg, locator });
    const media = detectMedia(c.body);
    if (!media) return this.seal(items, p, next);
    return this.attachment(media, nativeId).then((att) => {
      msg.attachments = [att.nativeId];
      items.push({ kind: 'record', record: att, locator });
      return this.seal(items, p, next);
    });
  }

  /**
   * Rejects found inside the message follow its records. Only the last item carries the next
   * boundary; the others point back to the message's own start, so a commit in the middle of
   * the group re-reads the whole group.
   */
  private seal(items: ParseItem[], p: Pending, next: ResumePoint): ParseItem[] {
    for (const r of p.rejects) items.push(r);
    const here: ResumePoint = { offset: p.offset, line: p.line };
    for (let i = 0; i < items.length; i++) items[i]!.resume = i === items.length - 1 ? next : here;
    return items;
  }

  private events(c: Extract<ReturnType<typeof classify>, { kind: 'system' }>, tail: string, time: { ts: number; tzOffset: null; tsLocal: string }): EventRecord[] {
    const text = stripMarks(c.text) + tail;
    const m = c.match;
    const base: EventRecord = { type: 'event', kind: m ? m.kind : 'other', conversation: this.conversation, text, ...time };
    if (!m) return [base];
    const actorName = m.actor ?? (m.kind === 'call_missed' ? c.name : undefined);
    if (actorName !== undefined) base.actor = senderRef(actorName);
    if (m.subjects.length === 0) return [base];
    return m.subjects.map((s) => ({ ...base, subject: senderRef(s) }));
  }

  private async attachment(media: MediaRef, messageId: string): Promise<AttachmentRecord> {
    const nativeId = `${messageId}.a1`;
    if (media.filename === undefined) {
      return { type: 'attachment', nativeId, message: messageId, filename: media.placeholder ?? '' };
    }
    const filename = media.filename;
    const att: AttachmentRecord = { type: 'attachment', nativeId, message: messageId, filename };
    const mime = mimeFromName(filename);
    if (mime) att.mime = mime;
    if (this.zip) {
      const entry = this.mediaByBase.get(filename);
      if (entry !== undefined) {
        this.referenced.add(entry);
        att.filename = entry;
        Object.assign(att, await this.zip.digest(entry, this.keepBytes));
      }
    } else if (basename(filename) === filename) {
      // An unpacked export: the media may sit beside the chat text.
      const d = await digestBeside(dirname(this.input.path), filename, this.keepBytes);
      if (d) Object.assign(att, d);
    }
    return att;
  }

  /** Media files in the zip that no message mentions (still evidence). */
  async *unreferencedMedia(at: ResumePoint): AsyncGenerator<ParseItem> {
    if (!this.zip) return;
    for (const e of this.zip.entries) {
      if (e.directory || e.name === this.baseLoc.entry || e.name.startsWith('__MACOSX/') || this.referenced.has(e.name)) continue;
      if (this.mediaByBase.get(e.name.slice(e.name.lastIndexOf('/') + 1)) !== e.name) continue;
      const att: AttachmentRecord = { type: 'attachment', nativeId: `zip:${e.name}`, filename: e.name };
      const mime = mimeFromName(e.name);
      if (mime) att.mime = mime;
      Object.assign(att, await this.zip.digest(e.name, this.keepBytes));
      yield { kind: 'record', record: att, locator: { entry: e.name }, resume: at };
    }
  }
}

export const whatsappParser: FormatParser = {
  name: 'whatsapp',
  description: 'WhatsApp chat export (Android or iOS _chat.txt, or the .zip with media)',
  seekable: true,
  sniff: sniffWhatsApp,
  parse: parseWhatsApp,
};
