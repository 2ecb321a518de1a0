import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AuditEntry, type AuditEntryInput, decodeLeaf, encodeLeaf, makeEntry } from './entry.js';
import { ScannedLeaf, scanLeaf } from './leaf-scan.js';

const NAMES = ['user', 'agency', 'case', 'action'] as const;

/** The fast path may only accept what decodeLeaf accepts, with the same fields; returns whether it accepted. */
function agrees(buf: Buffer, start = 0, end = buf.length): boolean {
  const out = new ScannedLeaf();
  const fast = scanLeaf(buf, start, end, out);
  let ref: AuditEntry | null = null;
  try {
    ref = decodeLeaf(buf.subarray(start, end));
  } catch {
    ref = null;
  }
  if (fast) {
    expect(ref, `accepted but not an entry: ${buf.toString('utf8', start, end)}`).not.toBeNull();
    expect(out.index).toBe(ref!.index);
    expect(out.at).toBe(ref!.at);
    NAMES.forEach((n, k) => {
      const s = out.names[2 * k]!;
      const text = s < 0 ? null : (JSON.parse(`"${buf.toString('utf8', s, out.names[2 * k + 1])}"`) as string);
      expect(text).toBe(ref![n]);
      if (s >= 0 && !(out.escaped & (1 << k))) expect(Buffer.from(ref![n]!, 'utf8').equals(buf.subarray(s, out.names[2 * k + 1]))).toBe(true);
    });
  }
  return fast;
}

const leafOf = (input: Partial<AuditEntryInput>, index = 3): Buffer => encodeLeaf(makeEntry({ user: 'ana', action: 'search', at: 1_700_000_000_000, ...input }, index));

const printable = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s));
const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)) as fc.Arbitrary<Record<string, never>>;
const inputs = fc.record({
  user: printable,
  agency: fc.option(printable),
  case: fc.option(printable),
  action: fc.constantFrom('search', 'show', 'export', 'grant', 'a.b:c-d_9'),
  query: fc.option(fc.string({ unit: 'binary', maxLength: 50 })),
  filters: fc.option(json),
  records: fc.array(fc.oneof(fc.nat(), printable), { maxLength: 20 }),
  detail: fc.option(json),
  at: fc.nat(),
});

describe('scanning a leaf at the byte level', () => {
  it('accepts the leaves clew writes, with their index, time and names where they are', () => {
    const leaf = leafOf({ agency: 'NL-Politie', case: 'op_x', query: 'kafa "Đorđe"\n', filters: { limit: 20, mode: 'folded', w: [1.5, -2, 1e21, null, true] }, records: [1, 'sky:a'] }, 7);
    expect(agrees(leaf)).toBe(true);
    expect(agrees(leafOf({ user: 'a "quoted" \\ name', records: Array.from({ length: 20 }, (_, i) => i * 1000) }))).toBe(true);
    expect(agrees(leafOf({ query: '😀\u2028é', detail: { 'é': { '😀': 'x', a: [] }, b: {}, 'a"\\': 1 } }))).toBe(true);
    expect(agrees(leafOf({ user: 'a\ud800b', query: '\udc00\ud83d\ude00\ud83d', records: ['\udfff'] }))).toBe(true);
  });

  it('accepts only what decodeLeaf accepts, with the same fields, on random entries', () => {
    let accepted = 0;
    fc.assert(
      fc.property(inputs, fc.nat(), (input, index) => {
        if (agrees(encodeLeaf(makeEntry(input as AuditEntryInput, index)))) accepted++;
      }),
      { numRuns: 300 },
    );
    // lone surrogates and escapes in keys too: the reference is left only what is not canonical
    expect(accepted).toBe(300);
  });

  it('accepts only what decodeLeaf accepts on leaves changed byte by byte', () => {
    const base = [
      leafOf({ agency: 'NL', case: 'c', query: 'q "x"', filters: { a: 1, b: [0.5, 'x'] }, records: [3, 'r'], detail: { n: null } }),
      leafOf({}),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...base), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete'), (leaf, at, byte, how) => {
        const i = at % leaf.length;
        const changed = Buffer.from(leaf);
        if (how === 'set') changed[i] = byte;
        const parts = how === 'insert' ? [leaf.subarray(0, i), Buffer.from([byte]), leaf.subarray(i)] : how === 'delete' ? [leaf.subarray(0, i), leaf.subarray(i + 1)] : [changed];
        agrees(Buffer.concat(parts));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves every form that is not the canonical one to the reference, which refuses it', () => {
    const good = leafOf({ user: 'ana', agency: 'NL', filters: { a: 1, b: 2 }, records: [5, 'x'] }).toString('utf8');
    const variants = [
      good.replace('{', '{ '),
      good.replace('"a":1,"b":2', '"b":2,"a":1'),
      good.replace('"a":1,"b":2', '"a":1,"a":2'),
      good.replace('"a":1', '"a":1.0'),
      good.replace('"a":1', '"a":01'),
      good.replace('"a":1', '"a":-0'),
      good.replace('"a":1', '"a":1e0'),
      good.replace('"a":1', '"__proto__":1'),
      good.replace('"records":[5,', '"records":[05,'),
      good.replace('"records":[5,', '"records":[5.0,'),
      good.replace('"records":[5,', '"records":[-5,'),
      good.replace('"records":[5,"x"]', '"records":[5,""]'),
      good.replace('"user":"ana"', '"user":"\\u0061na"'),
      good.replace('"user":"ana"', '"user":"\\ud83d\\ude00"'),
      good.replace('"user":"ana"', '"user":"\\uD800"'),
      good.replace('"user":"ana"', '"user":"a\\/na"'),
      good.replace('"user":"ana"', '"user":"a\\u0009na"'),
      good.replace('"user":"ana"', '"user":"a\\tna"'),
      good.replace('"user":"ana"', '"user":"a\u007fna"'),
      good.replace('"user":"ana"', '"user":""'),
      good.replace('"user":"ana"', `"user":"${'x'.repeat(201)}"`),
      good.replace('"user":"ana"', '"user":null'),
      good.replace('"agency":"NL"', '"agency":""'),
      good.replace('"action":"search"', '"action":"Search"'),
      good.replace('"at":1700000000000', '"at":1.7e12'),
      good.replace('"at":1700000000000', '"at":9007199254740993'),
      good.replace('"index":3', '"index":-3'),
      good.replace('"v":1', '"v":2'),
      good.replace('"detail":null', '"detail":[]'),
      good + ' ',
      good.slice(0, -1),
    ];
    for (const v of variants) {
      expect(v).not.toBe(good);
      expect(agrees(Buffer.from(v)), v).toBe(false);
      expect(() => decodeLeaf(Buffer.from(v)), v).toThrow();
    }
    // bytes that are not UTF-8
    const bad = Buffer.from(good.replace('ana', 'an\u00e9'));
    bad[bad.indexOf(0xc3) + 1] = 0x41;
    expect(agrees(bad)).toBe(false);
  });

  it('reads only between start and end of a larger buffer', () => {
    const leaf = leafOf({ query: 'x' });
    const buf = Buffer.concat([Buffer.from('}}}}'), leaf, Buffer.from('}]"')]);
    expect(agrees(buf, 4, 4 + leaf.length)).toBe(true);
    for (let cut = 1; cut < leaf.length; cut += 7) expect(agrees(buf, 4, 4 + leaf.length - cut)).toBe(false);
  });
});
