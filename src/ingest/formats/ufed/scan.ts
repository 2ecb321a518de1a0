/**
 * A streaming XML tokenizer for UFED reports: tags, attributes, text, CDATA, with absolute
 * positions into the stream, no DOM and no DTD processing (a declaration is reported, never
 * read). Built for the shape of `report.xml` — millions of small elements, values mostly in
 * CDATA — it finds each construct with `indexOf` rather than stepping a state machine through
 * every character (htmlparser2's tokenizer, used before, took half of the whole parse: see
 * bench/RESULTS.md, "UFED report ingest").
 *
 * Entities: XML's five and numeric references are decoded (a number that is not an XML
 * character becomes U+FFFD); any other `&name;` stays as written, so nothing is ever expanded or
 * fetched. A `<` that starts no construct is text (reports in the wild hold such strays).
 * Well-formedness beyond the single token (matching end tags) is the caller's.
 *
 * Positions are absolute character offsets into the whole stream, so a caller that keeps the
 * text can slice any token after the scanner has moved on (`pending` says what it still needs).
 */
import { ClewError } from '../../../model/errors.js';

export interface ScanHandler {
  /** `start` is just after `<`. */
  onopentagname(start: number, end: number): void;
  /**
   * The start tag's attributes (after `onopentagname`, only when it has some): `count` of them,
   * each read through `XmlScanner.attribute` during this call (one call a tag, not one an attribute).
   */
  onattributes(count: number): void;
  /** `gt` is the position of the tag's `>`. */
  onopentagend(gt: number): void;
  onselfclosingtag(gt: number): void;
  onclosetag(start: number, end: number, gt: number): void;
  ontext(start: number, end: number): void;
  ontextentity(codePoint: number): void;
  /** Content of a CDATA section, possibly in several pieces. */
  oncdata(start: number, end: number): void;
  /** `<!…>` other than a comment or CDATA (e.g. DOCTYPE): `start` is just after `<`. */
  ondeclaration(start: number, end: number): void;
}

/** Longest tag (name and attributes) accepted: UFED tags are a few hundred characters. */
export const MAX_TAG_CHARS = 1 << 20;

const enum Mode {
  Content,
  CData,
  Comment,
}

/** Longest entity reference read, `&` to `;` included (`&#x10FFFF;` is 10). */
const MAX_ENTITY = 12;

/** The `;` closing an entity reference at amp, before `to` and within MAX_ENTITY characters, or -1. */
function semicolon(s: string, amp: number, to: number): number {
  const last = Math.min(to, amp + MAX_ENTITY);
  for (let i = amp + 1; i < last; i++) if (s.charCodeAt(i) === 59) return i;
  return -1;
}

const NAMED: Record<string, number> = { amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 };

/** The code point of `&…;` at [amp, semi] (semi the `;`), or -1 when it is not an entity XML defines. */
function entityAt(s: string, amp: number, semi: number): number {
  const len = semi - amp - 1;
  if (len < 2 || len > 10) return -1;
  if (s.charCodeAt(amp + 1) === 35 /* # */) {
    const hex = s.charCodeAt(amp + 2) === 120 /* x */;
    const digits = s.slice(amp + (hex ? 3 : 2), semi);
    if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return -1;
    const cp = parseInt(digits, hex ? 16 : 10);
    const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    return ok ? cp : 0xfffd;
  }
  return NAMED[s.slice(amp + 1, semi)] ?? -1;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
/** Characters that may start a tag name (`<` followed by anything else is text). */
const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127;

/** An attribute's raw value with its entities decoded (the same rules as text). */
export function attributeValue(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  let out = '';
  let at = 0;
  for (;;) {
    const amp = raw.indexOf('&', at);
    if (amp < 0) return out + raw.slice(at);
    const semi = semicolon(raw, amp, raw.length);
    const cp = semi < 0 ? -1 : entityAt(raw, amp, semi);
    if (cp < 0) {
      out += raw.slice(at, amp + 1);
      at = amp + 1;
    } else {
      out += raw.slice(at, amp) + String.fromCodePoint(cp);
      at = semi + 1;
    }
  }
}

export class XmlScanner {
  /** Unconsumed text; `base` is the stream position of its first character. */
  private buf = '';
  private base = 0;
  /** Position in `buf` where scanning resumes. */
  private pos = 0;
  private mode = Mode.Content;
  private ended = false;
  /** Position found by `next` for `&` (-1: not searched yet). */
  private amp = -1;
  /** Positions in `buf` of the attributes of the tag being read: name start, name end, value start, value end. */
  private attrs = new Int32Array(64);
  /** Set by the caller while it passes over content: start tags are read (for their ends) but their attributes not reported. */
  quiet = false;

  constructor(private readonly h: ScanHandler) {}

  /**
   * During `onattributes`: stream position of the `k`th attribute's name start (`part` 0), name
   * end (1), raw value start (2) or value end (3); the value's entities are not decoded (see `attributeValue`).
   */
  attribute(k: number, part: 0 | 1 | 2 | 3): number {
    return this.base + this.attrs[4 * k + part]!;
  }

  /** Stream position of the first character a later token may still slice. */
  get pending(): number {
    return this.base + this.pos;
  }

  /** The stream's text at [start, end): positions at or after `pending` when the last write began (any position a callback was given, during that callback). */
  slice(start: number, end: number): string {
    return this.buf.slice(start - this.base, end - this.base);
  }

  /** Whether the stream's text at [start, end) is `s`, without making a string. */
  equals(start: number, end: number, s: string): boolean {
    const n = s.length;
    if (end - start !== n) return false;
    const b = this.buf;
    const at = start - this.base;
    if (n > 16) return b.startsWith(s, at);
    // names are short: compared here rather than through a call into the runtime
    for (let i = 0; i < n; i++) if (b.charCodeAt(at + i) !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Whether the stream's text at [start, end) is all ASCII (in a Latin-1 stream: no byte of a multi-byte UTF-8 character). */
  isAscii(start: number, end: number): boolean {
    const b = this.buf;
    const to = end - this.base;
    for (let i = start - this.base; i < to; i++) if (b.charCodeAt(i) > 127) return false;
    return true;
  }

  /**
   * A hash (31 bits) of the stream's text at [start, end), for interning short values without making
   * a string; -1 when the text holds `&` or a character above ASCII (it needs decoding first).
   */
  hash(start: number, end: number): number {
    const b = this.buf;
    const to = end - this.base;
    let h = end - start;
    for (let i = start - this.base; i < to; i++) {
      const c = b.charCodeAt(i);
      if (c > 127 || c === 38) return -1;
      h = (Math.imul(h, 31) + c) | 0;
    }
    return h & 0x7fffffff;
  }

  write(chunk: string): void {
    this.feed(this.pos === 0 ? this.buf + chunk : this.buf.slice(this.pos) + chunk);
  }

  /**
   * The stream's text from `pending` on (what the scanner has not consumed, then what is new), in
   * one string: for a caller that holds the text itself, so that the scanner reads one flat
   * string rather than the joined one `write` makes (every character read from a joined string
   * goes through one more indirection).
   */
  feed(text: string): void {
    this.buf = text;
    this.base += this.pos;
    this.pos = 0;
    this.amp = -1;
    this.scan();
  }

  /** The end of the stream: text still held is emitted; an unfinished tag, comment or CDATA is the caller's to report (see `inside`). */
  end(): void {
    this.ended = true;
    this.scan();
  }

  /** What the stream ended inside of, if anything (after `end`). */
  get inside(): 'tag' | 'cdata' | 'comment' | null {
    if (this.mode === Mode.CData) return 'cdata';
    if (this.mode === Mode.Comment) return 'comment';
    return this.pos < this.buf.length ? 'tag' : null;
  }

  private scan(): void {
    const s = this.buf;
    for (;;) {
      if (this.mode === Mode.CData) {
        const close = s.indexOf(']]>', this.pos);
        if (close < 0) {
          // hand out what cannot be part of the terminator
          const keep = this.ended ? s.length : Math.max(this.pos, s.length - 2);
          if (keep > this.pos) this.h.oncdata(this.base + this.pos, this.base + keep);
          this.pos = keep;
          return;
        }
        if (close > this.pos) this.h.oncdata(this.base + this.pos, this.base + close);
        this.pos = close + 3;
        this.mode = Mode.Content;
        continue;
      }
      if (this.mode === Mode.Comment) {
        const close = s.indexOf('-->', this.pos);
        if (close < 0) {
          if (!this.ended) this.pos = Math.max(this.pos, s.length - 2);
          return;
        }
        this.pos = close + 3;
        this.mode = Mode.Content;
        continue;
      }
      const lt = s.indexOf('<', this.pos);
      const textEnd = lt < 0 ? s.length : lt;
      if (textEnd > this.pos) {
        const done = this.text(s, this.pos, textEnd, lt < 0 && !this.ended);
        this.pos = done;
        if (done < textEnd) return; // an entity cut by the chunk end
      }
      if (lt < 0) return;
      const next = this.markup(s, lt);
      if (next < 0) {
        if (s.length - lt > MAX_TAG_CHARS) throw new ClewError('XML_SYNTAX', `a tag longer than ${MAX_TAG_CHARS} characters`, { offset: this.base + lt });
        return; // incomplete: wait for more
      }
      this.pos = next;
    }
  }

  /** Emits text [from, to) with its entities decoded; returns where it stopped (before a cut entity when `more` may follow). */
  private text(s: string, from: number, to: number, more: boolean): number {
    let at = from;
    for (;;) {
      const amp = this.nextAmp(s, at);
      if (amp >= to) {
        if (to > at) this.h.ontext(this.base + at, this.base + to);
        return to;
      }
      const semi = semicolon(s, amp, to);
      if (semi < 0) {
        // a cut entity waits for the next chunk; a stray `&` is text
        if (more && to - amp <= MAX_ENTITY) {
          if (amp > at) this.h.ontext(this.base + at, this.base + amp);
          return amp;
        }
        this.h.ontext(this.base + at, this.base + amp + 1);
        at = amp + 1;
        continue;
      }
      const cp = entityAt(s, amp, semi);
      if (cp < 0) {
        this.h.ontext(this.base + at, this.base + semi + 1);
      } else {
        if (amp > at) this.h.ontext(this.base + at, this.base + amp);
        this.h.ontextentity(cp);
      }
      at = semi + 1;
    }
  }

  /**
   * The next `&` at or after `from` in the buffer (buffer length when none). Remembered, so that
   * text without `&` is not searched to the buffer's end each time.
   */
  private nextAmp(s: string, from: number): number {
    let at = this.amp;
    if (at < from) {
      at = s.indexOf('&', from);
      if (at < 0) at = s.length;
      this.amp = at;
    }
    return at;
  }

  /** Reads the construct at `<` (position lt); returns the position after it, or -1 when the buffer ends first. */
  private markup(s: string, lt: number): number {
    const c = s.charCodeAt(lt + 1);
    if (Number.isNaN(c)) return this.ended ? this.stray(lt) : -1;
    if (c === 47 /* / */) {
      const gt = s.indexOf('>', lt + 2);
      if (gt < 0) return -1;
      let end = lt + 2;
      while (end < gt && !isSpace(s.charCodeAt(end))) end++;
      this.h.onclosetag(this.base + lt + 2, this.base + end, this.base + gt);
      return gt + 1;
    }
    if (c === 33 /* ! */) {
      if (s.length < lt + 9 && !this.ended) return -1;
      if (s.startsWith('<![CDATA[', lt)) {
        this.mode = Mode.CData;
        return lt + 9;
      }
      if (s.startsWith('<!--', lt)) {
        this.mode = Mode.Comment;
        return lt + 4;
      }
      const gt = s.indexOf('>', lt + 2);
      if (gt < 0) return -1;
      this.h.ondeclaration(this.base + lt + 1, this.base + gt);
      return gt + 1;
    }
    if (c === 63 /* ? */) {
      const close = s.indexOf('?>', lt + 2);
      return close < 0 ? -1 : close + 2;
    }
    if (!isNameStart(c)) return this.stray(lt);
    return this.openTag(s, lt);
  }

  /** A `<` that starts nothing: text. */
  private stray(lt: number): number {
    this.h.ontext(this.base + lt, this.base + lt + 1);
    return lt + 1;
  }

  /**
   * A start tag, read in one pass: its name and attributes are noted (positions in `attrs`) and
   * handed out only once its `>` (outside quoted values) is in the buffer.
   */
  private openTag(s: string, lt: number): number {
    const n = s.length;
    let i = lt + 1;
    let c = 0;
    while (i < n && (c = s.charCodeAt(i)) !== 62 && c !== 47 && c !== 32 && c !== 10 && c !== 9 && c !== 13) i++;
    const nameEnd = i;
    let a = this.attrs;
    let na = 0;
    for (;;) {
      while (i < n && ((c = s.charCodeAt(i)) === 32 || c === 47 || c === 10 || c === 9 || c === 13)) i++;
      if (i >= n) return -1;
      if (c === 62 /* > */) break;
      const nameStart = i;
      // an attribute name runs to `=`, space, `/` or `>`; a quote in it hides a `>` up to its match (as in a value)
      while (i < n && (c = s.charCodeAt(i)) !== 61 && c !== 62 && c !== 47 && c !== 32 && c !== 10 && c !== 9 && c !== 13) {
        if (c === 34 || c === 39) {
          const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
          if (close < 0) return -1;
          i = close;
        }
        i++;
      }
      const nameEnd = i;
      while (i < n && ((c = s.charCodeAt(i)) === 32 || c === 10 || c === 9 || c === 13)) i++;
      let valueStart = i;
      let valueEnd = i;
      if (c === 61 && i < n) {
        i++;
        while (i < n && ((c = s.charCodeAt(i)) === 32 || c === 10 || c === 9 || c === 13)) i++;
        if (i >= n) return -1;
        if (c === 34 || c === 39) {
          valueStart = i + 1;
          valueEnd = s.indexOf(c === 34 ? '"' : "'", valueStart);
          if (valueEnd < 0) return -1;
          i = valueEnd + 1;
        } else {
          valueStart = i;
          while (i < n && (c = s.charCodeAt(i)) !== 62 && c !== 32 && c !== 10 && c !== 9 && c !== 13) i++;
          valueEnd = i;
        }
      }
      if (this.quiet) continue;
      if (na + 4 > a.length) {
        const grown = new Int32Array(a.length * 2);
        grown.set(a);
        this.attrs = a = grown;
      }
      a[na] = nameStart;
      a[na + 1] = nameEnd;
      a[na + 2] = valueStart;
      a[na + 3] = valueEnd;
      na += 4;
    }
    const gt = i;
    const base = this.base;
    this.h.onopentagname(base + lt + 1, base + nameEnd);
    if (na > 0) this.h.onattributes(na >> 2);
    if (s.charCodeAt(gt - 1) === 47) this.h.onselfclosingtag(base + gt);
    else this.h.onopentagend(base + gt);
    return gt + 1;
  }
}
