/**
 * Encrypted-phone device dumps (Sky ECC / EncroChat style), the clew device-dump JSON layout
 * (docs/formats/device-dump.md). Streamed with stream-json: memory is bounded by the largest
 * single message, contact or device object, whatever the file size. Not seekable (one JSON
 * document): the pipeline re-runs it and skips committed items by ordinal.
 */
import { ClewError, isClewError } from '../../../model/errors.js';
import type { ClewRecord } from '../../../model/records.js';
import { attachmentRecords } from '../../attachments/describe.js';
import type { FormatParser, ParseItem, SniffResult, SourceInput } from '../../parser.js';
import { contactRecord, conversationRecord, deviceRecords, MAX_BODY_CHARS, messageRecords, participants, type ConversationHead, type DeviceContext } from './records.js';
import { jsonEventChunks } from './tokens.js';
import { JsonWalker, pathString, type PathPart, type WalkItem } from './walker.js';

export const DEVICE_DUMP_FORMAT = 'clew-device-dump';
export const MAX_JSON_DEPTH = 32;
const MAX_OTHER_STRING = 64 * 1024;

function capture(path: readonly PathPart[], container: 'object' | 'array' | 'scalar'): boolean {
  const [a, b, c, d] = path;
  switch (path.length) {
    case 1:
      return a === 'device' || ((a === 'format' || a === 'version') && container === 'scalar');
    case 2:
      return a === 'contacts' && typeof b === 'number';
    case 3:
      return a === 'conversations' && typeof b === 'number' && (((c === 'id' || c === 'title') && container === 'scalar') || c === 'participants');
    case 4:
      return a === 'conversations' && c === 'messages' && typeof d === 'number';
    default:
      return false;
  }
}

export function sniffDeviceDump(head: Uint8Array, _name: string): SniffResult {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 65536)).toString('utf8').replace(/^\uFEFF/, '');
  if (!text.trimStart().startsWith('{')) return { ok: false, reason: 'a device dump is a JSON object' };
  if (/"format"\s*:\s*"clew-device-dump"/.test(text)) return { ok: true, confidence: 0.95 };
  if (/"device"\s*:\s*\{/.test(text) && /"(conversations|contacts)"\s*:\s*\[/.test(text)) return { ok: true, confidence: 0.6 };
  return { ok: false, reason: 'no "format": "clew-device-dump" and no device/conversations keys' };
}

function decodeBase64(s: string): Buffer | null {
  const t = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 === 1) return null;
  return Buffer.from(t, 'base64');
}

export const deviceDumpParser: FormatParser = {
  name: 'device-dump',
  description: 'Seized encrypted-phone dump (Sky ECC / EncroChat style) in the clew device-dump JSON layout',
  seekable: false,
  sniff: sniffDeviceDump,
  async *parse(input: SourceInput): AsyncIterable<ParseItem> {
    if (input.size === 0) throw new ClewError('EMPTY_FILE', undefined, { path: input.name });
    const attCap = Math.ceil((input.options.maxAttachmentBytes * 4) / 3) + 4;
    const stream = input.open(0);
    const chunks = jsonEventChunks(stream, (k) => (k === 'content_base64' ? attCap : k === 'body' ? MAX_BODY_CHARS : MAX_OTHER_STRING));
    const walker = new JsonWalker({ maxDepth: MAX_JSON_DEPTH, capture });
    const walk = async function* (): AsyncGenerator<WalkItem> {
      const out: WalkItem[] = [];
      for await (const events of chunks) {
        for (const ev of events) walker.feed(ev, out);
        yield* out;
        out.length = 0;
      }
    };
    let ctx: DeviceContext | undefined;
    let conv: { head: ConversationHead; emitted: boolean; index: number; ref: string } | undefined;
    let lastPath = '$';

    const reject = (path: string, e: unknown): ParseItem => {
      if (!isClewError(e)) throw e;
      return { kind: 'reject', locator: { path }, code: e.code, message: `${path}: ${e.message}` };
    };
    const rec = (record: ClewRecord, path: string): ParseItem => ({ kind: 'record', record, locator: { path } });
    const openConversation = function* (): Generator<ParseItem> {
      if (conv && !conv.emitted) {
        conv.emitted = true;
        conv.ref = conv.head.id ?? `conversations[${conv.index}]`;
        yield rec(conversationRecord(conv.head, conv.ref), `$.conversations[${conv.index}]`);
      }
    };

    try {
      for await (const item of walk()) {
        const path = pathString(item.path);
        lastPath = path;
        const [a, , c] = item.path;
        if (item.kind === 'tooDeep') {
          yield { kind: 'reject', locator: { path }, code: 'JSON_TOO_DEEP', message: `${path}: nested deeper than ${MAX_JSON_DEPTH} levels` };
          continue;
        }
        if (item.kind === 'enter') {
          if (a === 'conversations' && item.path.length === 2) conv = { head: {}, emitted: false, index: item.path[1] as number, ref: '' };
          if (a === 'conversations' && item.path.length === 3 && c === 'messages') yield* openConversation();
          continue;
        }
        if (item.kind === 'leave') {
          if (a === 'conversations' && item.path.length === 2) {
            yield* openConversation();
            conv = undefined;
          }
          continue;
        }
        // captured values
        const v = item.value;
        try {
          if (a === 'format') {
            if (v !== DEVICE_DUMP_FORMAT) throw new ClewError('FORMAT_UNKNOWN', `format is ${JSON.stringify(String(v)).slice(0, 60)}, not ${DEVICE_DUMP_FORMAT}`);
          } else if (a === 'version') {
            if (v !== 1) throw new ClewError('FORMAT_UNKNOWN', `device-dump version ${String(v).slice(0, 20)} is not supported (1)`);
          } else if (a === 'device') {
            const d = deviceRecords(v);
            ctx = d.ctx;
            for (const r of d.records) yield rec(r, path);
          } else if (!ctx) {
            yield reject(path, new ClewError('SCHEMA', 'the device object must come before contacts and conversations'));
          } else if (a === 'contacts') {
            yield rec(contactRecord(v, ctx), path);
          } else if (conv && item.path.length === 3) {
            if (c === 'id') conv.head.id = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : undefined;
            else if (c === 'title' && typeof v === 'string') conv.head.title = v;
            else if (c === 'participants') conv.head.participants = participants(v, ctx.platform);
          } else if (conv && item.path.length === 4) {
            yield* openConversation();
            const { message, attachments } = messageRecords(v, ctx.platform, { ref: conv.ref, members: conv.head.participants }, input.options.timeZone);
            yield rec(message, path);
            for (const att of attachments) {
              const bytes = att.base64 !== undefined ? decodeBase64(att.base64) : null;
              if (!bytes) {
                yield rec(att.record, path);
                continue;
              }
              const r = await attachmentRecords(bytes, {
                nativeId: att.record.nativeId,
                message: att.record.message,
                filename: att.record.filename,
                maxBytes: input.options.maxAttachmentBytes,
                account: message.from,
                timeZone: input.options.timeZone,
              });
              yield rec(r.attachment, path);
              if (r.location) yield rec(r.location, path);
            }
          }
        } catch (e) {
          if (isClewError(e) && e.code === 'FORMAT_UNKNOWN') throw e;
          yield reject(path, e);
        }
      }
    } catch (e) {
      if (isClewError(e)) throw e;
      // a syntax error ends the document: report where, keep what came before
      yield { kind: 'reject', locator: { path: lastPath }, code: 'JSON_SYNTAX', message: `invalid JSON after ${lastPath}: ${(e as Error).message.slice(0, 200)}` };
    } finally {
      stream.destroy();
    }
  },
};
