import { describe, expect, it } from 'vitest';
import { parseHeader } from './header.js';

describe('parseHeader', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['12/31/21, 11:59 PM - Ana: hi', { layout: 'android', f1: 12, f2: 31, f3: 21, hour: 11, minute: 59, meridiem: 'pm', local: '12/31/21, 11:59 PM' }, 'Ana: hi'],
    ['31.12.21, 23:59 - Ana: hi', { layout: 'android', f1: 31, f2: 12, hour: 23, meridiem: null }, 'Ana: hi'],
    ['31-12-2021 23:59 - Ana: hi', { f1: 31, f2: 12, f3: 2021 }, 'Ana: hi'],
    ['31/12/2021 à 23:59 - Ana: hi', { f3: 2021, local: '31/12/2021 à 23:59' }, 'Ana: hi'],
    ['31.12.21. 23:59 - Ana: hi', { f1: 31, f3: 21 }, 'Ana: hi'],
    ['31/12/21, 11:59 p. m. - Ana: hi', { meridiem: 'pm', hour: 11 }, 'Ana: hi'],
    ['31.12.21, 11:59 vorm. - Ana: hi', { meridiem: 'am' }, 'Ana: hi'],
    ['[31.12.21, 23:59:07] Ana: hi', { layout: 'ios', second: 7, local: '31.12.21, 23:59:07' }, 'Ana: hi'],
    ['\u200e[12/31/21, 11:59:07\u202fPM] Ana: hi', { layout: 'ios', meridiem: 'pm' }, 'Ana: hi'],
    ['[2021-12-31, 23:59:07] Ana: hi', { yearFirst: true, f1: 2021, f2: 12, f3: 31 }, 'Ana: hi'],
    ['٣١\u200f/١٢\u200f/٢٠٢١، ١١:٥٩ م - آنا: مرحبا', { f1: 31, f2: 12, f3: 2021, hour: 11, meridiem: 'pm' }, 'آنا: مرحبا'],
    ['١\u200f/١\u200f/٢٠٢٢، ١٢:٠١ ص - آنا: x', { f1: 1, meridiem: 'am' }, 'آنا: x'],
    // time first (the iOS export), both layouts, 24 h and 12 h
    ['[14:56:01, 3/18/22] Name: hi', { layout: 'ios', f1: 3, f2: 18, f3: 22, hour: 14, minute: 56, second: 1, local: '14:56:01, 3/18/22' }, 'Name: hi'],
    ['[2:56:01 PM, 3/18/22] Name: hi', { layout: 'ios', hour: 2, meridiem: 'pm', f2: 18 }, 'Name: hi'],
    ['14:56, 18.03.2022 - Name: hi', { layout: 'android', f1: 18, f2: 3, f3: 2022, hour: 14 }, 'Name: hi'],
    ['\u200e[09:07:00, 19.03.22] Олена: \u200eКод', { layout: 'ios', f1: 19, hour: 9 }, 'Олена: \u200eКод'],
  ];
  for (const [line, fields, rest] of cases) {
    it(line, () => {
      const h = parseHeader(line);
      expect(h).toMatchObject(fields);
      expect(line.slice(h!.restStart)).toBe(rest);
    });
  }

  it('continuation lines are not headers', () => {
    for (const l of ['hello', '', '12 apples', '12/31/21 no time', '[31.12.21] x', '31.12.21, 23:59 Ana: no dash', '2021.12.2021, 10:00 - x', '123/12/21, 10:00 - x: y'])
      expect(parseHeader(l), l).toBeNull();
  });

  it('can be restricted to one layout', () => {
    expect(parseHeader('[31.12.21, 23:59:07] Ana: hi', 'android')).toBeNull();
    expect(parseHeader('31.12.21, 23:59 - Ana: hi', 'ios')).toBeNull();
  });

  it('stays fast on a long line of digits and marks', () => {
    const line = '1'.repeat(100_000) + '\u200e'.repeat(100_000);
    const t = performance.now();
    for (let i = 0; i < 100; i++) parseHeader(line);
    expect(performance.now() - t).toBeLessThan(500);
  });
});

describe('the hand scanner agrees with the regexes', () => {
  it('on header-like strings', async () => {
    const fc = (await import('fast-check')).default;
    const { parseHeaderRegex } = await import('./header.js');
    const piece = fc.constantFrom('[', ']', '1', '2', '3', '12', '31', '2021', '0', '.', '/', '-', ',', ' ', ':', 'AM', 'PM', 'am', 'pm', 'p. m.', 'vorm.', ' - ', '] ', 'Ana: x', 'x', '\u200e', '–');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), fc.constantFrom(undefined, 'android', 'ios'), (parts, only) => {
        const line = parts.join('');
        expect(parseHeader(line, only as never)).toEqual(parseHeaderRegex(line, only as never));
      }),
      { numRuns: 20_000 },
    );
    const num = fc.constantFrom('1', '01', '12', '13', '31', '21', '21', '12', '05', '59', '123', '2021', '0', '');
    const structured = fc.tuple(
      fc.constantFrom('', '['), num, fc.constantFrom('.', '/', '-', '.', '/', ':'), num, fc.constantFrom('.', '/', '-'), num,
      fc.constantFrom('', '', '.'), fc.constantFrom('', ',', ','), fc.constantFrom(' ', ' ', '', '  '), num, fc.constantFrom(':', '.'), num,
      fc.constantFrom('', ':07', '.07', ':7', '.'), fc.constantFrom('', ' AM', 'PM', ' pm', ' p. m.', ' vorm.', ' XM', ' A'),
      fc.constantFrom(' - ', '] ', ' - ', '] ', ' – ', ' -', ']', ' - \u200e', '] \u200e', ' x '), fc.constantFrom('Ana: hi', '', ':'),
    ).map((p) => p.join(''));
    fc.assert(
      fc.property(structured, fc.constantFrom(undefined, 'android', 'ios'), (line, only) => {
        expect(parseHeader(line, only as never)).toEqual(parseHeaderRegex(line, only as never));
      }),
      { numRuns: 20_000 },
    );
    let headers = 0;
    fc.assert(fc.property(structured, (line) => { if (parseHeader(line)) headers++; }), { numRuns: 5000 });
    expect(headers).toBeGreaterThan(20); // ~1% of the structured strings are headers: ~200 per run of 20k
    for (const l of ['31.12.21, 23:59 - Ana: hi', '12/31/21, 11:59 PM - Ana: hi', '[31.12.21, 23:59:07] Ana: hi', '[12/31/21, 11:59:07 PM] A: b', '31-12-2021 23:59 - x: y', '2021-12-31, 10:00 - x: y', '31.12.21, 23:59. - x', '1/1/22, 12:00 AM - A: b'])
      expect(parseHeader(l), l).toEqual(parseHeaderRegex(l));
  });
});
