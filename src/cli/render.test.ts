import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, progressLine } from './progress.js';
import { account, jsonLine, safe, time } from './render.js';

describe('terminal rendering', () => {
  it('escapes control characters from hostile text instead of printing them', () => {
    expect(safe('a\u001b[2Jb\u0007c\u009bd')).toBe('a\\x1b[2Jb\\x07c\\x9bd');
    expect(safe('two\nlines')).toBe('two ⏎ lines');
    expect(safe('two\nlines', true)).toBe('two\nlines');
    expect(safe('Ђорђевић سلام')).toBe('Ђорђевић سلام');
  });

  it('shows explicit direction controls as markers, in logical order, and leaves Arabic alone', () => {
    // "Kum" + RLO + "gnp.exe" would display as "Kumexe.png"
    expect(safe('Kum\u202egnp.exe')).toBe('Kum⟨RLO⟩gnp.exe');
    expect(safe('\u2066a\u2069 \u202ab\u202c \u202bc\u202d\u2067\u2068')).toBe('⟨LRI⟩a⟨PDI⟩ ⟨LRE⟩b⟨PDF⟩ ⟨RLE⟩c⟨LRO⟩⟨RLI⟩⟨FSI⟩');
    expect(safe('مرحبا \u200fسلام')).toBe('مرحبا \u200fسلام');
    expect(account({ id: 1, ref: 'wa:+381\u202e1', displayName: 'Kum\u202egnp.exe' } as never)).toBe('Kum⟨RLO⟩gnp.exe <wa:+381⟨RLO⟩1>');
  });

  it('prints times with their original offset', () => {
    expect(time(Date.UTC(2021, 1, 3, 9, 15), 60)).toBe('2021-02-03 10:15:00+01:00');
    expect(time(Date.UTC(2021, 1, 3, 9, 15), null)).toBe('2021-02-03 09:15:00Z');
  });

  it('shows rate and ETA in the progress line', () => {
    const line = progressLine({ phase: 'ingesting', file: 'x', bytesDone: 50, bytesTotal: 100, records: 123456, rejected: 2, rate: 98765.4, etaSeconds: 75 });
    expect(line).toContain(' 50%');
    expect(line).toContain('123,456 records, 2 quarantined');
    expect(line).toContain('98,765/s');
    expect(line).toContain('ETA 1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

describe('jsonLine', () => {
  it('escapes explicit direction controls, and parses back to the very same value', () => {
    expect(jsonLine({ name: 'Kum\u202egnp.exe' })).toBe('{"name":"Kum\\u202egnp.exe"}\n');
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: fc.constantFrom('a', '\u202a', '\u202e', '\u2066', '\u2069', 'ž', '"', '\\', '\n') }), (v, s) => {
        const value = { v, s };
        const line = jsonLine(value);
        expect(line).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
        expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
