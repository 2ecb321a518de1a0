/**
 * Walk one large JSON document in constant memory and hand out only the sub-values asked for.
 *
 * stream-json's tokenizer (v3, `jsonParser`) turns text into tokens; every key, string and
 * number is streamed in chunks, so no single token can hold a huge value. This walker keeps a
 * path stack and, at the start of each value, asks `select(path)`:
 *   'capture'  assemble the value (bounded by `maxValueChars` and `maxDepth`) and emit it,
 *   'descend'  walk into it (its end is reported with an `end` event),
 *   'skip'     ignore it (only its depth is tracked).
 * A captured value nested deeper than `maxDepth`, or larger than `maxValueChars`, is emitted
 * as a failure (JSON_TOO_DEEP / TOO_LARGE) and the walk goes on. Nesting beyond `hardDepth`
 * anywhere, and syntax errors, end the walk with an error event.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { jsonParser, type Token } from 'stream-json/parser.js';
import type { ErrorCode } from '../model/errors.js';

export type PathPart = string | number;
export type Selection = 'capture' | 'descend' | 'skip';

export type WalkEvent =
  | { kind: 'value'; path: PathPart[]; value: unknown }
  | { kind: 'failed'; path: PathPart[]; code: ErrorCode; message: string }
  | { kind: 'end'; path: PathPart[] }
  | { kind: 'error'; path: PathPart[]; code: ErrorCode; message: string };

export interface WalkOptions {
  select: (path: readonly PathPart[]) => Selection;
  /** Deepest nesting inside a captured value, counted from the document root. */
  maxDepth: number;
  /** Largest captured value, in characters of strings, keys and numbers. */
  maxValueChars: number;
  /** Deepest nesting tolerated anywhere (skipped parts included). */
  hardDepth: number;
}

const NONE = Symbol.for('object-stream.none');
const MANY = Symbol.for('object-stream.many');
const KEY_MAX = 1024;
const SLICE = 1024;

type Mode = 'capture' | 'descend' | 'skip';

interface Frame {
  array: boolean;
  mode: Mode;
  /** Path part of this container within its parent. */
  part: PathPart;
  key: string | null;
  index: number;
  container: Record<string, unknown> | unknown[] | null;
}

export function pathString(path: readonly PathPart[]): string {
  let s = '$';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) s += `.${p}`;
    else s += `[${JSON.stringify(p)}]`;
  }
  return s;
}

class Walker {
  private readonly stack: Frame[] = [];
  private readonly out: WalkEvent[] = [];
  // capture root bookkeeping
  private captureDepth = -1; // stack length when the capture root started (root is at this index or a scalar)
  private captureChars = 0;
  private captureFailed: { code: ErrorCode; message: string } | null = null;
  private capturePath: PathPart[] = [];
  private scalarRoot: unknown = undefined;
  // streamed scalar being read
  private chunks: string[] = [];
  private chunkChars = 0;
  private scalarMode: Mode = 'skip';
  private scalarPart: PathPart = 0;
  private inKey = false;
  private fatal = false;

  constructor(private readonly opts: WalkOptions) {}

  private pathOf(part?: PathPart): PathPart[] {
    const p: PathPart[] = [];
    for (let i = 1; i < this.stack.length; i++) p.push(this.stack[i]!.part);
    if (part !== undefined) p.push(part);
    return p;
  }

  /** Where the next value goes: its path part and mode. */
  private nextSlot(): { part: PathPart; mode: Mode } {
    const top = this.stack[this.stack.length - 1];
    if (!top) return { part: '$', mode: 'descend' };
    let part: PathPart;
    if (top.array) part = top.index++;
    else part = top.key ?? '';
    if (top.mode === 'capture' || top.mode === 'skip') return { part, mode: top.mode };
    const path = this.pathOf(part);
    return { part, mode: this.opts.select(path) };
  }

  private beginCapture(part: PathPart): void {
    this.captureDepth = this.stack.length;
    this.captureChars = 0;
    this.captureFailed = null;
    this.capturePath = this.pathOf(part);
  }

  private fail(code: ErrorCode, message: string): void {
    if (this.captureFailed === null) this.captureFailed = { code, message };
  }

  private place(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (!top || top.mode !== 'capture' || top.container === null) return;
    if (Array.isArray(top.container)) top.container.push(value);
    else if (top.key === '__proto__') Object.defineProperty(top.container, '__proto__', { value, enumerable: true, writable: true, configurable: true });
    else if (top.key !== null) top.container[top.key] = value;
  }

  private finishCapture(value: unknown): void {
    if (this.captureFailed) this.out.push({ kind: 'failed', path: this.capturePath, ...this.captureFailed });
    else this.out.push({ kind: 'value', path: this.capturePath, value });
    this.captureDepth = -1;
  }

  private open(array: boolean): void {
    const { part, mode } = this.nextSlot();
    if (this.stack.length + 1 > this.opts.hardDepth) {
      this.fatal = true;
      this.out.push({ kind: 'error', path: this.pathOf(part), code: 'JSON_TOO_DEEP', message: `JSON nested deeper than ${this.opts.hardDepth} levels` });
      return;
    }
    let m: Mode = mode;
    let container: Frame['container'] = null;
    if (mode === 'capture') {
      const isRoot = this.captureDepth === -1;
      if (isRoot) this.beginCapture(part);
      if (this.stack.length + 1 > this.opts.maxDepth) this.fail('JSON_TOO_DEEP', `value nested deeper than ${this.opts.maxDepth} levels`);
      if (this.captureFailed) m = 'capture';
      container = this.captureFailed ? null : array ? [] : {};
      if (!isRoot && container !== null) this.place(container);
    }
    this.stack.push({ array, mode: m, part, key: null, index: 0, container });
  }

  private close(): void {
    const f = this.stack.pop();
    if (!f) return;
    if (f.mode === 'descend') this.out.push({ kind: 'end', path: this.stack.length === 0 ? [] : this.pathOf(f.part) });
    else if (f.mode === 'capture' && this.stack.length === this.captureDepth) {
      this.finishCapture(f.container);
    }
  }

  private startScalar(): void {
    const { part, mode } = this.nextSlot();
    this.scalarMode = mode;
    this.scalarPart = part;
    this.chunks = [];
    this.chunkChars = 0;
    if (mode === 'capture' && this.captureDepth === -1) this.beginCapture(part);
  }

  private chunk(s: string): void {
    if (this.inKey) {
      const top = this.stack[this.stack.length - 1]!;
      if (top.mode === 'skip') return;
      if (top.mode === 'capture') this.countChars(s.length);
      if (this.chunkChars < KEY_MAX) {
        this.chunks.push(s);
        this.chunkChars += s.length;
      }
      return;
    }
    if (this.scalarMode !== 'capture') {
      if (this.scalarMode === 'descend' && this.chunkChars < this.opts.maxValueChars) {
        // a scalar the caller asked to "descend" into: keep it small
        this.chunks.push(s);
        this.chunkChars += s.length;
      }
      return;
    }
    this.countChars(s.length);
    if (!this.captureFailed) {
      this.chunks.push(s);
      this.chunkChars += s.length;
    }
  }

  private countChars(n: number): void {
    this.captureChars += n;
    if (this.captureChars > this.opts.maxValueChars) this.fail('TOO_LARGE', `value larger than ${this.opts.maxValueChars} characters`);
  }

  private endScalar(value: unknown): void {
    if (this.scalarMode !== 'capture') return;
    if (this.stack.length === this.captureDepth) this.finishCapture(value);
    else if (!this.captureFailed) this.place(value);
  }

  private text(): string {
    const s = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    this.chunks = [];
    this.chunkChars = 0;
    return s;
  }

  token(t: Token): void {
    if (this.fatal) return;
    switch (t.name) {
      case 'startObject':
        this.open(false);
        break;
      case 'startArray':
        this.open(true);
        break;
      case 'endObject':
      case 'endArray':
        this.close();
        break;
      case 'startKey':
        this.inKey = true;
        this.chunks = [];
        this.chunkChars = 0;
        break;
      case 'endKey': {
        this.inKey = false;
        const k = this.text();
        const top = this.stack[this.stack.length - 1];
        if (top) top.key = k;
        break;
      }
      case 'startString':
      case 'startNumber':
        this.startScalar();
        break;
      case 'stringChunk':
      case 'numberChunk':
        this.chunk(t.value);
        break;
      case 'endString':
        this.endScalar(this.text());
        break;
      case 'endNumber':
        this.endScalar(Number(this.text()));
        break;
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        this.startScalar();
        this.endScalar(t.value);
        break;
      default:
        break;
    }
  }

  drain(): WalkEvent[] {
    const o = this.out.splice(0, this.out.length);
    return o;
  }

  get depth(): number {
    return this.stack.length;
  }

  get failedFatally(): boolean {
    return this.fatal;
  }

  currentPath(): PathPart[] {
    return this.pathOf();
  }
}

function tokensOf(r: unknown): Token[] {
  if (r === NONE || r === undefined || r === null) return [];
  const m = r as { [MANY]?: number; values?: Token[] };
  if (m[MANY] === 1 && Array.isArray(m.values)) return m.values;
  return [r as Token];
}

/** Walk the JSON document in `stream`, yielding events in document order. */
export async function* walkJson(stream: Readable, opts: WalkOptions): AsyncGenerator<WalkEvent> {
  const walker = new Walker(opts);
  const tokenizer = jsonParser({ packValues: false, streamValues: true });
  const decoder = new StringDecoder('utf8');
  let first = true;
  const feed = (text: string | typeof NONE): WalkEvent[] => {
    try {
      if (text === NONE) {
        for (const t of tokensOf(tokenizer(NONE as unknown as string))) walker.token(t);
      } else {
        // Small slices: when the tokenizer throws, the tokens of the slice being read are lost,
        // so a syntax error costs at most SLICE characters of what precedes it.
        for (let i = 0; i < text.length && !walker.failedFatally; i += SLICE) {
          for (const t of tokensOf(tokenizer(text.length <= SLICE ? text : text.slice(i, i + SLICE)))) {
            walker.token(t);
            if (walker.failedFatally) break;
          }
        }
      }
    } catch (e) {
      return [...walker.drain(), { kind: 'error', path: walker.currentPath(), code: 'JSON_SYNTAX', message: `JSON syntax error: ${(e as Error).message}` }];
    }
    return walker.drain();
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text = decoder.write(chunk);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.length === 0) continue;
      const evs = feed(text);
      for (const e of evs) yield e;
      if (evs.some((e) => e.kind === 'error')) return;
    }
    const tail = decoder.end();
    const evs = tail.length > 0 ? feed(tail) : [];
    for (const e of evs) yield e;
    if (evs.some((e) => e.kind === 'error')) return;
    for (const e of feed(NONE)) yield e;
    if (walker.depth > 0) yield { kind: 'error', path: walker.currentPath(), code: 'JSON_SYNTAX', message: 'the JSON document ends early (truncated file?)' };
  } finally {
    stream.destroy();
  }
}

/** Parse a path written by `pathString` (`$.chats.list[3].messages[17]`, `$["a b"][0]`). */
export function parsePath(s: string): PathPart[] | null {
  if (!s.startsWith('$')) return null;
  const out: PathPart[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  re.lastIndex = 1;
  while (re.lastIndex < s.length) {
    const m = re.exec(s);
    if (!m) return null;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
  }
  return out;
}

/** The value at `path` in a JSON document, read streaming (constant memory apart from the value). */
export async function valueAtPath(stream: Readable, path: readonly PathPart[], maxValueChars = 1 << 20): Promise<unknown> {
  const select = (p: readonly PathPart[]): Selection => {
    if (p.length > path.length) return 'skip';
    for (let i = 0; i < p.length; i++) if (p[i] !== path[i]) return 'skip';
    return p.length === path.length ? 'capture' : 'descend';
  };
  for await (const ev of walkJson(stream, { select, maxDepth: 64, maxValueChars, hardDepth: 256 })) {
    if (ev.kind === 'value') {
      stream.destroy();
      return ev.value;
    }
    if (ev.kind === 'failed' || ev.kind === 'error') break;
  }
  stream.destroy();
  return undefined;
}
