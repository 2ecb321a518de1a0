// Times each of the text extractors owned by bench/text on 1 MB adversarial inputs (compiled dist/).
// Usage: npx tsc -p tsconfig.build.json; node bench/text/fuzz-timing.mjs
import { fold } from '../../dist/text/extract/fold.js';
import { extractMoney } from '../../dist/text/extract/money.js';
import { extractDrugQuantities } from '../../dist/text/extract/drug-quantity.js';
import { extractLexiconTags } from '../../dist/text/extract/lexicon-tags.js';
import { extractPlaces } from '../../dist/text/extract/places.js';
import { compileLexicon } from '../../dist/text/extract/codewords.js';

const MB = 1_000_000;
const fill = (u) => u.repeat(Math.ceil(MB / u.length)).slice(0, MB);
const inputs = {
  digits: fill('1'),
  'digit-dots': fill('1.'),
  'digit-groups': fill('111 '),
  'comma-digits': fill('1,1'),
  'euro-runs': fill('€1 '),
  'money-units': fill('5k evra 1.000.000 $ 50 kg '),
  'mixed-scripts': fill('аbсdеf كوكايين 1٣ '),
  'cyrillic-words': fill('кокаин Београд кила '),
  'place-words': fill('u Split Bar Beograd '),
  separators: fill('- '),
};
const cw = compileLexicon([{ term: 'kafa', means: 'cocaine' }, { term: 'majica', means: 'kilogram' }]);
const fns = {
  money: (s) => extractMoney(s),
  'drug-quantity': (s) => extractDrugQuantities(s),
  'lexicon-tags': (s) => extractLexiconTags(s),
  places: (s) => extractPlaces(s),
  codewords: (s) => cw.extract(s),
};
const rows = [];
let salt = 0;
for (const [iname, base] of Object.entries(inputs)) {
  const row = { input: iname };
  const best = {};
  // 3 cold runs per input: fresh content each time, so no memo (fold, number scan) is reused across runs;
  // within a run the extractors share the memoised fold as in the pipeline. Best of 3 per column.
  for (let r = 0; r < 3; r++) {
    const s = String.fromCharCode(0x41 + (salt++ % 26)) + base.slice(1);
    let t0 = performance.now();
    fold(s);
    best.fold = Math.min(best.fold ?? Infinity, performance.now() - t0);
    let total = best.fold;
    for (const [fname, fn] of Object.entries(fns)) {
      t0 = performance.now();
      fn(s);
      const dt = performance.now() - t0;
      best[fname] = Math.min(best[fname] ?? Infinity, dt);
      total += dt;
    }
    best.total = Math.min(best.total ?? Infinity, total);
  }
  for (const [k, v] of Object.entries(best)) row[k] = Math.round(v);
  rows.push(row);
}
console.table(rows);
console.log('(ms per 1 MB, best of 3 cold runs; "fold" = normalise + offset map, shared by the extractors as in extractAll)');
