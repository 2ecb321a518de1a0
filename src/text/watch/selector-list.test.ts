import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_LINE_BYTES, parseSelectorList } from './selector-list.js';

describe('watchlist files', () => {
  it('use the good lines and report the bad ones by line number with the reason', () => {
    const r = parseSelectorList(Buffer.from('# from case 12\n+381 64 123 4567\tMarko\n\n+3\nNL91ABNA0417164300\r\niban:NL91ABNA0417164301\nMarko Jovanović\n'));
    expect(r.selectors.map((s) => [s.line, s.type, s.value])).toEqual([
      [2, 'phone', '+381641234567'],
      [5, 'iban', 'NL91ABNA0417164300'],
      [7, 'name', 'jovanovic marko'],
    ]);
    expect(r.selectors[0]!.note).toBe('Marko');
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [4, 'too_broad'],
      [6, 'malformed'],
    ]);
    expect(r.problems[0]!.reason).toMatch(/too broad/);
    expect(r.lines).toBe(7);
  });

  it('read a UTF-8 BOM, UTF-16 with a BOM, and lines in Windows-1252 among UTF-8 ones', () => {
    const bom = parseSelectorList(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('7K9P2X\n')]));
    expect(bom.selectors.map((s) => s.value)).toEqual(['7k9p2x']);
    const le = parseSelectorList(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Đorđe Petrović\r\nabc123\r\n', 'utf16le')]));
    expect(le.encoding).toBe('utf-16le');
    expect(le.selectors.map((s) => s.value)).toEqual(['djordje petrovic', 'abc123']);
    const be = Buffer.from('ab12cd\n', 'utf16le').swap16();
    expect(parseSelectorList(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).selectors.map((s) => s.value)).toEqual(['ab12cd']);
    // "José Müller" in Windows-1252 between two UTF-8 lines
    const mixed = Buffer.concat([Buffer.from('Ђорђе Петровић\n'), Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]), Buffer.from('zoran@example.rs\n')]);
    const m = parseSelectorList(mixed);
    expect(m.selectors.map((s) => s.value)).toEqual(['djordje petrovic', 'jose muller', 'zoran@example.rs']);
    expect(m.legacyLines).toEqual([2]);
  });

  it('refuse a 10 MB line without losing the lines around it', () => {
    const huge = Buffer.alloc(10 * 1024 * 1024, 0x41);
    const r = parseSelectorList(Buffer.concat([Buffer.from('abc123\n'), huge, Buffer.from('\nzoran@example.rs')]));
    expect(r.selectors.map((s) => s.line)).toEqual([1, 3]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 2, code: 'line_too_long' });
    expect(r.problems[0]!.excerpt.length).toBeLessThanOrEqual(61);
    const s = parseSelectorList(`abc123\n${'x'.repeat(MAX_LINE_BYTES + 1)}\n`);
    expect(s.problems.map((p) => p.code)).toEqual(['line_too_long']);
  });

  it('account for every line: a selector, a problem, or blank/comment (property)', () => {
    const line = fc.oneof(
      fc.constantFrom('+381641234567', '+3', 'a', '# note', '', '   ', 'NL91ABNA0417164300', 'Марко Јовановић', 'x@y.rs', 'pin:7K9P2X', 'iban:XX00'),
      fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\n') && !s.includes('\r')),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.boolean(), (lines, asBytes) => {
        const text = lines.join('\n');
        const r = parseSelectorList(asBytes ? Buffer.from(text) : text);
        const seen = new Set([...r.selectors.map((s) => s.line), ...r.problems.map((p) => p.line)]);
        expect(seen.size).toBe(r.selectors.length + r.problems.length);
        lines.forEach((l, i) => {
          const blank = l.replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufeff\u200b]/g, '').split('\t')[0]!.trim();
          if (blank === '' || blank.startsWith('#')) expect(seen.has(i + 1)).toBe(false);
          else expect(seen.has(i + 1), JSON.stringify(l)).toBe(true);
        });
        for (const s of r.selectors) expect(s.value.length).toBeGreaterThan(0);
      }),
    );
  });
});
