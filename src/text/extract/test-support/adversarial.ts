/**
 * Adversarial inputs and a linear-scaling check shared by the extractor tests.
 */
import type { Mention } from '../../../model/entities.js';
import type { ExtractContext } from '../types.js';

/** Patterns that stress regexes: long digit runs, repeated separators, mixed scripts, near-misses. */
export const ADVERSARIAL_UNITS = [
  '1234567890',
  '0',
  ' 1 2 3 4 ',
  '----',
  '. . . .',
  '+',
  '+381 ',
  '00',
  'RS35 ',
  'NL91ABNA',
  'MSCU ',
  'IMO ',
  '@',
  'a@b.',
  'aaaa',
  'bc1q',
  '0x',
  'deadbeef',
  '1A1zP1eP5QGefi2D',
  '44.8125, ',
  '20°27\'',
  'https://maps.google.com/?q=',
  '@44.',
  'ЂорђеЉ',
  'مُحَمَّد',
  '٣٤٥',
  '\u200B',
  'MV ',
  'Brod ',
  'Aa ',
  '$€',
];

/** Build roughly `size` chars by repeating one unit (or a mix when unit is omitted). */
export function adversarial(size: number, unit?: string): string {
  const parts: string[] = [];
  let len = 0;
  let k = 0;
  while (len < size) {
    const u = unit ?? ADVERSARIAL_UNITS[(k * 7 + (k >> 3)) % ADVERSARIAL_UNITS.length]!;
    parts.push(u);
    len += u.length;
    k++;
  }
  return parts.join('').slice(0, size);
}

function timeIt(fn: () => void): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * Time the extractor on 50 KB and 1 MB of each adversarial input; returns failures (empty if linear).
 * Linear means t(1 MB) ≤ 100× t(50 KB) + noise (a quadratic scan takes 400×), and an absolute cap
 * far above the 50 ms target (the CI machine is shared). Not a speed test: speed lives in bench/.
 */
export function checkLinear(
  extract: (text: string, ctx: ExtractContext) => Mention[],
  ctx: ExtractContext = {},
  units: (string | undefined)[] = [undefined, '1234567890', ' 1 2 3 4 ', 'Aa ', 'a@b.', '44.8125, '],
): string[] {
  const failures: string[] = [];
  for (const u of units) {
    const small = adversarial(50_000, u);
    const big = adversarial(1_000_000, u);
    // up to 3 attempts: the machine is shared, a single slow run is noise, a quadratic extractor fails all three
    let msg = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const ts = timeIt(() => extract(small, ctx));
      const tb = timeIt(() => extract(big, ctx));
      // linear: 20x the time for 20x the text; quadratic: 400x. The bar sits at 100x so that a
      // loaded CI machine (a slow big run, a fast small one) cannot fail a linear extractor
      if (tb <= 100 * ts + 20 && tb <= 10_000) {
        msg = '';
        break;
      }
      msg = `${JSON.stringify(u)}: 50KB ${ts.toFixed(1)} ms, 1MB ${tb.toFixed(1)} ms`;
    }
    if (msg) failures.push(msg);
  }
  return failures;
}
