/**
 * A leaf accepted at the byte level, without parsing it into objects and writing it again: one
 * pass over the bytes that accepts a leaf only when it is already, byte for byte, what
 * encodeLeaf writes (entry.ts: RFC 8785 JSON, the fields in their order, the limits of
 * makeEntry), and reports where its index, time and names are, so they can be compared with the
 * row's columns as bytes. It is a fast path, not a second definition: it accepts a subset of
 * what decodeLeaf accepts (leaf-scan.test.ts checks both on random and mutated leaves), and says
 * "not mine" (false) for everything else, valid or not, which the caller then gives to
 * decodeLeaf, the reference that names the problem.
 */
import { isUtf8 } from 'node:buffer';
import { AUDIT_LEAF_VERSION, AUDIT_LIMITS } from './entry.js';

/** Where a scanned leaf's fields are. Names: byte offsets of the string's content (inside its quotes), -1 for null. */
export class ScannedLeaf {
  index = 0;
  at = 0;
  /** [start, end) of user, agency, case and action, in that order (start -1: null). */
  readonly names = new Int32Array(8);
  /** Bit k: name k holds an escape (compare it decoded, not as bytes). */
  escaped = 0;
}

/** A fixed run of bytes (a key, null, true…), compared four bytes at a time (the last word overlaps the one before when its length is no multiple of 4). */
class Literal {
  readonly length: number;
  readonly at: Int32Array;
  readonly words: Uint32Array;

  constructor(s: string) {
    const b = Buffer.from(s, 'latin1');
    if (b.length < 4) throw new RangeError('a literal of at least 4 bytes');
    this.length = b.length;
    const at: number[] = [];
    for (let i = 0; i + 4 < b.length; i += 4) at.push(i);
    at.push(b.length - 4);
    this.at = Int32Array.from(at);
    this.words = Uint32Array.from(at, (i) => b.readUInt32BE(i));
  }
}

const lit = (s: string): Literal => new Literal(s);
const K_ACTION = lit('{"action":');
const K_AGENCY = lit(',"agency":');
const K_AT = lit(',"at":');
const K_CASE = lit(',"case":');
const K_DETAIL = lit(',"detail":');
const K_FILTERS = lit(',"filters":');
const K_INDEX = lit(',"index":');
const K_QUERY = lit(',"query":');
const K_RECORDS = lit(',"records":[');
const K_USER = lit(',"user":');
const K_END = lit(`,"v":${AUDIT_LEAF_VERSION}}`);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What a byte inside a string is: printable ASCII, the closing quote, a backslash, refused (a control character), DEL, or part of a UTF-8 sequence. */
const PLAIN = 0;
const END = 1;
const ESCAPE = 2;
const REFUSED = 3;
const DEL = 4;
const LEAD = 5; // starts a character of one UTF-16 unit
const LEAD4 = 6; // starts a four-byte character: two UTF-16 units
const CONTINUATION = 7;
const STRING_BYTE = new Uint8Array(256).map((_, c) =>
  c < 0x20 ? REFUSED : c === QUOTE ? END : c === BACKSLASH ? ESCAPE : c === 0x7f ? DEL : c < 0x80 ? PLAIN : c < 0xc0 ? CONTINUATION : c >= 0xf0 ? LEAD4 : LEAD,
);

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLowerHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66);
/** Bytes of an action after its first (a-z, 0-9, _ . : -). */
const actionByte = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || isDigit(c) || c === 0x5f || c === 0x2e || c === 0x3a || c === 0x2d;

class Scanner {
  b: Buffer = Buffer.alloc(0);
  /** A view of b's memory, for reading four bytes at once. */
  dv: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  p = 0;
  e = 0;
  /** A string so far held a byte ≥ 0x80: the leaf must be checked to be UTF-8. */
  wide = false;
  // the last string token: its content [start, end), its length in UTF-16 code units, whether it holds an escape, a control character (U+0000–U+001F, U+007F)
  start = 0;
  end = 0;
  units = 0;
  escaped = false;
  control = false;
  /** The last string is all ASCII. */
  ascii = true;

  /** Read `b` from here (its DataView is made again only for another buffer). */
  use(b: Buffer, start: number, end: number): void {
    if (b !== this.b) this.dv = new DataView(b.buffer, b.byteOffset, b.length);
    this.b = b;
    this.p = start;
    this.e = end;
    this.wide = false;
  }

  /** The byte at the cursor; −1 past the end. */
  peek(): number {
    return this.p < this.e ? this.b[this.p]! : -1;
  }

  /** The byte at the cursor, moving past it; −1 past the end. */
  next(): number {
    return this.p < this.e ? this.b[this.p++]! : -1;
  }

  lit(k: Literal): boolean {
    const { dv, p } = this;
    if (p + k.length > this.e) return false;
    const { at, words } = k;
    for (let i = 0; i < at.length; i++) if (dv.getUint32(p + at[i]!) !== words[i]) return false;
    this.p = p + k.length;
    return true;
  }

  /** A string as JSON.stringify writes it. */
  str(): boolean {
    const { b, e } = this;
    let p = this.p;
    if (p >= e || b[p] !== QUOTE) return false;
    const start = ++p;
    let units = 0;
    let escaped = false;
    let control = false;
    let ascii = true;
    for (;;) {
      if (p >= e) return false;
      const k = STRING_BYTE[b[p]!]!;
      if (k === PLAIN) {
        p++;
        units++;
        continue;
      }
      if (k === END) break;
      if (k === REFUSED) return false; // JSON.stringify escapes every control character
      if (k === ESCAPE) {
        escaped = true;
        const d = p + 1 < e ? b[p + 1]! : -1;
        if (d === QUOTE || d === BACKSLASH) p += 2;
        else if (d === 0x62 || d === 0x66 || d === 0x6e || d === 0x72 || d === 0x74) {
          p += 2; // \b \f \n \r \t
          control = true;
        } else if (d === 0x75 && p + 6 <= e && b[p + 2] === 0x30 && b[p + 3] === 0x30 && (b[p + 4] === 0x30 || b[p + 4] === 0x31) && isLowerHex(b[p + 5]!)) {
          const v = (b[p + 4]! - 0x30) * 16 + (isDigit(b[p + 5]!) ? b[p + 5]! - 0x30 : b[p + 5]! - 0x57);
          if (v === 0x08 || v === 0x09 || v === 0x0a || v === 0x0c || v === 0x0d) return false; // those have a short escape
          p += 6;
          control = true;
        } else if (d === 0x75 && p + 6 <= e && b[p + 2] === 0x64 && b[p + 3]! >= 0x38 && isLowerHex(b[p + 3]!) && isLowerHex(b[p + 4]!) && isLowerHex(b[p + 5]!)) {
          // a lone surrogate (\ud800–\udfff): a high one followed by a low one would be a pair, written as UTF-8
          const high = b[p + 3]! < 0x63;
          if (high && p + 12 <= e && b[p + 6] === BACKSLASH && b[p + 7] === 0x75 && b[p + 8] === 0x64 && b[p + 9]! >= 0x63 && isLowerHex(b[p + 9]!)) return false;
          p += 6;
        } else return false; // \/, \u of a printable character: the reference decides
        units++;
        continue;
      }
      if (k === DEL) {
        control = true;
        units++;
      } else {
        // part of a UTF-8 sequence (the whole leaf is checked to be UTF-8 at its end): a byte that is not a continuation starts a character; four-byte ones are two UTF-16 units
        ascii = false;
        if (k === LEAD) units++;
        else if (k === LEAD4) units += 2;
      }
      p++;
    }
    this.start = start;
    this.end = p;
    this.units = units;
    this.escaped = escaped;
    this.control = control;
    this.ascii = ascii;
    if (!ascii) this.wide = true;
    this.p = p + 1;
    return true;
  }

  /** A whole number ≥ 0 as JSON writes it, at most 2^53 − 1; −1 when the token is not one. */
  nat(): number {
    const { b, e } = this;
    const s = this.p;
    if (s >= e) return -1;
    let d = b[s]! - 0x30;
    if (d < 0 || d > 9) return -1;
    let v = d;
    let p = s + 1;
    if (d !== 0)
      for (; p < e; p++) {
        d = b[p]! - 0x30;
        if (d < 0 || d > 9) break;
        v = v * 10 + d;
      }
    if (p - s > 16) return -1;
    if (p < e && (isDigit(b[p]!) || b[p] === 0x2e || b[p] === 0x65 || b[p] === 0x45)) return -1; // 01, 1.5, 1e3
    if (v > Number.MAX_SAFE_INTEGER) return -1;
    this.p = p;
    return v;
  }

  /** A number as ECMAScript writes it (RFC 8785 3.2.2.3). */
  num(): boolean {
    const { b, e } = this;
    const s = this.p;
    let p = s;
    if (p < e && b[p] === 0x2d) p++;
    if (p >= e || !isDigit(b[p]!)) return false;
    if (b[p] === 0x30) p++;
    else while (p < e && isDigit(b[p]!)) p++;
    let plain = b[s] !== 0x2d && p - s <= 15;
    if (p < e && b[p] === 0x2e) {
      plain = false;
      if (++p >= e || !isDigit(b[p]!)) return false;
      while (p < e && isDigit(b[p]!)) p++;
    }
    if (p < e && (b[p] === 0x65 || b[p] === 0x45)) {
      plain = false;
      p++;
      if (p < e && (b[p] === 0x2b || b[p] === 0x2d)) p++;
      if (p >= e || !isDigit(b[p]!)) return false;
      while (p < e && isDigit(b[p]!)) p++;
    }
    // a whole number ≥ 0 of at most 15 digits is written as is; anything else as String(Number(token)) writes it
    if (!plain) {
      const token = b.toString('latin1', s, p);
      if (String(Number(token)) !== token) return false;
    }
    this.p = p;
    return true;
  }

  /** Any JSON value of a free-form object (filters, detail) at `depth` (makeEntry's json()). */
  value(depth: number): boolean {
    if (depth > AUDIT_LIMITS.depth) return false;
    const c = this.peek();
    if (c === QUOTE) return this.str();
    if (c === 0x7b) return this.obj(depth);
    if (c === 0x5b) {
      this.p++;
      if (this.peek() === 0x5d) {
        this.p++;
        return true;
      }
      for (;;) {
        if (!this.value(depth + 1)) return false;
        const d = this.next();
        if (d === 0x5d) return true;
        if (d !== 0x2c) return false;
      }
    }
    if (c === 0x6e) return this.lit(NULL);
    if (c === 0x74) return this.lit(TRUE);
    if (c === 0x66) return this.lit(FALSE);
    return this.num();
  }

  /** The string whose content is b[start, end) (escaped: as JSON reads it). */
  text(start: number, end: number, escaped: boolean): string {
    return escaped ? (JSON.parse(this.b.toString('utf8', start - 1, end + 1)) as string) : this.b.toString('utf8', start, end);
  }

  /** Whether bytes [a, aEnd) come strictly before [c, cEnd) (byte order, a prefix first). */
  bytesBefore(a: number, aEnd: number, c: number, cEnd: number): boolean {
    const b = this.b;
    for (; a < aEnd && c < cEnd; a++, c++) if (b[a] !== b[c]) return b[a]! < b[c]!;
    return a === aEnd && c < cEnd;
  }

  /** An object: keys in UTF-16 code unit order, none twice (RFC 8785 3.2.3). */
  obj(depth: number): boolean {
    this.p++; // {
    if (this.peek() === 0x7d) {
      this.p++;
      return true;
    }
    // the previous key: where it is, and whether it is plain (ASCII, no escape: its bytes order as its UTF-16 units do)
    let prevStart = -1;
    let prevEnd = -1;
    let prevPlain = false;
    let prevEscaped = false;
    for (;;) {
      if (!this.str()) return false;
      const { start, end, escaped } = this;
      const plain = this.ascii && !escaped;
      if (plain) {
        // JSON.parse makes "__proto__" an own key, which an assignment then drops: the reference decides
        if (end - start === PROTO.length && this.b.toString('latin1', start, end) === PROTO) return false;
        if (prevStart >= 0 && (prevPlain ? !this.bytesBefore(prevStart, prevEnd, start, end) : !(this.text(prevStart, prevEnd, prevEscaped) < this.text(start, end, escaped)))) return false;
      } else {
        const key = this.text(start, end, escaped);
        if (key === PROTO || (prevStart >= 0 && !(this.text(prevStart, prevEnd, prevEscaped) < key))) return false;
      }
      prevStart = start;
      prevEnd = end;
      prevPlain = plain;
      prevEscaped = escaped;
      if (this.next() !== 0x3a || !this.value(depth + 1)) return false;
      const d = this.next();
      if (d === 0x7d) return true;
      if (d !== 0x2c) return false;
    }
  }

  /** null, or an object (filters, detail). */
  object(): boolean {
    const c = this.peek();
    if (c === 0x6e) return this.lit(NULL);
    return c === 0x7b && this.obj(0);
  }

  /** user, agency, case: 1 to 200 characters, no control character; name k of the scan. */
  name(out: ScannedLeaf, k: number, nullable: boolean): boolean {
    if (nullable && this.peek() === 0x6e) {
      out.names[2 * k] = -1;
      out.names[2 * k + 1] = -1;
      return this.lit(NULL);
    }
    if (!this.str() || this.control || this.units === 0 || this.units > AUDIT_LIMITS.name) return false;
    out.names[2 * k] = this.start;
    out.names[2 * k + 1] = this.end;
    if (this.escaped) out.escaped |= 1 << k;
    return true;
  }
}

const PROTO = '__proto__';
const NULL = lit('null');
const TRUE = lit('true');
const FALSE = lit('false');
const scanner = new Scanner();

/**
 * Whether `leaf[start, end)` is an audit leaf exactly as encodeLeaf writes it; `out` then holds
 * its index, time and names. False means only "not accepted here": ask decodeLeaf.
 */
export function scanLeaf(leaf: Buffer, start: number, end: number, out: ScannedLeaf): boolean {
  const s = scanner;
  s.use(leaf, start, end);
  out.escaped = 0;
  // action: [a-z][a-z0-9_.:-]{0,63}
  if (!s.lit(K_ACTION) || !s.str() || s.escaped) return false;
  const n = s.end - s.start;
  if (n < 1 || n > 64 || !(leaf[s.start]! >= 0x61 && leaf[s.start]! <= 0x7a)) return false;
  for (let i = s.start + 1; i < s.end; i++) if (!actionByte(leaf[i]!)) return false;
  out.names[6] = s.start;
  out.names[7] = s.end;
  if (!s.lit(K_AGENCY) || !s.name(out, 1, true)) return false;
  if (!s.lit(K_AT) || (out.at = s.nat()) < 0) return false;
  if (!s.lit(K_CASE) || !s.name(out, 2, true)) return false;
  if (!s.lit(K_DETAIL) || !s.object()) return false;
  if (!s.lit(K_FILTERS) || !s.object()) return false;
  if (!s.lit(K_INDEX) || (out.index = s.nat()) < 0) return false;
  if (!s.lit(K_QUERY)) return false;
  if (s.peek() === 0x6e) {
    if (!s.lit(NULL)) return false;
  } else if (!s.str() || s.units > AUDIT_LIMITS.query) return false;
  if (!s.lit(K_RECORDS)) return false;
  if (s.peek() === 0x5d) s.p++;
  else
    for (let count = 1; ; count++) {
      if (count > AUDIT_LIMITS.records) return false;
      if (s.peek() === QUOTE) {
        if (!s.str() || s.units === 0 || s.units > AUDIT_LIMITS.recordRef) return false;
      } else if (s.nat() < 0) return false;
      const d = s.next();
      if (d === 0x5d) break;
      if (d !== 0x2c) return false;
    }
  if (!s.lit(K_USER) || !s.name(out, 0, false)) return false;
  if (!s.lit(K_END) || s.p !== end) return false;
  // only a string can hold a byte ≥ 0x80 (anything else is refused above): a leaf of ASCII strings is UTF-8
  return !s.wide || isUtf8(leaf.subarray(start, end));
}
