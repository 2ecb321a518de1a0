#!/usr/bin/env node
// Differential check of two compiled trees of the text pipeline (e.g. a copy of dist/ from before a speed
// change, and the current dist/): runs `createAnalyser` of each (language with conversation fallback,
// 13 extractors, a code-word lexicon) over the evaluation set, a synthetic case (src/synth) and the
// pipeline bench's messages, and reports every message whose language, confidence, mentions or full-text
// index tokens (text/query/parse.ts indexText: folded words and stem tokens, in its language and in each
// stemmer's) differ.
// A speed change that keeps quality should print "0 differences".
//
//   npx tsc -p tsconfig.build.json && node bench/text/diff-builds.mjs OLD_DIST [NEW_DIST=dist] [synthMessages=20000]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [oldDir, newDir = join(here, '../../dist'), synthN = '20000'] = process.argv.slice(2);
if (!oldDir) {
  console.error('usage: node bench/text/diff-builds.mjs OLD_DIST [NEW_DIST] [synthMessages]');
  process.exit(2);
}
const load = (dir, p) => import(pathToFileURL(join(resolve(dir), p)).href);

const LEXICON = ['kafa', 'sladoled', 'brasno', 'papir', 'lopta', 'karte', 'koverta', 'pakovanje', 'majica', 'gume', 'zeleni',
  'bela kafa', 'auto', 'riba', 'jaje', 'dete', 'mleko', 'secer', 'cigla', 'doktor', 'القهوة', 'кафа'].map((term, i) => ({ term, means: `m${i}` }));

// messages: evaluation set (with its regions), synthetic case (with its conversations)
const texts = [];
for (const l of readFileSync(join(here, 'eval.jsonl'), 'utf8').split('\n').filter(Boolean)) {
  const o = JSON.parse(l);
  texts.push({ text: o.text, conv: `eval-${o.lang}`, region: o.region });
}
const { generateCase } = await load(newDir, 'synth/index.js');
const c = generateCase({ messages: Number(synthN), seed: 11 });
for (const ch of c.chunks(() => {})) {
  for (const l of ch.data.toString('utf8').split('\n')) {
    if (!l.includes('"type":"message"')) continue;
    const o = JSON.parse(l);
    if (typeof o.body === 'string') texts.push({ text: o.body, conv: String(o.conversation ?? [o.from, ...[o.to].flat()].sort().join(',')) });
  }
}

async function runAll(dir) {
  const { createAnalyser } = await load(dir, 'text/analyse.js');
  const byRegion = new Map();
  const analyser = async (region) => {
    let a = byRegion.get(region);
    if (!a) byRegion.set(region, (a = await createAnalyser({ defaultRegion: region, lexicon: LEXICON })));
    return a;
  };
  // and the full-text index's tokens of each message: in its own language, and in every stemmer's
  const { indexText } = await load(dir, 'text/query/parse.js');
  const { STEMMER_LANGUAGES } = await load(dir, 'text/stem/stem.js');
  const out = [];
  for (const t of texts) {
    const r = (await analyser(t.region ?? 'RS')).analyse(t.text, t.conv);
    const index = [indexText(t.text, r.lang), ...STEMMER_LANGUAGES.map((l) => indexText(t.text, l))];
    out.push(JSON.stringify({ ...r, index }));
  }
  return out;
}

const a = await runAll(oldDir);
const b = await runAll(newDir);
let diffs = 0;
for (let i = 0; i < texts.length; i++) {
  if (a[i] === b[i]) continue;
  if (++diffs <= 20) console.log(`DIFF ${JSON.stringify(texts[i].text)}\n  old ${a[i]}\n  new ${b[i]}`);
}
const mentions = b.reduce((n, s) => n + JSON.parse(s).mentions.length, 0);
console.log(`${texts.length} messages (${texts.length - Number(synthN)} evaluation, ${synthN} synthetic), ${mentions} mentions: ${diffs} differences`);
process.exit(diffs === 0 ? 0 : 1);
