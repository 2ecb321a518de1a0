import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTesseractTsv } from './tsv.js';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const word = (block: number, par: number, line: number, n: number, conf: number, text: string) =>
  `5\t1\t${block}\t${par}\t${line}\t${n}\t0\t0\t10\t10\t${conf}\t${text}`;

describe('parseTesseractTsv', () => {
  it('joins words into lines, paragraphs and blocks, and averages the word confidences', () => {
    const tsv = [
      HEADER,
      '1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t',
      '2\t1\t1\t0\t0\t0\t10\t10\t500\t100\t-1\t',
      word(1, 1, 1, 1, 96.5, 'Kontejner'),
      word(1, 1, 1, 2, 91, 'MSCU1234566'),
      word(1, 1, 2, 1, 80, 'stiže'),
      word(1, 2, 1, 1, 70, 'IBAN'),
      word(2, 1, 1, 1, 62.5, '+381'),
    ].join('\n');
    expect(parseTesseractTsv(tsv)).toEqual({ text: 'Kontejner MSCU1234566\nstiže\n\nIBAN\n\n+381', confidence: 80, words: 5 });
  });

  it('gives no text and no confidence for a page without words (whitespace-only "words", conf -1)', () => {
    expect(parseTesseractTsv(`${HEADER}\n${word(1, 1, 1, 1, 95, ' ')}\n${word(1, 1, 1, 2, -1, 'x')}\n`)).toEqual({ text: '', confidence: null, words: 0 });
    expect(parseTesseractTsv('')).toEqual({ text: '', confidence: null, words: 0 });
  });

  it('keeps every word in order and a confidence within 0–100, for any words (property)', () => {
    const w = fc.record({
      text: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && s.trim() !== '' && !/[\t\n\r]/.test(s)),
      conf: fc.double({ min: 0, max: 100, noNaN: true }),
      newLine: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(w, { maxLength: 30 }), (ws) => {
        let line = 1;
        const rows = ws.map((x, i) => word(1, 1, x.newLine ? ++line : line, i + 1, x.conf, x.text));
        const r = parseTesseractTsv([HEADER, ...rows].join('\n'));
        expect(r.words).toBe(ws.length);
        expect(r.text.split(/[ \n]/).filter(Boolean)).toEqual(ws.map((x) => x.text).join(' ').split(' ').filter(Boolean));
        if (ws.length) {
          expect(r.confidence).toBeGreaterThanOrEqual(0);
          expect(r.confidence).toBeLessThanOrEqual(100);
        } else expect(r.confidence).toBeNull();
      }),
    );
  });
});
