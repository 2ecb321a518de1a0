import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClewError } from '../model/errors.js';
import { type AuditEntryInput, canonicalJson, decodeLeaf, encodeLeaf, makeEntry } from './entry.js';

const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof ClewError ? e.code : 'other';
  }
};

describe('audit entries and their leaf', () => {
  it('encode as RFC 8785 canonical JSON, keys sorted, every field present', () => {
    const e = makeEntry({ user: 'ana', agency: 'NL-Politie', case: 'op_x', action: 'search', query: 'kafa "Đorđe"', filters: { limit: 20, after: '2021-01-01' }, records: [3, 1, 'sky:a'], at: 1700000000123 }, 7);
    expect(encodeLeaf(e).toString('utf8')).toBe(
      '{"action":"search","agency":"NL-Politie","at":1700000000123,"case":"op_x","detail":null,"filters":{"after":"2021-01-01","limit":20},"index":7,"query":"kafa \\"Đorđe\\"","records":[3,1,"sky:a"],"user":"ana","v":1}',
    );
  });

  it('decode back to the same entry, and any entry so encoded is canonical', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)) as fc.Arbitrary<Record<string, never>>;
    const printable = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s));
    fc.assert(
      fc.property(
        fc.record({
          user: printable,
          agency: fc.option(printable),
          case: fc.option(printable),
          action: fc.constantFrom('search', 'show', 'export', 'grant'),
          query: fc.option(fc.string({ unit: 'binary', maxLength: 50 })),
          filters: fc.option(json),
          records: fc.array(fc.oneof(fc.nat(), printable), { maxLength: 20 }),
          detail: fc.option(json),
          at: fc.nat(),
        }),
        fc.nat(),
        (input, index) => {
          const e = makeEntry(input as AuditEntryInput, index);
          const leaf = encodeLeaf(e);
          // the top level written by hand is RFC 8785, as the library writes it
          expect(leaf.toString('utf8')).toBe(canonicalJson(e));
          const back = decodeLeaf(leaf);
          expect(encodeLeaf(back).equals(leaf)).toBe(true);
          expect(back.index).toBe(index);
          expect(back.user).toBe(input.user);
          expect(back.query).toBe(input.query);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuse a leaf that is not canonical, not an entry, or of another version', () => {
    const leaf = encodeLeaf(makeEntry({ user: 'ana', action: 'search', at: 5 }, 0)).toString('utf8');
    expect(code(() => decodeLeaf(Buffer.from(leaf)))).toBeNull();
    expect(code(() => decodeLeaf(Buffer.from(leaf.replace('{', '{ '))))).toBe('AUDIT_INVALID');
    expect(code(() => decodeLeaf(Buffer.from(leaf.replace('"v":1', '"v":2'))))).toBe('AUDIT_INVALID');
    expect(code(() => decodeLeaf(Buffer.from(leaf.replace('"records":[]', '"records":null'))))).toBe('AUDIT_INVALID');
    expect(code(() => decodeLeaf(Buffer.from(leaf.replace(',"v":1', ''))))).toBe('AUDIT_INVALID');
    expect(code(() => decodeLeaf(Buffer.from('[1]')))).toBe('AUDIT_INVALID');
    expect(code(() => decodeLeaf(Buffer.from(leaf.slice(0, -1))))).toBe('AUDIT_INVALID');
    // bytes that are not UTF-8 (decoded as U+FFFD, of the same length here)
    const withReplacement = encodeLeaf(makeEntry({ user: 'ana', action: 'search', query: '\uFFFDA', at: 5 }, 0));
    const notUtf8 = Buffer.from(withReplacement);
    const at = notUtf8.indexOf(Buffer.from('\uFFFD'));
    notUtf8[at] = 0xf0;
    notUtf8[at + 1] = 0x9f;
    notUtf8[at + 2] = 0x98;
    expect(code(() => decodeLeaf(withReplacement))).toBeNull();
    expect(code(() => decodeLeaf(notUtf8))).toBe('AUDIT_INVALID');
  });

  it('refuse bad input with INVALID_ARGUMENT: no user, control characters, a bad action, too many ids, non-JSON values', () => {
    const ok: AuditEntryInput = { user: 'ana', action: 'search' };
    expect(code(() => makeEntry(ok, 0))).toBeNull();
    expect(code(() => makeEntry({ ...ok, user: '' }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, user: 'a\u0000b' }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, case: 'x\ny' }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, action: 'Search' }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, records: Array.from({ length: 100_001 }, (_, i) => i) }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, records: [-1] }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, filters: { x: Number.NaN } }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, filters: { x: new Date() } as never }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, query: 'x'.repeat(64 * 1024 + 1) }, 0))).toBe('INVALID_ARGUMENT');
    expect(code(() => makeEntry({ ...ok, at: 1.5 }, 0))).toBe('INVALID_ARGUMENT');
  });
});
