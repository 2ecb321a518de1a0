import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonEventChunks, TOO_LONG } from './tokens.js';
import { JsonWalker, pathString, type PathPart, type WalkItem } from './walker.js';

async function walk(text: string, capture: (p: readonly PathPart[]) => boolean, maxDepth = 8, maxString = 100): Promise<WalkItem[]> {
  const w = new JsonWalker({ maxDepth, capture });
  const out: WalkItem[] = [];
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 3) chunks.push(bytes.subarray(i, i + 3));
  for await (const evs of jsonEventChunks(Readable.from(chunks), () => maxString)) for (const e of evs) w.feed(e, out);
  return out;
}

describe('JsonWalker', () => {
  it('captures chosen values whole and reports structure elsewhere', async () => {
    const items = await walk('{"a":{"x":[1,"two",null,true]},"b":[{"k":"v"},{"k":"w"}],"skip":{"deep":{"er":1}}}', (p) => p[0] === 'a' || (p[0] === 'b' && p.length === 2));
    expect(items.filter((i) => i.kind === 'value').map((i) => [pathString(i.path), i.kind === 'value' ? { ...(i.value as object) } : null])).toEqual([
      ['$.a', { x: [1, 'two', null, true] }],
      ['$.b[0]', { k: 'v' }],
      ['$.b[1]', { k: 'w' }],
    ]);
    expect(items.filter((i) => i.kind === 'enter').map((i) => pathString(i.path))).toEqual(['$', '$.b', '$.skip', '$.skip.deep']);
  });

  it('caps strings and depth without holding them', async () => {
    const deep = `{"c":${'['.repeat(50)}1${']'.repeat(50)},"d":"${'x'.repeat(500)}","e":1}`;
    const items = await walk(deep, (p) => p.length === 1, 8, 100);
    expect(items.filter((i) => i.kind !== 'enter' && i.kind !== 'leave').map((i) => [i.kind, pathString(i.path), i.kind === 'value' ? i.value : null])).toEqual([
      ['tooDeep', '$.c', null],
      ['value', '$.d', TOO_LONG],
      ['value', '$.e', 1],
    ]);
  });

  it('ignores __proto__ keys when assembling', async () => {
    const items = await walk('{"a":{"__proto__":{"polluted":1},"ok":2}}', (p) => p[0] === 'a');
    const v = items.find((i) => i.kind === 'value');
    expect(v && v.kind === 'value' && Object.keys(v.value as object)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names paths with quoted keys when needed', () => {
    expect(pathString(['conversations', 3, 'messages', 17])).toBe('$.conversations[3].messages[17]');
    expect(pathString(['a b', 0])).toBe('$["a b"][0]');
  });
});
