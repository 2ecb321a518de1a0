/**
 * Cellebrite UFED `report.xml` as a stream of small units, read with clew's XML scanner (scan.ts; SAX-style:
 * no DOM, no DTD processing). Memory is bounded by the largest single model, never by the report:
 *
 *   - `device`: the `<metadata section="Device Info">` items (IMEI, IMSI, MSISDN, …),
 *   - `file`: one `<taggedFiles><file>` (path in the extraction, local path in the .ufdr, hashes),
 *   - `model`: one decoded model (`<decodedData><modelType><model>`), with its fields and nested
 *     models; a chat's messages are handed out one by one (`chat` set) while the chat is read,
 *     so a chat with a million messages never sits in memory,
 *   - `chatMessages`: a chat's `Messages` list starts (its header fields are known by then).
 *
 * A DOCTYPE is refused outright (XML_DTD): no entity is ever declared, so entity-expansion bombs
 * and external entities are impossible; an entity other than XML's five and numeric references
 * is never expanded (it stays as written).
 *
 * Byte offsets: every model carries the byte offset of its `<model` tag in the (decompressed)
 * report, for the locator and for quarantining a cut-off report from a precise place.
 */
import { ClewError } from '../../../model/errors.js';
import { attributeValue, XmlScanner } from './scan.js';

/** Longest field value kept, in bytes of UTF-8 (a longer one is cut and flagged). */
export const MAX_VALUE_CHARS = 1024 * 1024;
/** Deepest nesting of models inside models. */
export const MAX_MODEL_DEPTH = 32;
/** Most child models kept in one model (e.g. recipients of one e-mail), over all its model fields. */
export const MAX_CHILD_MODELS = 10_000;
/** Most field values kept in one model, over all its fields. */
export const MAX_FIELD_VALUES = 10_000;

/**
 * One decoded model. Built for millions of small models (every message's parties are models too):
 * one object of one shape, its fields in one flat array, no path string until one is asked for.
 */
export class UfedModel {
  /** field/multiField names and their values, alternating, in document order (see `field`). */
  readonly fields: string[] = [];
  /** Child models of every modelField/multiModelField, in document order (see `children`); null when none. */
  kids: UfedModel[] | null = null;
  /** `<jumptargets><targetid>`: ids of the files the model was decoded from; null when none. */
  jumpTargets: string[] | null = null;
  /** Set when a value was cut at MAX_VALUE_CHARS, or children were dropped. */
  truncated: string | undefined = undefined;
  tooDeep = false;
  private pathText: string | undefined = undefined;

  constructor(
    readonly type: string,
    readonly id: string,
    /** The `deleted_state` (else `deleted`) attribute. */
    readonly deleted: string | undefined,
    /** The `file_id` attribute. */
    readonly fileId: string | undefined,
    /** Byte offset of the `<model` tag. */
    readonly offset: number,
    /** The model this one is a field of (null at the top). */
    readonly parent: UfedModel | null,
    /** The name of the modelField/multiModelField holding this model in `parent` ('' at the top). */
    readonly container: string,
  ) {}

  /** Human path of the model: `Chat[id]/Messages/InstantMessage[id]`. */
  get path(): string {
    if (this.pathText === undefined) {
      const head = `${this.type}[${this.id}]`;
      this.pathText = this.parent === null ? head : `${this.parent.path}/${this.container}/${head}`;
    }
    return this.pathText;
  }
}

export interface UfedFile {
  id: string;
  /** Path of the file in the extracted file system (`/data/data/…/msgstore.db`). */
  path: string;
  fs?: string;
  deleted?: string;
  size?: number;
  /** Path of the file inside the .ufdr (`files/Image/x.jpg`), `/`-separated. */
  localPath?: string;
  sha256?: string;
  md5?: string;
  offset: number;
}

export type UfedUnit =
  | { kind: 'device'; items: Array<{ name: string; value: string }>; offset: number }
  | { kind: 'file'; file: UfedFile }
  | { kind: 'model'; model: UfedModel; chat?: UfedModel }
  | { kind: 'chatMessages'; chat: UfedModel }
  | { kind: 'doctype'; offset: number };

const enum El {
  Other,
  TaggedFiles,
  Model,
  Field,
  Value,
  Container,
  DeviceSection,
  Item,
  File,
  FileSection,
  Jump,
  TargetId,
}

/**
 * One open element. Frames are of one class and reused by depth (no object per element, and
 * every access to them sees one shape); the fields an element does not use keep their reset values.
 */
class Frame {
  el = El.Other;
  /** Field name (Field, Value), container name (Container), item name (Item). */
  name = '';
  /** Model: its model; Container: the model that owns it. */
  model: UfedModel | null = null;
  /** Value, Item, TargetId: the text so far, UTF-8 in Latin-1 form (see utf8). */
  text = '';
  chars = 0;
  /**
   * Value: stream positions of its text while that is one piece and not yet read (-1: none). Most
   * values are one CDATA section or one run of text: read at the end tag, decoded straight from the
   * bytes, with no Latin-1 string in between.
   */
  spanStart = -1;
  spanEnd = -1;
  base64 = false;
  items: Array<{ name: string; value: string }> | null = null;
  file: UfedFile | null = null;
  offset = 0;

  reset(el: El): this {
    this.el = el;
    this.name = '';
    this.model = null;
    this.text = '';
    this.chars = 0;
    this.spanStart = -1;
    this.spanEnd = -1;
    this.base64 = false;
    this.items = null;
    this.file = null;
    this.offset = 0;
    return this;
  }
}

const MAX_ITEM_CHARS = 64 * 1024;

function localName(name: string): string {
  const i = name.indexOf(':');
  return i >= 0 ? name.slice(i + 1) : name;
}

function decodeBase64Text(s: string): string | null {
  const t = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return null;
  const b = Buffer.from(t, 'base64');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b);
  return text.includes('\ufffd') ? null : text;
}

/**
 * The reader scans the report's bytes as a Latin-1 string (one character per byte: positions are
 * byte offsets, no UTF-8 decoding of the markup, and V8 keeps one-byte strings); only the values
 * it keeps are decoded from UTF-8: from the bytes themselves when a value is one piece (see
 * `Frame.spanStart`), else from its Latin-1 form, here.
 */
const NON_ASCII = /[^\x00-\x7f]/;
function utf8(latin1: string): string {
  const n = latin1.length;
  if (n < 64) {
    // most values are short: a loop costs less than a regular expression
    let i = 0;
    while (i < n && latin1.charCodeAt(i) < 0x80) i++;
    if (i === n) return latin1;
  } else if (!NON_ASCII.test(latin1)) return latin1;
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/** The first `n` bytes of UTF-8 text in Latin-1 form, not ending inside a character. */
function cutUtf8(latin1: string, n: number): string {
  if (latin1.length <= n) return latin1;
  let k = n;
  // back off over continuation bytes to the start of the cut character
  while (k > 0 && k > n - 4 && (latin1.charCodeAt(k) & 0xc0) === 0x80) k--;
  return latin1.slice(0, k);
}

/** A code point as its UTF-8 bytes, one character per byte (for text held in Latin-1 form). */
function utf8Bytes(cp: number): string {
  return cp < 0x80 ? String.fromCharCode(cp) : Buffer.from(String.fromCodePoint(cp), 'utf8').toString('latin1');
}

/** The attributes the reader uses (all others are not even sliced), as slots of `UfedXmlReader.vals`. */
const enum A {
  type,
  id,
  deleted_state,
  deleted,
  file_id,
  name,
  format,
  section,
  path,
  size,
  fs,
}
const ATTR_NAMES = ['type', 'id', 'deleted_state', 'deleted', 'file_id', 'name', 'format', 'section', 'path', 'size', 'fs'];
/** Attributes whose values repeat through the report (names, types, states): one string each, not one per element. */
const INTERNED: boolean[] = ATTR_NAMES.map(() => false);
for (const k of [A.type, A.deleted_state, A.deleted, A.name, A.format, A.section, A.fs]) INTERNED[k] = true;
/** The attributes kept, by element (local name). */
const WANT_ATTRS = new Map<string, A[]>([
  ['model', [A.type, A.id, A.deleted_state, A.deleted, A.file_id]],
  ['field', [A.name]],
  ['multiField', [A.name]],
  ['value', [A.format]],
  ['modelField', [A.name]],
  ['multiModelField', [A.name]],
  ['metadata', [A.section]],
  ['item', [A.name]],
  ['file', [A.id, A.path, A.size, A.fs, A.deleted]],
]);

/** The elements the reader reads, by local name. */
const enum T {
  Other,
  Model,
  Field,
  Value,
  ModelField,
  Metadata,
  Item,
  File,
  JumpTargets,
  TargetId,
  TaggedFiles,
}
const TAG_CODES = new Map<string, T>([
  ['model', T.Model],
  ['field', T.Field],
  ['multiField', T.Field],
  ['value', T.Value],
  ['modelField', T.ModelField],
  ['multiModelField', T.ModelField],
  ['metadata', T.Metadata],
  ['item', T.Item],
  ['file', T.File],
  ['jumptargets', T.JumpTargets],
  ['targetid', T.TargetId],
  ['taggedFiles', T.TaggedFiles],
]);

/** What the reader needs of an element name: its local name (prefix dropped), its code and the attributes it keeps. */
interface TagInfo {
  name: string;
  code: T;
  want: A[] | null;
  /** The attributes kept, by the length of their name (so most attributes are passed over on their length alone). */
  byLength: Array<A[] | undefined>;
}
function tagInfo(name: string): TagInfo {
  const local = localName(name);
  const want = WANT_ATTRS.get(local) ?? null;
  const byLength: Array<A[] | undefined> = [];
  for (const k of want ?? []) (byLength[ATTR_NAMES[k]!.length] ??= []).push(k);
  return { name, code: TAG_CODES.get(local) ?? T.Other, want, byLength };
}
/** Element names of the report, by length, the most frequent first: compared in place, so no string is made for them. */
const KNOWN_NAMES: TagInfo[][] = [];
for (const n of ['value', 'field', 'model', 'modelField', 'multiModelField', 'multiField', 'item', 'file', 'metadata', 'jumptargets', 'targetid', 'taggedFiles', 'modelType', 'decodedData', 'project', 'empty'])
  (KNOWN_NAMES[n.length] ??= []).push(tagInfo(n));
/** Most other element names remembered. */
const MAX_OTHER_NAMES = 1024;
/** Most interned attribute values, and the longest. */
const MAX_INTERNED = 4096;
const MAX_INTERNED_CHARS = 64;

/**
 * A push parser: `write` the report's bytes in chunks, read the finished units from `drain`.
 * Throws ClewError XML_SYNTAX (with `offset`, the byte offset of the first unit not yet
 * completed) on cut-off XML or mismatched tags, XML_DTD on a DOCTYPE.
 *
 * Tokens come from scan.ts (streaming, positions of every token, attributes kept only for the
 * elements the reader uses, no DTD processing (a declaration is only reported), entities
 * limited to XML's five and numeric references: any other `&name;` stays as written, nothing is
 * ever expanded or fetched). Well-formedness the scanner does not check (matching end tags, an
 * unclosed root) is checked here.
 */
export class UfedXmlReader {
  private readonly tok: XmlScanner;
  /** The bytes of the scanner's text (`bytes[i]` is stream position `bytesBase + i`), for decoding values from UTF-8. */
  private bytes: Buffer = Buffer.alloc(0);
  private bytesBase = 0;
  /** Frames of the open elements the reader keeps (reused: `depth` of them are in use). */
  private readonly frames: Frame[] = [];
  private depth = 0;
  /** Element names of the open elements (for end-tag matching), parallel to the document. */
  private readonly names: string[] = [];
  private out: UfedUnit[] = [];
  private modelDepth = 0;
  /** Depth inside an element whose content is passed over (a model too deep, or of a type not read). */
  private skipDepth = 0;
  /** The top-level model of a type not read whose content is being passed over: handed out at its end tag. */
  private skipped: UfedModel | null = null;
  private tagStart = 0;
  /** Byte offset just after the last completed unit: what comes after is not yet safe. */
  private doneByte = 0;
  private sawRoot = false;
  /** where the last literal text that ended with a CR ended (-1: none) */
  private crEnd = -1;
  /** The frame holding a value's text not yet read (`Frame.spanStart`): read before the scanner drops it. */
  private spanFrame: Frame | null = null;
  // the tag being read
  private tag: TagInfo = KNOWN_NAMES[5]![0]!;
  /** Values of the attributes kept (slots `A`), for the tag being read. */
  private readonly vals: Array<string | undefined> = ATTR_NAMES.map(() => undefined);
  /** Element names other than the report's own, seen before. */
  private readonly otherNames = new Map<string, TagInfo>();
  /** Short attribute values seen before, by hash (see `intern`). */
  private readonly interned = new Map<number, string>();

  /**
   * @param read the top-level model types whose content is read (null: all). A model of another
   *   type (`records.ts` maps only some) is handed out with its type, id, state and offset but no
   *   fields or children: its content is scanned for well-formedness only (no attribute or text of
   *   it is looked at).
   */
  constructor(private readonly read: ReadonlySet<string> | null = null) {
    const fail = (message: string, offset = this.doneByte): never => {
      throw new ClewError('XML_SYNTAX', message, { offset });
    };
    this.tok = new XmlScanner({
      onopentagname: (start, end) => {
        let info: TagInfo | undefined;
        const known = KNOWN_NAMES[end - start];
        if (known !== undefined)
          for (const k of known)
            if (this.tok.equals(start, end, k.name)) {
              info = k;
              break;
            }
        if (info === undefined) {
          const name = this.copy(start, end);
          info = this.otherNames.get(name);
          if (info === undefined) {
            info = tagInfo(name);
            if (this.otherNames.size < MAX_OTHER_NAMES) this.otherNames.set(name, info);
          }
        }
        this.tag = info;
        if (info.want !== null) for (const k of info.want) this.vals[k] = undefined;
        // positions are byte offsets (see utf8)
        if (info.code === T.Model || info.code === T.File || info.code === T.Metadata) this.tagStart = start - 1;
      },
      onattributes: (count) => {
        // only the attributes the reader uses are kept
        const byLength = this.tag.byLength;
        if (byLength.length === 0) return;
        const tok = this.tok;
        for (let i = 0; i < count; i++) {
          const ns = tok.attribute(i, 0);
          const ne = tok.attribute(i, 1);
          const cands = byLength[ne - ns];
          if (cands === undefined) continue;
          for (const k of cands)
            if (tok.equals(ns, ne, ATTR_NAMES[k]!)) {
              const vs = tok.attribute(i, 2);
              const ve = tok.attribute(i, 3);
              this.vals[k] = INTERNED[k] ? this.intern(vs, ve) : attributeValue(utf8(tok.slice(vs, ve)));
              break;
            }
        }
      },
      onopentagend: () => {
        this.names.push(this.tag.name);
        this.open(this.tag);
      },
      onselfclosingtag: (gt) => {
        this.open(this.tag);
        this.close(gt + 1);
      },
      onclosetag: (start, end, gt) => {
        const open = this.names.pop();
        // compared in place: no string for the 99.9 % of end tags that match
        if (open === undefined || !this.tok.equals(start, end, open)) {
          const name = utf8(this.tok.slice(start, end));
          if (open === undefined) fail(`end tag </${name.slice(0, 40)}> without a start tag`);
          fail(`end tag </${name.slice(0, 40)}> does not match <${utf8(open!).slice(0, 40)}>`);
        }
        this.close(gt + 1);
      },
      // text is read only inside the elements whose text is kept (not the whitespace between elements)
      ontext: (start, end) => {
        if (this.wantsText()) this.piece(start, end);
      },
      ontextentity: (cp) => {
        if (!this.wantsText()) return;
        const f = this.frames[this.depth - 1]!;
        if (f.spanStart >= 0) this.readSpan();
        this.text(f, utf8Bytes(cp));
      },
      oncdata: (start, end) => {
        if (this.wantsText()) this.piece(start, end);
      },
      ondeclaration: (start, end) => {
        if (/^!?doctype/i.test(this.tok.slice(start, Math.min(end, start + 10))))
          throw new ClewError('XML_DTD', 'the report declares a DOCTYPE: clew does no DTD processing (no entity expansion, no external entities)', { offset: start - 1 });
      },
    });
  }

  /** Byte offset just after the last completed unit. */
  get safeOffset(): number {
    return this.doneByte;
  }

  /** The report's next bytes (a string is taken as its UTF-8 bytes). */
  write(chunk: Uint8Array | string): void {
    if (chunk.length === 0) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // the scanner keeps its text from `pending` on: a value's text before that is read now, and the bytes kept alike
    if (this.spanFrame !== null) this.readSpan();
    const keep = this.tok.pending;
    const held = this.bytes.length - (keep - this.bytesBase);
    this.bytes = held > 0 ? Buffer.concat([this.bytes.subarray(keep - this.bytesBase), bytes]) : bytes;
    this.bytesBase = keep;
    // the scanner's text is exactly the bytes held (one flat string)
    this.tok.feed(this.bytes.toString('latin1'));
  }

  end(): void {
    this.tok.end();
    if (!this.sawRoot) throw new ClewError('XML_SYNTAX', 'no root element', { offset: 0 });
    if (this.names.length > 0) throw new ClewError('XML_SYNTAX', `the document ends inside <${this.names[this.names.length - 1]!.slice(0, 40)}> (cut off?)`, { offset: this.doneByte });
  }

  drain(): UfedUnit[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  /** A short attribute value without entities or non-ASCII bytes, as the one string kept for it (values of names and types repeat). */
  private intern(vs: number, ve: number): string {
    const h = ve - vs <= MAX_INTERNED_CHARS ? this.tok.hash(vs, ve) : -1;
    if (h < 0) return attributeValue(utf8(this.tok.slice(vs, ve)));
    let s = this.interned.get(h);
    if (s === undefined || !this.tok.equals(vs, ve, s)) {
      s = this.copy(vs, ve);
      if (this.interned.size < MAX_INTERNED) this.interned.set(h, s);
    }
    return s;
  }

  /** The stream's text at [start, end) as a string of its own (a slice of the scanner's text would keep all of that alive while it is remembered). */
  private copy(start: number, end: number): string {
    return this.bytes.toString('latin1', start - this.bytesBase, end - this.bytesBase);
  }

  /** The stream's text at [start, end) decoded from UTF-8 (the bytes are still held: see `write`). */
  private decoded(start: number, end: number): string {
    if (this.tok.isAscii(start, end)) return this.tok.slice(start, end);
    return this.bytes.toString('utf8', start - this.bytesBase, end - this.bytesBase);
  }

  /**
   * XML's end-of-line handling (XML 1.0 §2.11) for literal text: CR LF and a lone CR become LF.
   * A CR that ends one text event and an LF that starts the next one at the very next offset (text
   * split across chunks) make one line end. A CR written as `&#13;` is an entity and stays a CR.
   * `decode`: the text is decoded from UTF-8 (else it stays in Latin-1 form).
   */
  private literal(start: number, end: number, decode: boolean): string {
    let s = decode ? this.decoded(start, end) : this.tok.slice(start, end);
    if (start === this.crEnd && s.charCodeAt(0) === 10) s = s.slice(1);
    if (s.indexOf('\r') < 0) {
      this.crEnd = -1;
      return s;
    }
    this.crEnd = s.charCodeAt(s.length - 1) === 13 ? end : -1;
    return s.replace(/\r\n?/g, '\n');
  }

  private top(): Frame | undefined {
    return this.depth > 0 ? this.frames[this.depth - 1] : undefined;
  }

  /** A frame at the next depth, reset to `el`. */
  private push(el: El): Frame {
    let f = this.frames[this.depth];
    if (f === undefined) this.frames.push((f = new Frame()));
    this.depth++;
    return f.reset(el);
  }

  private open(tag: TagInfo): void {
    this.sawRoot = true;
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const code = tag.code;
    const v = this.vals;
    const parent = this.top();
    const pel = parent === undefined ? El.Other : parent.el;
    if (code === T.Model) {
      const pm = pel === El.Container ? parent!.model : null;
      if (pm && this.modelDepth >= MAX_MODEL_DEPTH) {
        pm.tooDeep = true;
        this.skipDepth = 1;
        this.tok.quiet = true;
        return;
      }
      const m = new UfedModel(v[A.type] ?? 'Unknown', v[A.id] ?? '', v[A.deleted_state] ?? v[A.deleted], v[A.file_id], this.tagStart, pm, pm ? parent!.name : '');
      if (pm === null && this.modelDepth === 0 && this.read !== null && !this.read.has(m.type)) {
        this.skipped = m;
        this.skipDepth = 1;
        this.tok.quiet = true;
        return;
      }
      this.push(El.Model).model = m;
      this.modelDepth++;
    } else if (pel === El.Model && code === T.Field) {
      this.push(El.Field).name = v[A.name] ?? '';
    } else if (pel === El.Field && code === T.Value) {
      const fieldName = parent!.name;
      const f = this.push(El.Value);
      f.name = fieldName;
      f.base64 = v[A.format] !== undefined && v[A.format].toLowerCase() === 'base64string';
    } else if (pel === El.Model && code === T.ModelField) {
      const owner = parent!.model!;
      const cname = v[A.name] ?? '';
      const f = this.push(El.Container);
      f.name = cname;
      f.model = owner;
      if (owner.type === 'Chat' && cname === 'Messages' && this.modelDepth === 1) this.out.push({ kind: 'chatMessages', chat: owner });
    } else if (pel === El.Model && code === T.JumpTargets) {
      this.push(El.Jump);
    } else if (pel === El.Jump && code === T.TargetId) {
      this.push(El.TargetId);
    } else if (code === T.Metadata && v[A.section] === 'Device Info' && this.depth === 1) {
      const f = this.push(El.DeviceSection);
      f.items = [];
      f.offset = this.tagStart;
    } else if ((pel === El.DeviceSection || pel === El.FileSection) && code === T.Item) {
      this.push(El.Item).name = v[A.name] ?? '';
    } else if (code === T.File && pel === El.TaggedFiles) {
      const size = v[A.size] !== undefined && /^\d{1,15}$/.test(v[A.size].trim()) ? Number(v[A.size].trim()) : undefined;
      const file: UfedFile = { id: v[A.id] ?? '', path: v[A.path] ?? '', offset: this.tagStart };
      const fs = v[A.fs];
      if (fs) file.fs = fs;
      const deleted = v[A.deleted];
      if (deleted) file.deleted = deleted;
      if (size !== undefined) file.size = size;
      this.push(El.File).file = file;
    } else if (pel === El.File && code === T.Metadata && v[A.section] === 'File') {
      this.push(El.FileSection);
    } else {
      this.push(code === T.TaggedFiles ? El.TaggedFiles : El.Other);
    }
  }

  private wantsText(): boolean {
    if (this.skipDepth > 0 || this.depth === 0) return false;
    const el = this.frames[this.depth - 1]!.el;
    return el === El.Value || el === El.Item || el === El.TargetId;
  }

  /** Literal text or CDATA at [start, end) inside the element on top (only called when `wantsText`). */
  private piece(start: number, end: number): void {
    const f = this.frames[this.depth - 1]!;
    if (f.el === El.Value && f.chars === 0 && f.spanStart < 0 && end - start <= MAX_VALUE_CHARS) {
      // the value's first piece: kept as positions, read at the end tag (or before the scanner drops it)
      f.spanStart = start;
      f.spanEnd = end;
      f.chars = end - start;
      this.spanFrame = f;
      return;
    }
    if (f.spanStart >= 0) this.readSpan();
    this.text(f, this.literal(start, end, false));
  }

  /** The value's first piece, kept as positions, into its Latin-1 text (more text follows, or the scanner moves on). */
  private readSpan(): void {
    const f = this.spanFrame!;
    this.spanFrame = null;
    const t = this.literal(f.spanStart, f.spanEnd, false);
    f.spanStart = -1;
    f.chars = 0;
    this.text(f, t);
  }

  /** Text (Latin-1 form) appended to the frame's. */
  private text(f: Frame, t: string): void {
    if (f.el === El.Value) {
      if (f.chars >= MAX_VALUE_CHARS) return;
      const keep = t.length + f.chars > MAX_VALUE_CHARS ? cutUtf8(t, MAX_VALUE_CHARS - f.chars) : t;
      f.text = f.chars === 0 ? keep : f.text + keep;
      f.chars += t.length;
    } else if (f.el === El.Item) {
      if (f.chars < MAX_ITEM_CHARS) f.text += cutUtf8(t, MAX_ITEM_CHARS - f.chars);
      f.chars += t.length;
    } else if (f.el === El.TargetId) {
      if (f.chars < 1024) f.text += t.slice(0, 256);
      f.chars += t.length;
    }
  }

  /** @param endChar stream position (byte offset) just after the end tag */
  private close(endChar: number): void {
    if (this.skipDepth > 0) {
      if (--this.skipDepth > 0) return;
      this.tok.quiet = false;
      if (this.skipped !== null) {
        this.out.push({ kind: 'model', model: this.skipped });
        this.skipped = null;
        this.doneByte = endChar;
      }
      return;
    }
    if (this.depth === 0) return;
    const f = this.frames[--this.depth]!;
    const parent = this.top();
    switch (f.el) {
      case El.Model: {
        this.modelDepth--;
        const m = f.model!;
        f.model = null;
        if (parent?.el === El.Container && parent.model) {
          const owner = parent.model;
          if (owner.type === 'Chat' && parent.name === 'Messages' && this.modelDepth === 1) {
            this.out.push({ kind: 'model', model: m, chat: owner });
            this.doneByte = endChar;
            return;
          }
          const kids = (owner.kids ??= []);
          if (kids.length < MAX_CHILD_MODELS) kids.push(m);
          else owner.truncated ??= `more than ${MAX_CHILD_MODELS} child models (${parent.name})`;
          return;
        }
        if (this.modelDepth === 0) {
          this.out.push({ kind: 'model', model: m });
          this.doneByte = endChar;
        }
        return;
      }
      case El.Value: {
        let v: string;
        if (f.spanStart >= 0) {
          // one piece: decoded straight from the bytes
          this.spanFrame = null;
          v = this.literal(f.spanStart, f.spanEnd, true);
          f.spanStart = -1;
        } else {
          v = utf8(f.text);
          f.text = '';
        }
        if (parent?.el !== El.Field) return;
        const owner = this.depth >= 2 ? this.frames[this.depth - 2]! : undefined;
        if (owner?.el !== El.Model) return;
        if (f.base64) v = decodeBase64Text(v) ?? v;
        const m = owner.model!;
        if (f.chars > MAX_VALUE_CHARS) m.truncated ??= `field ${f.name} is longer than ${MAX_VALUE_CHARS} bytes`;
        if (m.fields.length < 2 * MAX_FIELD_VALUES) m.fields.push(f.name, v);
        return;
      }
      case El.TargetId: {
        const owner = this.depth >= 2 ? this.frames[this.depth - 2]! : undefined;
        if (owner?.el !== El.Model) return;
        const targets = (owner.model!.jumpTargets ??= []);
        if (targets.length < 64) targets.push(utf8(f.text).trim());
        return;
      }
      case El.Item: {
        const value = utf8(f.text).trim();
        if (parent?.el === El.DeviceSection) {
          if (value !== '' && parent.items!.length < 10_000) parent.items!.push({ name: f.name, value });
        } else if (parent?.el === El.FileSection) {
          const file = this.depth >= 2 ? this.frames[this.depth - 2]!.file : null;
          if (!file || value === '') return;
          if (f.name === 'Local Path') file.localPath = value.replace(/\\/g, '/');
          else if (f.name === 'SHA256' && /^[0-9a-fA-F]{64}$/.test(value)) file.sha256 = value.toLowerCase();
          else if (f.name === 'MD5' && /^[0-9a-fA-F]{32}$/.test(value)) file.md5 = value.toLowerCase();
        }
        return;
      }
      case El.DeviceSection:
        this.out.push({ kind: 'device', items: f.items!, offset: f.offset });
        this.doneByte = endChar;
        return;
      case El.File:
        this.out.push({ kind: 'file', file: f.file! });
        this.doneByte = endChar;
        return;
      default:
        return;
    }
  }
}

/** The field value exactly as written (bodies, nicknames: not trimmed): the first value of the field. */
export function rawField(m: UfedModel, name: string): string | undefined {
  const f = m.fields;
  for (let i = 0; i < f.length; i += 2) if (f[i] === name) return f[i + 1];
  return undefined;
}

/** First value of a field, trimmed; undefined when absent or empty. */
export function field(m: UfedModel, name: string): string | undefined {
  const v = rawField(m, name);
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

const NO_MODELS: readonly UfedModel[] = Object.freeze([]);

/** The child models under the modelField/multiModelField `name`, in order. */
export function children(m: UfedModel, name: string): readonly UfedModel[] {
  const kids = m.kids;
  if (kids === null) return NO_MODELS;
  let out: UfedModel[] | null = null;
  for (const k of kids) if (k.container === name) (out ??= []).push(k);
  return out ?? NO_MODELS;
}
