/**
 * A bounded walk over JSON events: tracks the JSON path, assembles the values under chosen
 * paths (with a depth limit), and skips everything else without holding it.
 *
 * `capture(path)` decides, when a value starts, whether to assemble it. Assembled values come
 * out whole (`{ path, value }`), or as a failure when they nest deeper than `maxDepth` levels
 * in the document (JSON_TOO_DEEP) — the walk then goes on after that value. Deep nesting
 * outside captured values is counted, never stored, and reported once per subtree.
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

export async function* walkJson(
  events: AsyncIterable<JsonEvent>,
  opts: { maxDepth: number; capture: (path: readonly PathPart[], container: 'object' | 'array' | 'scalar') => boolean },
): AsyncGenerator<WalkItem> {
  const frames: Frame[] = [];
  let overflow = 0; // container levels beyond maxDepth, counted not stored
  let builder: Builder | null = null;

  const slot = (): PathPart[] => {
    const p: PathPart[] = [];
    for (const f of frames) {
      if (f.kind === 'array') p.push(f.index);
      else if (f.key !== null) p.push(f.key);
    }
    return p;
  };
  const advance = (): void => {
    const top = frames[frames.length - 1];
    if (!top) return;
    if (top.kind === 'array') top.index++;
    else top.key = null;
  };
  const addToBuilder = (b: Builder, v: JsonValue): void => {
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
  };

  for await (const ev of events) {
    if (overflow > 0) {
      if (ev.t === 'startObject' || ev.t === 'startArray') overflow++;
      else if (ev.t === 'endObject' || ev.t === 'endArray') {
        overflow--;
        if (overflow === 0) advance();
      }
      continue;
    }
    switch (ev.t) {
      case 'key': {
        const top = frames[frames.length - 1];
        if (top) top.key = ev.key;
        if (builder) {
          const bt = builder.stack[builder.stack.length - 1];
          if (bt && !Array.isArray(bt.c)) bt.key = ev.key;
        }
        break;
      }
      case 'startObject':
      case 'startArray': {
        const container = ev.t === 'startObject' ? 'object' : 'array';
        const path = slot();
        if (frames.length >= opts.maxDepth) {
          overflow = 1;
          if (builder) builder.failed = true;
          else yield { kind: 'tooDeep', path };
          break;
        }
        if (!builder && opts.capture(path, container)) builder = { root: path, stack: [], failed: false };
        if (builder) {
          const c: JsonValue[] | { [k: string]: JsonValue } = container === 'object' ? Object.create(null) : [];
          if (!builder.failed) addToBuilder(builder, c);
          builder.stack.push({ c, key: null });
        } else yield { kind: 'enter', path, container };
        frames.push({ kind: container, key: null, index: 0 });
        break;
      }
      case 'endObject':
      case 'endArray': {
        frames.pop();
        const path = slot();
        if (builder) {
          builder.stack.pop();
          if (builder.stack.length === 0) {
            const b = builder;
            builder = null;
            if (b.failed) yield { kind: 'tooDeep', path: b.root };
            else yield { kind: 'value', path: b.root, value: b.result ?? null };
          }
        } else yield { kind: 'leave', path };
        advance();
        break;
      }
      case 'value': {
        if (builder) {
          if (!builder.failed) addToBuilder(builder, ev.value);
        } else {
          const path = slot();
          if (opts.capture(path, 'scalar')) yield { kind: 'value', path, value: ev.value };
        }
        advance();
        break;
      }
    }
  }
}

export { TOO_LONG };
