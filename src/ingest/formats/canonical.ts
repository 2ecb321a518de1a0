/**
 * Reader of clew's canonical JSON Lines format (docs/formats/canonical.md).
 * Streaming and seekable: every item reports the byte offset and line after it.
 */
import { ClewError } from '../../model/errors.js';
import { excerpt, looksBinary, readTextLineBatches, type TextLine } from '../lines.js';
import type { FormatParser, ParseItem, ResumePoint, SourceInput, SniffResult } from '../parser.js';
import { parseCanonicalRecord } from './canonical-schema.js';

const MAX_DEPTH = 32;

/** Depth of JSON nesting, counted on the text without parsing (strings are skipped). */
export function jsonDepth(s: string): number {
  let depth = 0;
  let max = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
    } else if (c === 34) inStr = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/**
 * Whether a line holds more than `max` opening brackets (strings included): only then can its
 * nesting exceed `max`. Native searches, so the common flat line costs a few calls, not a scan
 * in JavaScript of every character.
 */
export function mayNestDeeper(s: string, max: number): boolean {
  let n = 0;
  for (let i = s.indexOf('{'); i !== -1; i = s.indexOf('{', i + 1)) if (++n > max) return true;
  for (let i = s.indexOf('['); i !== -1; i = s.indexOf('[', i + 1)) if (++n > max) return true;
  return false;
}

export const canonicalParser: FormatParser = {
  name: 'canonical',
  description: 'clew canonical JSON Lines (docs/formats/canonical.md)',
  seekable: true,

  sniff(head: Uint8Array): SniffResult {
    if (looksBinary(head)) return { ok: false, reason: 'binary content' };
    const text = Buffer.from(head).toString('utf8').replace(/^\uFEFF/, '');
    const first = text.split('\n', 1)[0]!.trim();
    if (!first.startsWith('{')) return { ok: false, reason: 'first line is not a JSON object' };
    if (!/"type"\s*:\s*"(account|contact|conversation|message|call|attachment|event|location|device)"/.test(first))
      return { ok: false, reason: 'first line has no canonical "type" field' };
    return { ok: true, confidence: 0.9 };
  },

  async *parse(input: SourceInput, resume?: ResumePoint): AsyncIterable<ParseItem> {
    for await (const items of canonicalParser.parseBatches!(input, resume)) yield* items;
  },

  async *parseBatches(input: SourceInput, resume?: ResumePoint): AsyncIterable<ParseItem[]> {
    const { maxLineBytes, timeZone } = input.options;
    const stream = input.open(resume?.offset ?? 0);
    for await (const lines of readTextLineBatches(stream, { maxLineBytes, startOffset: resume?.offset, startLine: resume?.line })) {
      const items: ParseItem[] = [];
      for (const raw of lines) {
        const item = parseLine(raw, maxLineBytes, timeZone);
        if (item) items.push(item);
      }
      if (items.length > 0) yield items;
    }
  },
};

/** One line's item, or null for a blank line. */
function parseLine(raw: TextLine, maxLineBytes: number, timeZone: string | undefined): ParseItem | null {
  const next: ResumePoint = { offset: raw.offset + raw.length, line: raw.line + 1 };
  const locator = { line: raw.line, offset: raw.offset, length: raw.length };
  if (raw.tooLong) return reject(locator, next, new ClewError('LINE_TOO_LONG', `line of ${raw.length} bytes is over the limit of ${maxLineBytes} bytes`));
  const text = raw.text;
  if (text === null) return reject(locator, next, new ClewError('INVALID_UTF8'));
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    if (mayNestDeeper(text, MAX_DEPTH) && jsonDepth(text) > MAX_DEPTH) throw new ClewError('JSON_TOO_DEEP', `JSON nested deeper than ${MAX_DEPTH} levels`);
    value = JSON.parse(text);
  } catch (e) {
    const err =
      e instanceof ClewError
        ? e
        : raw.terminated
          ? new ClewError('JSON_SYNTAX', `invalid JSON: ${(e as Error).message}`)
          : new ClewError('TRUNCATED_LINE');
    return reject(locator, next, err, text);
  }
  try {
    return { kind: 'record', record: parseCanonicalRecord(value, timeZone), locator, resume: next };
  } catch (e) {
    if (!(e instanceof ClewError)) throw e;
    return reject(locator, next, e, text);
  }
}

function reject(locator: ParseItem['locator'], resume: ResumePoint, e: ClewError, text?: string): ParseItem {
  return { kind: 'reject', locator, resume, code: e.code, message: e.message, excerpt: text === undefined ? undefined : excerpt(text) };
}
