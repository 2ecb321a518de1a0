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
