/**
 * A watchlist file: one selector a line, `#` starts a comment line, blank lines are skipped. A
 * line may carry a note after a tab (`+381641234567<TAB>Marko's second phone`). Lines come from
 * other cases, spreadsheets and e-mails, so the reader takes what it can and says what it could
 * not, by line number: a bad line is reported and the rest are used.
 *
 * Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM; a line that is not valid UTF-8 is
 * read as Windows-1252 (mixed files happen when lists are pasted together) and said so. A line
 * longer than MAX_LINE_BYTES is refused without being decoded (a 10 MB line costs no more than
 * its scan for the end of line).
 */
import { classifySelector, type ClassifyOptions, type SelectorProblemCode, type SelectorType } from './selector.js';

export const MAX_LINE_BYTES = 4096;
/** Selectors read from one list; lines after that are reported once. */
export const MAX_SELECTORS = 1_000_000;
/** Characters of a refused line quoted in its problem. */
const EXCERPT_CHARS = 60;
const MAX_NOTE_CHARS = 200;

export interface ListedSelector {
  /** 1-based line in the file. */
  line: number;
  /** The selector as written (trimmed, note removed). */
  raw: string;
  type: SelectorType;
  value: string;
  note?: string;
}

export interface SelectorListProblem {
  line: number;
  code: SelectorProblemCode | 'line_too_long' | 'too_many';
  reason: string;
  /** The start of the line as read (untrusted text). */
  excerpt: string;
}

export interface SelectorList {
  selectors: ListedSelector[];
  problems: SelectorListProblem[];
  /** Lines read as Windows-1252 because they were not UTF-8. */
  legacyLines: number[];
  /** Lines in the file (the last one counted even without an end of line). */
  lines: number;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

/** Control characters other than tab, and the BOM when it is not at the start: dropped. */
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f\ufeff\u200b]/g;

function excerpt(s: string): string {
  const t = s.replace(CONTROL_RE, '').trim();
  return t.length > EXCERPT_CHARS ? `${t.slice(0, EXCERPT_CHARS)}…` : t;
}

/** Split into [line number, bytes] pieces; \r\n and \n end a line. */
function* byteLines(buf: Uint8Array): Generator<[number, Uint8Array]> {
  let start = 0;
  let n = 0;
  while (start < buf.length) {
    let end = buf.indexOf(10, start);
    if (end === -1) end = buf.length;
    n++;
    let e = end;
    if (e > start && buf[e - 1] === 13) e--;
    yield [n, buf.subarray(start, e)];
    start = end + 1;
  }
}

function* stringLines(s: string): Generator<[number, string]> {
  const parts = s.split('\n');
  if (parts.at(-1) === '') parts.pop();
  for (let i = 0; i < parts.length; i++) yield [i + 1, parts[i]!.replace(/\r$/, '')];
}

/** Read a selector list (file bytes or text). Never throws on content. */
export function parseSelectorList(input: Uint8Array | string, opts: ClassifyOptions = {}): SelectorList {
  const out: SelectorList = { selectors: [], problems: [], legacyLines: [], lines: 0, encoding: 'utf-8' };
  let text: string | null = typeof input === 'string' ? input : null;
  let bytes: Uint8Array | null = null;
  if (typeof input !== 'string') {
    if (input[0] === 0xff && input[1] === 0xfe) {
      out.encoding = 'utf-16le';
      text = new TextDecoder('utf-16le').decode(input.subarray(2));
    } else if (input[0] === 0xfe && input[1] === 0xff) {
      out.encoding = 'utf-16be';
      text = new TextDecoder('utf-16be').decode(input.subarray(2));
    } else bytes = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  }
  if (text !== null && text.startsWith('\ufeff')) text = text.slice(1);

  const take = (line: number, s: string) => {
    out.lines = line;
    const clean = s.replace(CONTROL_RE, '');
    const tab = clean.indexOf('\t');
    const sel = (tab === -1 ? clean : clean.slice(0, tab)).trim();
    const note = tab === -1 ? '' : clean.slice(tab + 1).replace(/\t/g, ' ').trim().slice(0, MAX_NOTE_CHARS);
    if (sel.length === 0 || sel.startsWith('#')) return;
    if (out.selectors.length >= MAX_SELECTORS) {
      if (out.problems.at(-1)?.code !== 'too_many')
        out.problems.push({ line, code: 'too_many', reason: `more than ${MAX_SELECTORS.toLocaleString('en')} selectors: this line and the ones after it are not read`, excerpt: excerpt(sel) });
      return;
    }
    const r = classifySelector(sel, opts);
    if (!r.ok) out.problems.push({ line, code: r.code, reason: r.reason, excerpt: excerpt(sel) });
    else out.selectors.push({ line, raw: sel, type: r.type, value: r.value, ...(note ? { note } : {}) });
  };
  const tooLong = (line: number, size: number, start: string) => {
    out.lines = line;
    out.problems.push({ line, code: 'line_too_long', reason: `the line is ${size.toLocaleString('en')} bytes long; a selector line holds at most ${MAX_LINE_BYTES.toLocaleString('en')}`, excerpt: excerpt(start) });
  };

  if (bytes) {
    for (const [line, b] of byteLines(bytes)) {
      if (b.length > MAX_LINE_BYTES) {
        tooLong(line, b.length, cp1252.decode(b.subarray(0, EXCERPT_CHARS)));
        continue;
      }
      let s: string;
      try {
        s = utf8.decode(b);
      } catch {
        s = cp1252.decode(b);
        out.legacyLines.push(line);
      }
      take(line, s);
    }
  } else {
    for (const [line, s] of stringLines(text!)) {
      // UTF-8 length without encoding the whole line
      if (s.length > MAX_LINE_BYTES || Buffer.byteLength(s, 'utf8') > MAX_LINE_BYTES) tooLong(line, Buffer.byteLength(s, 'utf8'), s.slice(0, EXCERPT_CHARS));
      else take(line, s);
    }
  }
  return out;
}
