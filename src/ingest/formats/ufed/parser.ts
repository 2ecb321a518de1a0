/**
 * Cellebrite UFED reports: a `.ufdr` archive (zip with `report.xml` and the extracted files) or
 * a bare `report.xml` (with its `files/` folder beside it, when present). The XML is streamed
 * (xml.ts over scan.ts): constant memory whatever the report's size. Not seekable: the pipeline
 * re-runs the parse and skips committed items by ordinal.
 *
 * A report cut off or malformed mid-way keeps every unit completed before the damage; the rest
 * is quarantined once (XML_SYNTAX) with the byte offset from which it was lost. A DOCTYPE is
 * refused (XML_DTD) before anything is read. Which models and fields become which records:
 * docs/formats/ufed.md.
 */
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { ClewError, isClewError } from '../../../model/errors.js';
import type { AccountRef, AttachmentRecord, ClewRecord, DeviceRecord, Locator } from '../../../model/records.js';
import { SafeZip } from '../../archive/zip.js';
import { attachmentRecords } from '../../attachments/describe.js';
import type { Digest } from '../../digest.js';
import { looksBinary } from '../../lines.js';
import type { FormatParser, ParseItem, SniffResult, SourceInput } from '../../parser.js';
import { assertTimeZone } from '../../time.js';
import { BesideFiles } from '../whatsapp/hashfile.js';
import { mimeFromName } from '../whatsapp/media.js';
import {
  accountRef,
  callRecord,
  chatRecords,
  contactRecords,
  deviceInfo,
  kindOf,
  locationRecord,
  messageRecords,
  READ_MODELS,
  userAccountRecords,
  type Attachment,
  type UfedContext,
} from './records.js';
import { UfedXmlReader, type UfedFile, type UfedModel, type UfedUnit } from './xml.js';
import { isZipHead, readHead } from '../../head.js';

/** Most tagged files remembered (for attachment paths, hashes and model source paths). */
const MAX_FILES = 2_000_000;

export function sniffUfed(head: Uint8Array, name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (isZipHead(head)) {
    if (/\.ufdr$/i.test(name)) return { ok: true, confidence: 0.97 };
    const ascii = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
    if (/(^|[^A-Za-z0-9_])report\.xml/.test(ascii) && !ascii.includes('_chat.txt')) return { ok: true, confidence: 0.85 };
    return { ok: false, reason: 'a zip archive that is neither a .ufdr nor holds a report.xml at its start' };
  }
  if (looksBinary(head)) return { ok: false, reason: 'binary data, not a UFED report' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 16384)).replace(/^\ufeff/, '').trimStart();
  if (!text.startsWith('<')) return { ok: false, reason: 'not XML' };
  if (/xmlns="http:\/\/pa\.cellebrite\.com\/report\//.test(text)) return { ok: true, confidence: 0.98 };
  if (/<project\b[^>]*\b(reportVersion|extractionType)=/.test(text) || (/<project\b/.test(text) && /<(decodedData|taggedFiles|sourceExtractions)\b/.test(text)))
    return { ok: true, confidence: 0.9 };
  return { ok: false, reason: 'XML without a Cellebrite report root (<project xmlns="http://pa.cellebrite.com/report/…">)' };
}

/** The report inside a .ufdr: `report.xml` at the top, else the shallowest `…/report.xml`. */
export function pickReportEntry(names: string[]): string | null {
  const cands = names.filter((n) => /(^|\/)report\.xml$/i.test(n) && !n.startsWith('__MACOSX/'));
  cands.sort((a, b) => a.split('/').length - b.split('/').length || a.length - b.length);
  return cands[0] ?? null;
}

class UfedRun {
  readonly ctx: UfedContext;
  private identifiers: Record<string, string> = {};
  private readonly bound = new Set<AccountRef>();
  private readonly files = new Map<string, UfedFile>();
  private readonly chatsOut = new WeakSet<UfedModel>();
  readonly unread = new Map<string, number>();
  counts = { models: 0, messages: 0 };

  constructor(
    private readonly input: SourceInput,
    private readonly baseLoc: Locator,
    private readonly zip: SafeZip | undefined,
    private readonly beside: BesideFiles | undefined,
  ) {
    this.ctx = { owner: 'ufed:phone-owner' };
    if (input.options.defaultRegion) this.ctx.defaultRegion = input.options.defaultRegion;
    if (input.options.timeZone) this.ctx.timeZone = input.options.timeZone;
  }

  /** Items read and not yet handed out (see `take`). */
  private out: ParseItem[] = [];

  /** The items read since the last call. */
  take(): ParseItem[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  get pending(): number {
    return this.out.length;
  }

  private loc(m: UfedModel): Locator {
    let src: string | undefined;
    for (const id of m.jumpTargets ?? []) {
      const p = this.files.get(id)?.path;
      if (p !== undefined && p !== '') {
        src = p;
        break;
      }
    }
    return { ...this.baseLoc, offset: m.offset, path: src ? `${m.path} from ${src}` : m.path };
  }

  private rec(record: ClewRecord, locator: Locator): void {
    this.out.push({ kind: 'record', record, locator });
  }

  /** Bind an account of the owner to the device (once per account). */
  private bind(ref: AccountRef, locator: Locator, displayName?: string): void {
    if (this.bound.has(ref)) return;
    this.bound.add(ref);
    const d: DeviceRecord = { type: 'device', account: ref, identifiers: { ...this.identifiers } };
    this.rec(d, locator);
    this.rec(displayName ? { type: 'account', ref, kind: kindOf(ref), displayName } : { type: 'account', ref, kind: kindOf(ref) }, locator);
  }

  /** Reads one unit into the pending items; a promise only when it must wait (attachments hashed). */
  unit(u: UfedUnit): Promise<void> | undefined {
    switch (u.kind) {
      case 'doctype':
        return;
      case 'device': {
        const info = deviceInfo(u.items, this.ctx.defaultRegion);
        this.identifiers = { ...this.identifiers, ...info.identifiers };
        this.ctx.owner = info.owner;
        const locator: Locator = { ...this.baseLoc, offset: u.offset, path: 'metadata[Device Info]' };
        this.bind(info.owner, locator, info.ownerName);
        for (const [k, v] of Object.entries(info.identifiers)) {
          if (!/^(account|apple_id)(_\d+)?$/.test(k)) continue;
          this.bind(accountRef(v, k.startsWith('apple') ? 'appleid' : 'account', this.ctx.defaultRegion), locator);
        }
        return;
      }
      case 'file':
        if (u.file.id && this.files.size < MAX_FILES) this.files.set(u.file.id, u.file);
        return;
      case 'chatMessages':
        this.chatHead(u.chat);
        return;
      case 'model':
        return this.model(u.model, u.chat);
    }
  }

  private chatHead(chat: UfedModel): void {
    if (this.chatsOut.has(chat)) return;
    this.chatsOut.add(chat);
    const locator = this.loc(chat);
    try {
      for (const r of chatRecords(chat, this.ctx)) this.rec(r, locator);
    } catch (e) {
      this.out.push(this.reject(e, locator, chat));
    }
  }

  private reject(e: unknown, locator: Locator, m: UfedModel): ParseItem {
    if (!isClewError(e)) throw e;
    return { kind: 'reject', locator, code: e.code, message: `${m.path} at byte ${m.offset}: ${e.message}` };
  }

  private model(m: UfedModel, chat?: UfedModel): Promise<void> | undefined {
    this.counts.models++;
    const locator = this.loc(m);
    if (chat) this.chatHead(chat);
    if (m.tooDeep) this.out.push({ kind: 'warning', locator, code: 'UFED_TOO_DEEP', message: `${m.path}: models nested deeper than the limit were skipped` });
    if (m.truncated) this.out.push({ kind: 'warning', locator, code: 'UFED_TRUNCATED', message: `${m.path}: ${m.truncated}; the rest was dropped` });
    const type = chat ? 'InstantMessage' : m.type;
    if (!READ_MODELS.has(type)) {
      this.unread.set(m.type, (this.unread.get(m.type) ?? 0) + 1);
      return;
    }
    try {
      switch (type) {
        case 'Chat':
          this.chatHead(m);
          return;
        case 'InstantMessage':
        case 'SMS':
        case 'MMS':
        case 'Email': {
          const r = messageRecords(m, this.ctx, chat);
          this.counts.messages++;
          for (const ref of r.ownerRefs) this.bind(ref, locator);
          const msg = r.records[0]!;
          for (const rec of r.records) this.rec(rec, locator);
          if (r.attachments.length > 0) return this.attachments(r.attachments, msg.type === 'message' ? msg : undefined, locator, m);
          return;
        }
        case 'Call':
          this.rec(callRecord(m, this.ctx), locator);
          return;
        case 'Contact':
          for (const r of contactRecords(m, this.ctx)) this.rec(r, locator);
          return;
        case 'UserAccount': {
          const recs = userAccountRecords(m, this.ctx);
          for (const r of recs) this.bind(r.ref, locator, r.displayName);
          return;
        }
        case 'Location':
          this.rec(locationRecord(m, this.ctx), locator);
          return;
      }
    } catch (e) {
      this.out.push(this.reject(e, locator, m));
    }
    return;
  }

  private async attachments(list: Attachment[], msg: { nativeId?: string; from: AccountRef } | undefined, locator: Locator, m: UfedModel): Promise<void> {
    try {
      for (const a of list) for (const rec of await this.attachment(a, msg)) this.rec(rec, locator);
    } catch (e) {
      this.out.push(this.reject(e, locator, m));
    }
  }

  private async attachment(a: Attachment, msg: { nativeId?: string; from: AccountRef } | undefined): Promise<ClewRecord[]> {
    const file = a.fileId !== undefined ? this.files.get(a.fileId) : undefined;
    const candidates = [a.localPath, file?.localPath].filter((p): p is string => p !== undefined && p !== '');
    const keep = this.input.options.maxAttachmentBytes;
    let d: Digest | null = null;
    let used: string | undefined;
    for (const p of candidates) {
      if (this.zip?.has(p)) d = await this.zip.digest(p, keep);
      else if (this.beside) d = await this.beside.digest(p);
      if (d) {
        used = p;
        break;
      }
    }
    const base: AttachmentRecord = { type: 'attachment', nativeId: a.nativeId, filename: a.filename };
    if (msg?.nativeId !== undefined) base.message = msg.nativeId;
    const mime = a.mime ?? mimeFromName(a.filename);
    if (mime) base.mime = mime;
    if (!d) {
      if (file?.sha256) base.sha256 = file.sha256;
      if (file?.size !== undefined) base.size = file.size;
      return [base];
    }
    if (d.content) {
      const ctx = { nativeId: a.nativeId, filename: a.filename, maxBytes: keep, ...(msg?.nativeId !== undefined ? { message: msg.nativeId } : {}), ...(msg ? { account: msg.from } : {}), ...(this.ctx.timeZone ? { timeZone: this.ctx.timeZone } : {}) };
      const r = await attachmentRecords(d.content, ctx);
      if (a.mime) r.attachment.mime = a.mime;
      return r.location ? [r.attachment, r.location] : [r.attachment];
    }
    void used;
    return [{ ...base, size: d.size, sha256: d.sha256 }];
  }
}

/** The report's items, one array per chunk read (the items of a model are made synchronously: no promise per item). */
async function* parseUfedBatches(input: SourceInput): AsyncGenerator<ParseItem[]> {
  if (input.size === 0) throw new ClewError('EMPTY_FILE', undefined, { path: input.name });
  if (input.options.timeZone) assertTimeZone(input.options.timeZone);
  let zip: SafeZip | undefined;
  let stream: Readable | undefined;
  try {
    let total = input.size;
    let baseLoc: Locator = {};
    let beside: BesideFiles | undefined;
    if (isZipHead(await readHead(input, 4))) {
      zip = await SafeZip.open(input.path, input.name);
      const entry = pickReportEntry(zip.entries.filter((e) => !e.directory).map((e) => e.name));
      if (entry === null) throw new ClewError('FORMAT_UNKNOWN', `${input.name}: no report.xml in the archive`, { archive: input.name });
      total = zip.entries.find((e) => e.name === entry)!.size;
      baseLoc = { entry };
      stream = await zip.openEntry(entry);
    } else {
      beside = new BesideFiles(dirname(input.path), input.options.maxAttachmentBytes);
      stream = input.open(0);
    }
    const run = new UfedRun(input, baseLoc, zip, beside);
    // the content of models not mapped is not read (they are only counted)
    const reader = new UfedXmlReader(READ_MODELS);
    let failure: unknown = null;
    const feed = (bytes: Buffer): void => {
      try {
        reader.write(bytes);
      } catch (e) {
        failure = e;
      }
    };
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      feed(chunk);
      for (const u of reader.drain()) {
        const wait = run.unit(u);
        if (wait) await wait;
      }
      if (run.pending > 0) yield run.take();
      if (failure) break;
    }
    if (!failure) {
      try {
        reader.end();
      } catch (e) {
        failure = e;
      }
      for (const u of reader.drain()) {
        const wait = run.unit(u);
        if (wait) await wait;
      }
    }
    if (run.pending > 0) yield run.take();
    if (failure) {
      if (!isClewError(failure)) throw failure;
      const e = failure as ClewError;
      const at = typeof e.details.offset === 'number' ? e.details.offset : reader.safeOffset;
      if (e.code === 'XML_DTD') {
        yield [{ kind: 'reject', locator: { ...baseLoc, offset: at }, code: 'XML_DTD', message: `${input.name}: ${e.message}; the report is not read` }];
        return;
      }
      yield [{
        kind: 'reject',
        locator: { ...baseLoc, offset: at, length: Math.max(0, total - at) },
        code: 'XML_SYNTAX',
        message: `${input.name}: the report is cut off or malformed (${e.message.slice(0, 200)}); everything from byte ${at} on is quarantined, what came before is kept`,
      }];
    }
    if (run.unread.size > 0) {
      const list = [...run.unread].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${n} ${t}`).join(', ');
      yield [{ kind: 'warning', locator: { ...baseLoc }, code: 'UFED_MODELS_NOT_READ', message: `${input.name}: models clew does not read (see docs/formats/ufed.md): ${list.slice(0, 2000)}` }];
    }
  } finally {
    stream?.destroy();
    zip?.close();
  }
}

export const ufedParser: FormatParser = {
  name: 'ufed',
  description: 'Cellebrite UFED report: .ufdr archive or bare report.xml (chats, SMS/MMS, calls, contacts, accounts, e-mail, locations, device identifiers)',
  seekable: false,
  sniff: sniffUfed,
  async *parse(input: SourceInput): AsyncIterable<ParseItem> {
    for await (const items of parseUfedBatches(input)) yield* items;
  },
  parseBatches: parseUfedBatches,
};
