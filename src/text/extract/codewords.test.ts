import { describe, expect, it } from 'vitest';
import { checkLinear } from './test-support/adversarial.js';
import fc from 'fast-check';
import { isClewError } from '../../model/errors.js';
import { compileLexicon } from './codewords.js';

const lex = compileLexicon([
  { term: 'kafa', means: 'cocaine', type: 'drug' },
  { term: 'majica', means: 'kilogram' },
  { term: 'bela kafa', means: 'pure cocaine', type: 'drug' },
  { term: 'tetka', means: 'police', exact: true },
]);

function cw(s: string): [string, string | number | undefined][] {
  return lex.extract(s).map((m) => [m.raw, m.attrs?.means]);
}

describe('compileLexicon', () => {
  it('matches folded, whole words, any script', () => {
    expect(cw('kafa, КАФА, Kafa i kafana')).toEqual([
      ['kafa', 'cocaine'],
      ['КАФА', 'cocaine'],
      ['Kafa', 'cocaine'],
    ]);
    expect(cw('10 majica')).toEqual([['majica', 'kilogram']]);
  });

  it('accepts case endings unless exact', () => {
    expect(cw('donesi kafu, nema kafe, sa kafom')).toEqual([
      ['kafu', 'cocaine'],
      ['kafe', 'cocaine'],
      ['kafom', 'cocaine'],
    ]);
    expect(cw('tetka i tetki')).toEqual([['tetka', 'police']]);
  });

  it('prefers the longest entry and reports type and value', () => {
    const [m] = lex.extract('Imam belu kafu');
    expect(m).toMatchObject({ type: 'codeword', raw: 'belu kafu', value: 'bela kafa', attrs: { means: 'pure cocaine', type: 'drug' } });
  });

  it('rejects invalid entries with a typed error', () => {
    try {
      compileLexicon([{ term: 'ok', means: 'x' }, { term: '  ', means: 'y' }]);
      expect.unreachable();
    } catch (e) {
      expect(isClewError(e) && e.code).toBe('INVALID_ARGUMENT');
      expect(isClewError(e) && e.details.index).toBe(1);
    }
  });

  it('spans always cover a folded match of the term (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('kafa', 'KAFA', 'кафа', 'kafu', 'x', ' ', '.', 'kafana', 'majica'), { maxLength: 30 }), (parts) => {
        const s = parts.join(' ');
        for (const m of lex.extract(s)) {
          expect(s.slice(m.start, m.end)).toBe(m.raw);
          expect(m.raw.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('scales linearly on 1 MB adversarial inputs (repeated digits, separators, mixed scripts)', () => {
    expect(checkLinear((s) => lex.extract(s), {}, ['kafa ', 'ка', 'k', 'kafu kafom ', undefined])).toEqual([]);
  });
});
