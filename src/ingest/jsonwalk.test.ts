import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parsePath, pathString, valueAtPath, walkJson, type PathPart, type Selection, type WalkEvent } from './jsonwalk.js';

const sel = (path: readonly PathPart[]): Selection => {
  if (path.length === 1 && path[0] === 'items') return 'descend';
  if (path.length === 2 && path[0] === 'items') return 'capture';
  if (path.length === 1 && path[0] === 'name') return 'capture';
  return 'skip';
};

async function walk(text: string | Buffer[], opts: Partial<Parameters<typeof walkJson>[1]> = {}): Promise<WalkEvent[]> {
  const chunks = typeof text === 'string' ? [Buffer.from(text)] : text;
  const out: WalkEvent[] = [];
  for await (const e of walkJson(Readable.from(chunks), { select: sel, maxDepth: 32, maxValueChars: 1000, hardDepth: 200, ...opts })) out.push(e);
  return out;
}

describe('walkJson', () => {
  it('captures selected values with their paths, skips the rest', async () => {
    const evs = await walk('\ufeff{"skip":{"deep":[1,2,{"x":"y"}]},"name":"Ana","items":[{"a":1,"b":[true,null,"s\\u00e9"]},"two",3]}');
    expect(evs).toEqual([
      { kind: 'value', path: ['name'], value: 'Ana' },
      { kind: 'value', path: ['items', 0], value: { a: 1, b: [true, null, 'sé'] } },
      { kind: 'value', path: ['items', 1], value: 'two' },
      { kind: 'value', path: ['items', 2], value: 3 },
      { kind: 'end', path: ['items'] },
      { kind: 'end', path: [] },
    ]);
  });

  it('handles chunks split inside multi-byte characters and tokens', async () => {
    const buf = Buffer.from('{"items":[{"t":"šđčć ☃ 😀"}]}');
    const chunks: Buffer[] = [];
    for (let i = 0; i < buf.length; i += 3) chunks.push(buf.subarray(i, i + 3));
    const evs = await walk(chunks);
    expect(evs[0]).toEqual({ kind: 'value', path: ['items', 0], value: { t: 'šđčć ☃ 😀' } });
  });

  it('a too deep or too large item fails alone; the walk goes on', async () => {
    const deep = `${'['.repeat(40)}1${']'.repeat(40)}`;
    const evs = await walk(`{"items":[${deep},{"s":"${'x'.repeat(2000)}"},{"ok":1}]}`);
    expect(evs.slice(0, 3)).toEqual([
      { kind: 'failed', path: ['items', 0], code: 'JSON_TOO_DEEP', message: expect.any(String) },
      { kind: 'failed', path: ['items', 1], code: 'TOO_LARGE', message: expect.any(String) },
      { kind: 'value', path: ['items', 2], value: { ok: 1 } },
    ]);
  });

  it('absurd nesting anywhere ends the walk with JSON_TOO_DEEP, not a stack overflow', async () => {
    const evs = await walk(`{"skip":${'['.repeat(100_000)}`, { hardDepth: 200 });
    expect(evs.at(-1)).toMatchObject({ kind: 'error', code: 'JSON_TOO_DEEP' });
  });

  it('syntax errors and truncation are reported', async () => {
    expect((await walk('{"items":[{"a":1}, oops]}')).at(-1)).toMatchObject({ kind: 'error', code: 'JSON_SYNTAX' });
    const t = await walk('{"items":[{"a":1},{"b":');
    expect(t[0]).toMatchObject({ kind: 'value' });
    expect(t.at(-1)).toMatchObject({ kind: 'error', code: 'JSON_SYNTAX' });
  });

  it('"__proto__" keys stay plain data', async () => {
    const evs = await walk('{"items":[{"__proto__":{"polluted":true}}]}');
    const v = (evs[0] as { value: Record<string, unknown> }).value;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('path strings', () => {
    expect(pathString(['chats', 'list', 3, 'messages', 17])).toBe('$.chats.list[3].messages[17]');
    expect(pathString(['a b'])).toBe('$["a b"]');
  });
});

describe('parsePath and valueAtPath', () => {
  it('round-trips pathString and finds the value at a path', async () => {
    const path: PathPart[] = ['chats', 'list', 1, 'messages', 0, 'odd key'];
    expect(parsePath(pathString(path))).toEqual(path);
    expect(parsePath('not a path')).toBeNull();
    const doc = JSON.stringify({ chats: { list: [{ messages: [] }, { messages: [{ 'odd key': { id: 7, text: 'ok' } }] }] } });
    expect(await valueAtPath(Readable.from([doc]), path)).toEqual({ id: 7, text: 'ok' });
    expect(await valueAtPath(Readable.from([doc]), ['chats', 'list', 5])).toBeUndefined();
  });
});
