/**
 * A bounded walk over JSON events: tracks the JSON path, assembles the values under chosen
 * paths (with a depth limit), and skips everything else without holding it.
 *
 * `capture(path)` decides, when a value starts, whether to assemble it. Assembled values come
 * out whole (`value`), or as `tooDeep` when they nest deeper than `maxDepth` levels in the
 * document (JSON_TOO_DEEP) — the walk then goes on after that value. Deep nesting outside
 * captured values is counted, never stored, and reported once per subtree. Synchronous.
 */
import { TOO_LONG, type JsonEvent, type Scalar } from './tokens.js';

export type JsonValue = Scalar | JsonValue[] | { [k: string]: JsonValue };

export type PathPart = string | number;

export type WalkItem =
  | { kind: 'value'; path: PathPart[]; value: JsonValue }
  | { kind: 'enter'; path: PathPart[]; container: 'object' | 'array' }
  | { kind: 'leave'; path: PathPart[] }
  | { kind: 'tooDeep'; path: PathPart[] };

export function pathString(path: readonly PathPart[]): string {
  let s = '$';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return s;
}

interface Frame {
  kind: 'object' | 'array';
  key: string | null;
  index: number;
}

interface Builder {
  root: PathPart[];
  stack: Array<{ c: JsonValue[] | { [k: string]: JsonValue }; key: string | null }>;
  failed: boolean;
  result?: JsonValue;
}

export interface WalkOptions {
  maxDepth: number;
  capture: (path: readonly PathPart[], container: 'object' | 'array' | 'scalar') => boolean;
}

export class JsonWalker {
  private readonly frames: Frame[] = [];
  private overflow = 0; // container levels beyond maxDepth, counted not stored
  private builder: Builder | null = null;

  constructor(private readonly opts: WalkOptions) {}

  private slot(): PathPart[] {
    const p: PathPart[] = [];
    for (const f of this.frames) {
      if (f.kind === 'array') p.push(f.index);
      else if (f.key !== null) p.push(f.key);
    }
    return p;
  }

  private advance(): void {
    const top = this.frames[this.frames.length - 1];
    if (!top) return;
    if (top.kind === 'array') top.index++;
    else top.key = null;
  }

  private add(b: Builder, v: JsonValue): void {
    const top = b.stack[b.stack.length - 1];
    if (!top) {
      b.result = v;
      return;
    }
    if (Array.isArray(top.c)) top.c.push(v);
    else if (top.key !== null) {
      if (top.key !== '__proto__') top.c[top.key] = v;
      top.key = null;
    }
  }

  /** Feed one event; walk items (if any) are appended to `out`. */
  feed(ev: JsonEvent, out: WalkItem[]): void {
    if (this.overflow > 0) {
      if (ev.t === 'startObject' || ev.t === 'startArray') this.overflow++;
      else if (ev.t === 'endObject' || ev.t === 'endArray') {
        this.overflow--;
        if (this.overflow === 0) this.advance();
      }
      return;
    }
    const b = this.builder;
    switch (ev.t) {
      case 'key': {
        const top = this.frames[this.frames.length - 1];
        if (top) top.key = ev.key;
        if (b) {
          const bt = b.stack[b.stack.length - 1];
          if (bt && !Array.isArray(bt.c)) bt.key = ev.key;
        }
        return;
      }
      case 'startObject':
      case 'startArray': {
        const container = ev.t === 'startObject' ? 'object' : 'array';
        if (this.frames.length >= this.opts.maxDepth) {
          this.overflow = 1;
          if (b) b.failed = true;
          else out.push({ kind: 'tooDeep', path: this.slot() });
          return;
        }
        if (b) {
          const c: JsonValue[] | { [k: string]: JsonValue } = container === 'object' ? Object.create(null) : [];
          if (!b.failed) this.add(b, c);
          b.stack.push({ c, key: null });
        } else {
          const path = this.slot();
          if (this.opts.capture(path, container)) {
            const nb: Builder = { root: path, stack: [], failed: false };
            const c: JsonValue[] | { [k: string]: JsonValue } = container === 'object' ? Object.create(null) : [];
            this.add(nb, c);
            nb.stack.push({ c, key: null });
            this.builder = nb;
          } else out.push({ kind: 'enter', path, container });
        }
        this.frames.push({ kind: container, key: null, index: 0 });
        return;
      }
      case 'endObject':
      case 'endArray': {
        this.frames.pop();
        if (b) {
          b.stack.pop();
          if (b.stack.length === 0) {
            this.builder = null;
            if (b.failed) out.push({ kind: 'tooDeep', path: b.root });
            else out.push({ kind: 'value', path: b.root, value: b.result ?? null });
          }
        } else out.push({ kind: 'leave', path: this.slot() });
        this.advance();
        return;
      }
      case 'value': {
        if (b) {
          if (!b.failed) this.add(b, ev.value);
        } else {
          const path = this.slot();
          if (this.opts.capture(path, 'scalar')) out.push({ kind: 'value', path, value: ev.value });
        }
        this.advance();
        return;
      }
    }
  }
}

export { TOO_LONG };
