// Times each of the text extractors owned by bench/text on 1 MB adversarial inputs (compiled dist/).
// Usage: npx tsc -p tsconfig.build.json; node bench/text/fuzz-timing.mjs
import { normaliseWithMap } from '../../dist/text/normalise/normalise.js';
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
  normalise: (s) => normaliseWithMap(s),
  money: (s) => extractMoney(s),
  'drug-quantity': (s) => extractDrugQuantities(s),
  'lexicon-tags': (s) => extractLexiconTags(s),
  places: (s) => extractPlaces(s),
  codewords: (s) => cw.extract(s),
};
const rows = [];
for (const [iname, s] of Object.entries(inputs)) {
  const row = { input: iname };
  for (const [fname, fn] of Object.entries(fns)) {
    fn(s); // warm, and fills the fold memo
    const t0 = performance.now();
    fn(s);
    row[fname] = Math.round(performance.now() - t0);
  }
  rows.push(row);
}
console.table(rows);
console.log('(ms per 1 MB; the extractors reuse the memoised fold of the same text, so their figures exclude normalisation)');
