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
/** Most child models kept under one field (e.g. recipients of one e-mail). */
export const MAX_CHILD_MODELS = 10_000;

export interface UfedModel {
  type: string;
  id: string;
  attrs: Record<string, string>;
  /** field/multiField name -> values, in order. */
  fields: Map<string, string[]>;
  /** modelField/multiModelField name -> child models, in order. */
  models: Map<string, UfedModel[]>;
  /** `<jumptargets><targetid>`: ids of the files the model was decoded from. */
  jumpTargets: string[];
  /** Byte offset of the `<model` tag. */
  offset: number;
  /** Human path of the model: `Chat[id]/Messages/InstantMessage[id]`. */
  path: string;
  /** Set when a value was cut at MAX_VALUE_CHARS, or children were dropped. */
  truncated?: string;
  tooDeep?: boolean;
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

type Frame =
  | { el: 'model'; model: UfedModel }
  | { el: 'field'; name: string }
  | { el: 'value'; field: string; base64: boolean; text: string[]; chars: number }
  | { el: 'container'; name: string; model: UfedModel | null }
  | { el: 'deviceSection'; items: Array<{ name: string; value: string }>; offset: number }
  | { el: 'item'; name: string; text: string[]; chars: number }
  | { el: 'file'; file: UfedFile }
  | { el: 'fileSection' }
  | { el: 'jump' }
  | { el: 'targetid'; text: string[] }
  | { el: 'other'; name: string };

const MAX_ITEM_CHARS = 64 * 1024;
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;
/** The frame of every element the reader does not look into (shared: it holds nothing). */
const OTHER: Frame = { el: 'other', name: '' };

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
 * it keeps are decoded from UTF-8, here.
 */
const NON_ASCII = /[^\x00-\x7f]/;
function utf8(latin1: string): string {
  return NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
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

/** The attributes the reader uses, by element (all others are not even sliced). */
const WANT_ATTRS = new Map<string, string[]>([
  ['model', ['type', 'id', 'deleted_state', 'deleted', 'file_id']],
  ['field', ['name']],
  ['multiField', ['name']],
  ['value', ['format']],
  ['modelField', ['name']],
  ['multiModelField', ['name']],
  ['metadata', ['section']],
  ['item', ['name']],
  ['file', ['id', 'path', 'size', 'fs', 'deleted']],
]);
/** Element names of the report, by length: compared in place, so no string is made for them. */
const KNOWN_NAMES: string[][] = [];
for (const n of ['project', 'decodedData', 'modelType', 'model', 'field', 'multiField', 'value', 'modelField', 'multiModelField', 'metadata', 'item', 'file', 'jumptargets', 'targetid', 'taggedFiles', 'empty'])
  (KNOWN_NAMES[n.length] ??= []).push(n);

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
  private readonly stack: Frame[] = [];
  /** Element names of the open elements (for end-tag matching), parallel to the document. */
  private readonly names: string[] = [];
  private out: UfedUnit[] = [];
  private modelDepth = 0;
  private skipDepth = 0;
  private tagStart = 0;
  /** Byte offset just after the last completed unit: what comes after is not yet safe. */
  private doneByte = 0;
  private sawRoot = false;
  /** where the last literal text that ended with a CR ended (-1: none) */
  private crEnd = -1;
  // the tag being read
  private tagName = '';
  private attrs: Record<string, string> | null = null;
  private wantAttrs: string[] | null = null;

  constructor() {
    const fail = (message: string, offset = this.doneByte): never => {
      throw new ClewError('XML_SYNTAX', message, { offset });
    };
    this.tok = new XmlScanner({
        onopentagname: (start, end) => {
          let name: string | undefined;
          const known = KNOWN_NAMES[end - start];
          if (known !== undefined) for (const k of known) if (this.tok.equals(start, end, k)) name = k;
          name ??= this.tok.slice(start, end);
          this.tagName = name;
          const n = localName(name);
          this.wantAttrs = WANT_ATTRS.get(n) ?? null;
          this.attrs = this.wantAttrs === null ? null : {};
          // positions are byte offsets (see utf8)
          if (n === 'model' || n === 'file' || n === 'metadata') this.tagStart = start - 1;
        },
        onattribute: (ns, ne, vs, ve) => {
          // only the attributes the reader uses are kept
          const want = this.wantAttrs;
          if (want === null) return;
          for (const a of want) if (this.tok.equals(ns, ne, a)) this.attrs![a] = attributeValue(utf8(this.tok.slice(vs, ve)));
        },
        onopentagend: () => {
          this.names.push(this.tagName);
          this.open(this.tagName, this.attrs);
        },
        onselfclosingtag: (gt) => {
          this.open(this.tagName, this.attrs);
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
        // text is sliced only inside the elements whose text is kept (not the whitespace between elements)
        ontext: (start, end) => {
          if (this.wantsText()) this.text(this.literal(start, end));
        },
        ontextentity: (cp) => {
          if (this.wantsText()) this.text(utf8Bytes(cp));
        },
        oncdata: (start, end) => {
          if (this.wantsText()) this.text(this.literal(start, end));
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
    this.tok.write(bytes.toString('latin1'));
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



  /**
   * XML's end-of-line handling (XML 1.0 §2.11) for literal text: CR LF and a lone CR become LF.
   * A CR that ends one text event and an LF that starts the next one at the very next offset (text
   * split across chunks) make one line end. A CR written as `&#13;` is an entity and stays a CR.
   */
  private literal(start: number, end: number): string {
    let s = this.tok.slice(start, end);
    if (start === this.crEnd && s.charCodeAt(0) === 10) s = s.slice(1);
    if (s.indexOf('\r') < 0) {
      this.crEnd = -1;
      return s;
    }
    this.crEnd = s.charCodeAt(s.length - 1) === 13 ? end : -1;
    return s.replace(/\r\n?/g, '\n');
  }


  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private open(tagName: string, attrs: Record<string, string> | null): void {
    this.sawRoot = true;
    const name = localName(tagName);
    const a = attrs ?? NO_ATTRS;
    const parent = this.top();
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    let frame: Frame = name === 'taggedFiles' ? { el: 'other', name } : OTHER;
    if (name === 'model') {
      const pm = parent?.el === 'container' ? parent.model : null;
      if (pm && this.modelDepth >= MAX_MODEL_DEPTH) {
        pm.tooDeep = true;
        this.skipDepth = 1;
        return;
      }
      const type = a.type ?? 'Unknown';
      const id = a.id ?? '';
      const head = `${type}[${id}]`;
      const path = pm && parent?.el === 'container' ? `${pm.path}/${parent.name}/${head}` : head;
      frame = { el: 'model', model: { type, id, attrs: a, fields: new Map(), models: new Map(), jumpTargets: [], offset: this.tagStart, path } };
      this.modelDepth++;
    } else if (parent?.el === 'model' && (name === 'field' || name === 'multiField')) {
      frame = { el: 'field', name: a.name ?? '' };
    } else if (parent?.el === 'field' && name === 'value') {
      frame = { el: 'value', field: parent.name, base64: (a.format ?? '').toLowerCase() === 'base64string', text: [], chars: 0 };
    } else if (parent?.el === 'model' && (name === 'modelField' || name === 'multiModelField')) {
      const cname = a.name ?? '';
      frame = { el: 'container', name: cname, model: parent.model };
      if (parent.model.type === 'Chat' && cname === 'Messages' && this.modelDepth === 1) this.out.push({ kind: 'chatMessages', chat: parent.model });
    } else if (parent?.el === 'model' && name === 'jumptargets') {
      frame = { el: 'jump' };
    } else if (parent?.el === 'jump' && name === 'targetid') {
      frame = { el: 'targetid', text: [] };
    } else if (name === 'metadata' && a.section === 'Device Info' && this.stack.length === 1) {
      frame = { el: 'deviceSection', items: [], offset: this.tagStart };
    } else if (parent?.el === 'deviceSection' && name === 'item') {
      frame = { el: 'item', name: a.name ?? '', text: [], chars: 0 };
    } else if (name === 'file' && parent?.el === 'other' && parent.name === 'taggedFiles') {
      const size = a.size !== undefined && /^\d{1,15}$/.test(a.size.trim()) ? Number(a.size.trim()) : undefined;
      const file: UfedFile = { id: a.id ?? '', path: a.path ?? '', offset: this.tagStart };
      if (a.fs) file.fs = a.fs;
      if (a.deleted) file.deleted = a.deleted;
      if (size !== undefined) file.size = size;
      frame = { el: 'file', file };
    } else if (parent?.el === 'file' && name === 'metadata' && a.section === 'File') {
      frame = { el: 'fileSection' };
    } else if (parent?.el === 'fileSection' && name === 'item') {
      frame = { el: 'item', name: a.name ?? '', text: [], chars: 0 };
    }
    this.stack.push(frame);
  }

  private wantsText(): boolean {
    if (this.skipDepth > 0) return false;
    const el = this.stack[this.stack.length - 1]?.el;
    return el === 'value' || el === 'item' || el === 'targetid';
  }

  private text(t: string): void {
    if (this.skipDepth > 0) return;
    const f = this.top();
    if (!f) return;
    if (f.el === 'value') {
      if (f.chars >= MAX_VALUE_CHARS) return;
      const keep = t.length + f.chars > MAX_VALUE_CHARS ? cutUtf8(t, MAX_VALUE_CHARS - f.chars) : t;
      f.text.push(keep);
      f.chars += t.length;
    } else if (f.el === 'item') {
      if (f.chars < MAX_ITEM_CHARS) f.text.push(cutUtf8(t, MAX_ITEM_CHARS - f.chars));
      f.chars += t.length;
    } else if (f.el === 'targetid') {
      if (f.text.length < 4) f.text.push(t.slice(0, 256));
    }
  }

  /** @param endChar stream position (byte offset) just after the end tag */
  private close(endChar: number): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const f = this.stack.pop();
    if (!f) return;
    const parent = this.top();
    switch (f.el) {
      case 'model': {
        this.modelDepth--;
        const m = f.model;
        if (parent?.el === 'container' && parent.model) {
          const owner = parent.model;
          if (owner.type === 'Chat' && parent.name === 'Messages' && this.modelDepth === 1) {
            this.out.push({ kind: 'model', model: m, chat: owner });
            this.doneByte = endChar;
            return;
          }
          let list = owner.models.get(parent.name);
          if (!list) owner.models.set(parent.name, (list = []));
          if (list.length < MAX_CHILD_MODELS) list.push(m);
          else owner.truncated ??= `more than ${MAX_CHILD_MODELS} ${parent.name}`;
          return;
        }
        if (this.modelDepth === 0) {
          this.out.push({ kind: 'model', model: m });
          this.doneByte = endChar;
        }
        return;
      }
      case 'value': {
        if (parent?.el !== 'field') return;
        const owner = this.stack[this.stack.length - 2];
        if (owner?.el !== 'model') return;
        let v = utf8(f.text.join(''));
        if (f.base64) v = decodeBase64Text(v) ?? v;
        const m = owner.model;
        if (f.chars > MAX_VALUE_CHARS) m.truncated ??= `field ${f.field} is longer than ${MAX_VALUE_CHARS} bytes`;
        let list = m.fields.get(f.field);
        if (!list) m.fields.set(f.field, (list = []));
        if (list.length < MAX_CHILD_MODELS) list.push(v);
        return;
      }
      case 'targetid': {
        const owner = this.stack[this.stack.length - 2];
        if (owner?.el === 'model' && owner.model.jumpTargets.length < 64) owner.model.jumpTargets.push(utf8(f.text.join('')).trim());
        return;
      }
      case 'item': {
        const value = utf8(f.text.join('')).trim();
        if (parent?.el === 'deviceSection') {
          if (value !== '' && parent.items.length < 10_000) parent.items.push({ name: f.name, value });
        } else if (parent?.el === 'fileSection') {
          const file = (this.stack[this.stack.length - 2] as Extract<Frame, { el: 'file' }> | undefined)?.file;
          if (!file || value === '') return;
          if (f.name === 'Local Path') file.localPath = value.replace(/\\/g, '/');
          else if (f.name === 'SHA256' && /^[0-9a-fA-F]{64}$/.test(value)) file.sha256 = value.toLowerCase();
          else if (f.name === 'MD5' && /^[0-9a-fA-F]{32}$/.test(value)) file.md5 = value.toLowerCase();
        }
        return;
      }
      case 'deviceSection':
        this.out.push({ kind: 'device', items: f.items, offset: f.offset });
        this.doneByte = endChar;
        return;
      case 'file':
        this.out.push({ kind: 'file', file: f.file });
        this.doneByte = endChar;
        return;
      default:
        return;
    }
  }
}

/** First value of a field, trimmed; undefined when absent or empty. */
export function field(m: UfedModel, name: string): string | undefined {
  const v = m.fields.get(name)?.[0];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** The field value exactly as written (bodies, nicknames: not trimmed). */
export function rawField(m: UfedModel, name: string): string | undefined {
  return m.fields.get(name)?.[0];
}

export function children(m: UfedModel, name: string): UfedModel[] {
  return m.models.get(name) ?? [];
}
