// Times the normaliser and the structured extractors (phone … vessel) on 1 MB adversarial inputs, and the
// ratio to 50 KB (linear ≈ 20). Usage: npx tsc -p tsconfig.build.json; node bench/text/fuzz-timing-structured.mjs
import { normaliseWithMap } from '../../dist/text/normalise/normalise.js';
import { extractPhone } from '../../dist/text/extract/phone.js';
import { extractEmail } from '../../dist/text/extract/email.js';
import { extractIban } from '../../dist/text/extract/iban.js';
import { extractBic } from '../../dist/text/extract/bic.js';
import { extractCrypto } from '../../dist/text/extract/crypto.js';
import { extractCoordinates } from '../../dist/text/extract/coordinates.js';
import { extractContainer } from '../../dist/text/extract/container.js';
import { extractImo } from '../../dist/text/extract/imo.js';
import { extractVessel } from '../../dist/text/extract/vessel.js';

const fill = (u, n) => u.repeat(Math.ceil(n / u.length)).slice(0, n);
const units = {
  digits: '1234567890',
  'digit-groups': ' 1 2 3 4 ',
  phones: '064 123 4567 ',
  'iban-starts': 'RS35 2600 ',
  separators: '- . ',
  'at-signs': 'a@b.',
  base58: '1A1zP1eP5QGefi2D',
  hex: '0xdeadbeef',
  decimals: '44.8125, ',
  dms: "20°27' ",
  'map-urls': 'https://maps.google.com/?q=',
  'ship-words': 'MV Aa ',
  'mixed-scripts': 'ЂорђеЉ مُحَمَّد ٣٤٥ \u200B',
};
const ctx = { defaultRegion: 'RS' };
const fns = {
  normalise: (s) => normaliseWithMap(s),
  phone: (s) => extractPhone(s, ctx),
  email: (s) => extractEmail(s, ctx),
  iban: (s) => extractIban(s, ctx),
  bic: (s) => extractBic(s, ctx),
  crypto: (s) => extractCrypto(s, ctx),
  coordinates: (s) => extractCoordinates(s, ctx),
  container: (s) => extractContainer(s, ctx),
  imo: (s) => extractImo(s, ctx),
  vessel: (s) => extractVessel(s, ctx),
};
const time = (fn, s) => {
  fn(s);
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    fn(s);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
};
const rows = [];
for (const [uname, u] of Object.entries(units)) {
  const big = fill(u, 1_000_000);
  const small = fill(u, 50_000);
  const row = { input: uname };
  for (const [fname, fn] of Object.entries(fns)) {
    const tb = time(fn, big);
    const ts = time(fn, small);
    row[fname] = `${tb.toFixed(0)} (${(tb / Math.max(ts, 0.05)).toFixed(0)}×)`;
  }
  rows.push(row);
}
console.table(rows);
console.log('ms per 1 MB (ratio 1 MB / 50 KB; linear ≈ 20×, less when a per-text cap of mentions/candidates applies)');
