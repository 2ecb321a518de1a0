import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractPhone, maskNonPhones } from './phone.js';
import { checkLinear } from './test-support/adversarial.js';

const vals = (s: string, region?: string) => extractPhone(s, region ? { defaultRegion: region } : {}).map((m) => m.value);

describe('phone', () => {
  it('reads national numbers in the default region and international ones anywhere', () => {
    const s = 'zovi 064 123 4567 ili +381 64 1234567';
    const m = extractPhone(s, { defaultRegion: 'RS' });
    expect(m.map((x) => x.value)).toEqual(['+381641234567', '+381641234567']);
    expect(m[0]!.raw).toBe('064 123 4567');
    expect(s.slice(m[1]!.start, m[1]!.end)).toBe('+381 64 1234567');
    expect(vals(s)).toEqual(['+381641234567']);
    expect(vals('bel 06 12345678', 'NL')).toEqual(['+31612345678']);
  });

  it('reads the written forms of the data', () => {
    const cases: [string, string | undefined, string][] = [
      ['064/123-456', 'RS', '+38164123456'],
      ['+381 (0)64 123 4567', 'RS', '+381641234567'],
      ['065.123.4567', 'RS', '+381651234567'],
      ['tel: 011/3234-567', 'RS', '+381113234567'],
      ['06-12345678', 'NL', '+31612345678'],
      ['06 12 34 56 78', 'FR', '+33612345678'],
      ['612 34 56 78', 'ES', '+34612345678'],
      ['0532 123 45 67', 'TR', '+905321234567'],
      ['+355 69 123 4567', undefined, '+355691234567'],
      ['+44 7911 123456', 'RS', '+447911123456'],
    ];
    for (const [t, r, v] of cases) expect(vals(t, r), t).toEqual([v]);
    expect(vals('+381641234567,+381651234567', 'RS')).toEqual(['+381641234567', '+381651234567']);
  });

  it('reads 00 international prefix without a region, keeping spans', () => {
    const s = 'novi broj 0031612345678!';
    const m = extractPhone(s, {});
    expect(m.map((x) => x.value)).toEqual(['+31612345678']);
    expect(m[0]!.raw).toBe('0031612345678');
    expect(vals('0031612345678', 'RS')).toEqual(['+31612345678']);
  });

  it('does not take dates, times, coordinates, IBANs or containers', () => {
    expect(vals('datum 12.05.2024 u 14:30', 'RS')).toEqual([]);
    expect(vals('2024-05-12 2024/05/12', 'RS')).toEqual([]);
    expect(vals('44.812512, 20.461234', 'RS')).toEqual([]);
    expect(vals('RS35 2600 0560 1001 6113 79', 'RS')).toEqual([]);
    expect(vals('NL91ABNA0417164300', 'NL')).toEqual([]);
    expect(vals('CSQU 305438 3', 'RS')).toEqual([]);
    expect(vals('datum 12.05.2024, 0031612345678', 'RS')).toEqual(['+31612345678']);
  });

  it('does not take order, invoice or account references', () => {
    expect(vals('Pedido 0034612345678 cancelado.', 'ES')).toEqual([]);
    expect(vals('račun br. 0641234567', 'RS')).toEqual([]);
    expect(vals('order #0612345678', 'NL')).toEqual([]);
    expect(vals('broj 0641234567', 'RS')).toEqual(['+381641234567']);
    expect(vals('Liga pra mim no +55 81 922529817.', 'BR')).toEqual(['+5581922529817']);
    expect(vals('nalog br. 0641234567', 'RS')).toEqual([]);
  });

  it('ignores an unknown region instead of throwing', () => {
    expect(vals('+381 64 1234567', 'XX')).toEqual(['+381641234567']);
    expect(vals('064 123 4567', 'zz')).toEqual([]);
  });

  it('masking keeps the length', () => {
    fc.assert(fc.property(fc.string({ maxLength: 100 }), fc.boolean(), (s, b) => maskNonPhones(s, b).length === s.length));
  });

  it('masks as the straightforward character-array version does', () => {
    // the first implementation (split, blank, rewrite "00", join), kept as the oracle of the faster one
    const oracle = (text: string, rewrite: boolean): string => {
      const chars = text.split('');
      for (const re of [
        /(?<![0-9])[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{2,4}(?![0-9])/g,
        /(?<![0-9])[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?(?![0-9])/g,
        /-?[0-9]{1,3}[.][0-9]{3,}[ ]?[,;][ ]?-?[0-9]{1,3}[.][0-9]{3,}/g,
        /(?<![A-Za-z0-9])[A-Za-z]{3}[UJZujz][ -]?[0-9]{6}[ -]?[0-9](?![A-Za-z0-9])/g,
      ]) {
        for (const m of text.matchAll(re)) chars.fill(' ', m.index, m.index + m[0].length);
      }
      const glued = /(?<![A-Za-z0-9])[A-Za-z]{2,4}[0-9]/g;
      for (let m = glued.exec(text); m !== null; m = glued.exec(text)) {
        let i = m.index;
        let n = 0;
        let prevSep = false;
        while (i < text.length && n < 34) {
          const c = text[i]!;
          if (/[A-Za-z0-9]/.test(c)) {
            n++;
            prevSep = false;
          } else if ((c === ' ' || c === '-') && !prevSep) prevSep = true;
          else break;
          i++;
        }
        chars.fill(' ', m.index, i);
        glued.lastIndex = Math.max(glued.lastIndex, i);
      }
      if (rewrite) {
        for (let i = 0; i + 2 < text.length; i++) {
          if (chars[i] === '0' && chars[i + 1] === '0' && /[1-9]/.test(chars[i + 2]!) && (i === 0 || !/[0-9+]/.test(chars[i - 1]!))) {
            chars[i] = ' ';
            chars[i + 1] = '+';
          }
        }
      }
      return chars.join('');
    };
    const phoneish = fc.stringMatching(/^(?:[0-9 +\-./:h,;]|00|RS35 |CSQU|ab1|0038|12[.]05[.]2024|44[.]8125, 20[.]4612|𝒳|é){0,30}$/);
    fc.assert(
      fc.property(fc.oneof(phoneish, fc.string({ maxLength: 80 })), fc.boolean(), (s, b) => {
        expect(maskNonPhones(s, b)).toBe(oracle(s, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws; spans match raw', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 +()\-.a-z]{0,60}$/), (s) =>
        extractPhone(s, { defaultRegion: 'RS' }).every((m) => s.slice(m.start, m.end) === m.raw),
      ),
      { numRuns: 300 },
    );
  });

  it('scales linearly', () => {
    expect(
      checkLinear(extractPhone, { defaultRegion: 'RS' }, [undefined, '1234567890', ' 1 2 3 4 ', '+381 ', '064 123 4567 ']),
    ).toEqual([]);
  });
});
