import { describe, expect, it } from 'vitest';
import { checkLinear } from './test-support/adversarial.js';
import fc from 'fast-check';
import { extractMoney } from './money.js';
import { parseCompact, scanNumbers } from './number-scan.js';

function money(s: string, lang?: string): [string, string][] {
  return extractMoney(s, lang ? { lang } : {}).map((m) => [m.raw, m.value]);
}

describe('number-scan', () => {
  it('parses locale groupings', () => {
    expect(parseCompact('1.500.000')?.value).toBe(1_500_000);
    expect(parseCompact('1,500,000')?.value).toBe(1_500_000);
    expect(parseCompact("1'500'000")?.value).toBe(1_500_000);
    expect(parseCompact('1.500,50')?.value).toBe(1500.5);
    expect(parseCompact('1,500.50')?.value).toBe(1500.5);
    expect(parseCompact('1,5')?.value).toBe(1.5);
    expect(parseCompact('1.500')?.value).toBe(1500);
    expect(parseCompact('12.05.2024')).toBeUndefined();
    expect(parseCompact('1.2.3')).toBeUndefined();
  });

  it('joins space groups only when they are thousands groups', () => {
    expect(scanNumbers('1 500 000 i 12 30').map((n) => n.value)).toEqual([1_500_000, 12, 30]);
  });

  it('round-trips grouped integers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999_999_999 }), fc.constantFrom('.', ',', ' ', "'"), (n, sep) => {
        const s = n.toLocaleString('en-US').replace(/,/g, sep);
        const found = scanNumbers(`x ${s} y`);
        expect(found.map((f) => f.value)).toEqual([n]);
      }),
    );
  });
});

describe('extractMoney', () => {
  it('reads currency symbols, codes and words in the case languages', () => {
    expect(money('platio 50.000 evra')).toEqual([['50.000 evra', 'EUR 50000']]);
    expect(money('EUR 50000 sutra')).toEqual([['EUR 50000', 'EUR 50000']]);
    expect(money('€1.500.000 i $2,500,000')).toEqual([
      ['€1.500.000', 'EUR 1500000'],
      ['$2,500,000', 'USD 2500000'],
    ]);
    expect(money('1 500 000 € cash')).toEqual([['1 500 000 €', 'EUR 1500000']]);
    expect(money("1'500'000 CHF")).toEqual([["1'500'000 CHF", 'CHF 1500000']]);
    expect(money('20.000 динара')).toEqual([['20.000 динара', 'RSD 20000']]);
    expect(money('300 mil dólares', 'es')).toEqual([['300 mil dólares', 'USD 300000']]);
    expect(money('5000 دولار')).toEqual([['5000 دولار', 'USD 5000']]);
    expect(money('٥٠٠٠ يورو')).toEqual([['٥٠٠٠ يورو', 'EUR 5000']]);
    expect(money('£300 and 2,5 euro')).toEqual([
      ['£300', 'GBP 300'],
      ['2,5 euro', 'EUR 2.5'],
    ]);
    expect(money('dao 500e')).toEqual([['500e', 'EUR 500']]);
  });

  it('applies multipliers', () => {
    expect(money('50k€')).toEqual([['50k€', 'EUR 50000']]);
    expect(money('€50k')).toEqual([['€50k', 'EUR 50000']]);
    expect(money('1.5m eur')).toEqual([['1.5m eur', 'EUR 1500000']]);
    expect(money('2 miliona evra')).toEqual([['2 miliona evra', 'EUR 2000000']]);
    expect(money('2,5 mil eura')).toEqual([['2,5 mil eura', 'EUR 2500000']]);
    expect(money('50 mil euros')).toEqual([['50 mil euros', 'EUR 50000']]);
    expect(money('50 mil €')).toEqual([]);
    expect(money('pola miliona evra')).toEqual([['pola miliona evra', 'EUR 500000']]);
    expect(money('milion dolara')).toEqual([['milion dolara', 'USD 1000000']]);
  });

  it('reads bare thousands as EUR with lower confidence', () => {
    expect(money('ostalo je 22k')).toEqual([['22k', 'EUR 22000']]);
    expect(money('Kirija je 10 hiljada, plati do petka')).toEqual([['10 hiljada', 'EUR 10000']]);
    expect(money('7 grand')).toEqual([['7 grand', 'EUR 7000']]);
    expect(extractMoney('22k')[0]).toMatchObject({ confidence: 0.6, attrs: { currencyAssumed: 1 } });
    expect(money('10 hiljada ljudi')).toEqual([]);
    expect(money('treba 9450 hiljada unapred')).toEqual([['9450 hiljada', 'EUR 9450000']]);
    expect(money('Vratio sam 270 papira Kumu')).toEqual([['270 papira', 'EUR 270000']]);
    expect(money('1.5m')).toEqual([]);
    expect(money('50 kg')).toEqual([]);
  });

  it('reads number words with a currency', () => {
    expect(money('el patrón quiere cien mil dólares')).toEqual([['cien mil dólares', 'USD 100000']]);
    expect(money('daj mu pet evra')).toEqual([['pet evra', 'EUR 5']]);
    expect(money('pet godina')).toEqual([]);
  });

  it('ignores numbers without a currency, dates and kilos', () => {
    expect(money('12.05.2024 u 14:30')).toEqual([]);
    expect(money('50kg i 2 paketa')).toEqual([]);
    expect(money('+381 64 123 4567')).toEqual([]);
    expect(money('5 e pills')).toEqual([]);
  });

  it('maps spans to the original text', () => {
    const s = 'Платио  50.000   ЕВРА!';
    const [m] = extractMoney(s);
    expect(m?.raw).toBe('50.000   ЕВРА');
    expect(m?.attrs).toEqual({ amount: 50000, currency: 'EUR' });
  });

  it('scales linearly on 1 MB adversarial inputs (repeated digits, separators, mixed scripts)', () => {
    expect(checkLinear((s, ctx) => extractMoney(s, ctx), {}, ['1', '111 ', '1,1', '€1 ', 'е1٣ ', undefined])).toEqual([]);
  });
});
