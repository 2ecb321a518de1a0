#!/usr/bin/env node
// Inflection in the folded search (issue 18 part 1), on real Serbian and Croatian word forms
// (../shared/corpora/inflection/, UD Serbian-SET and Croatian-SET dev; README there):
//  - recall: a query for a lemma (as typed, folded) finds each of its observed forms; and a query for any form
//    finds each other form of the same lemma (pairs). Serbian Cyrillic forms are queried in Latin and back.
//  - over-matching: pairs of different lemmas sharing a prefix of ≥ 4 letters (confusable.tsv): how often a
//    query for form_a finds form_b.
//  - index growth: the SQLite FTS5 index (the store's own tokenizer) over the real sentences of
//    ../shared/corpora/langid/ per language, words only vs words + stem tokens.
// Matching is what a store does with indexTokens and a term's `stems` (parse.ts): the message's tokens
// (indexTokens(text, 'folded', { lang })) contain the query word or one of its stem alternatives.
//
//   npx tsc -p tsconfig.build.json && node bench/text/inflection-bench.mjs
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(join(here, '../../dist'));
const corpus = resolve(join(here, '../../../shared/corpora'));
const { indexTokens, stemAlternatives } = await import(pathToFileURL(join(dist, 'text/query/parse.js')).href);
const { normalise } = await import(pathToFileURL(join(dist, 'text/normalise/normalise.js')).href);
const { stemToken } = await import(pathToFileURL(join(dist, 'text/stem/stem.js')).href);

const tsv = (f) => readFileSync(join(corpus, f), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));

/** Does a query word (as typed) find a one-word message `doc` (language docLang) with stemming in `langs`? */
function finds(query, doc, docLang, langs) {
  const q = indexTokens(query, 'folded');
  if (q.length !== 1) return false;
  const alts = new Set([q[0], ...(langs ? stemAlternatives(q[0], langs) : [])]);
  // the message as the index holds it: stems in place of its words when its language has a stemmer
  return indexTokens(doc, 'folded', { lang: langs ? docLang : null }).some((t) => alts.has(t));
}
/** Baseline "kaf*": the query's folded form minus its last 2 letters (min 3) as a prefix (the store's code-word heuristic). */
function findsPrefix(query, doc) {
  const q = normalise(query);
  const p = q.length > 3 ? q.slice(0, Math.max(3, q.length - 2)) : q;
  return indexTokens(doc, 'folded').some((t) => t.startsWith(p));
}

const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;
console.log(`inflection benchmark — ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| set | lemmas | forms | lemma→form exact | lemma→form stemmed | lemma→form prefix (len−2)* | form↔form exact | form↔form stemmed |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const sets = [
  ['sr (Latin)', tsv('inflection/sr.tsv'), (x) => x],
  ['hr', tsv('inflection/hr.tsv'), (x) => x],
  ['sr-Cyrl forms, Latin lemma query', tsv('inflection/sr-Cyrl.tsv').map((r, i) => [tsv('inflection/sr.tsv')[i][0], r[1], r[2]]), (x) => x],
  ['sr Latin forms, Cyrillic lemma query', tsv('inflection/sr.tsv').map((r, i) => [tsv('inflection/sr-Cyrl.tsv')[i][0], r[1], r[2]]), (x) => x],
];
for (const [name, rows] of sets) {
  let forms = 0, exact = 0, stemmed = 0, prefix = 0, pairs = 0, pExact = 0, pStem = 0;
  for (const [lemma, , formList] of rows) {
    const fs = formList.split(',');
    for (const f of fs) {
      forms++;
      if (finds(lemma, f, 'sr', null)) exact++;
      if (finds(lemma, f, 'sr', ['sr'])) stemmed++;
      if (findsPrefix(lemma, f)) prefix++;
    }
    for (const a of fs)
      for (const b of fs) {
        if (a === b) continue;
        pairs++;
        if (finds(a, b, 'sr', null)) pExact++;
        if (finds(a, b, 'sr', ['sr'])) pStem++;
      }
  }
  console.log(`| ${name} | ${rows.length} | ${forms} | ${pct(exact, forms)} | ${pct(stemmed, forms)} | ${pct(prefix, forms)} | ${pct(pExact, pairs)} | ${pct(pStem, pairs)} |`);
}

console.log('\nOver-matching on confusable.tsv (different lemmas, same UPOS, shared prefix ≥ 4):\n');
console.log('| lang | pairs | stemmed: form_a finds form_b | prefix (len−2)*: form_a finds form_b |');
console.log('|---|---:|---:|---:|');
const conf = tsv('inflection/confusable.tsv');
for (const lang of ['sr', 'hr']) {
  const rows = conf.filter((r) => r[0] === lang);
  let s = 0, p = 0;
  const examples = [];
  for (const [, , , , , a, b] of rows) {
    const hit = finds(a, b, lang, [lang]) || finds(b, a, lang, [lang]);
    if (hit) {
      s++;
      if (examples.length < 8) examples.push(`${a}/${b}`);
    }
    if (findsPrefix(a, b) || findsPrefix(b, a)) p++;
  }
  console.log(`| ${lang} | ${rows.length} | ${pct(s, rows.length)} | ${pct(p, rows.length)} |`);
  console.log(`|  | e.g. | ${examples.join(', ')} | |`);
}

console.log('\nIndex growth: SQLite FTS5 (unicode61, the store\'s tokenizer), bytes of the index over real sentences:\n');
console.log('| lang | sentences | words only | stems in place of words (chosen) | growth | words + stem tokens of changed words appended | growth |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
const size = (texts) => {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE f USING fts5(text, content='', tokenize='unicode61 remove_diacritics 0')");
  const ins = db.prepare('INSERT INTO f (rowid, text) VALUES (?, ?)');
  db.transaction(() => texts.forEach((t, i) => ins.run(i + 1, t)))();
  db.exec("INSERT INTO f(f) VALUES('optimize')");
  const n = db.prepare('SELECT sum(length(block)) FROM f_data').pluck().get();
  db.close();
  return n;
};
let tw = 0, tc = 0, ta = 0;
for (const lang of ['sr', 'hr', 'nl', 'fr', 'es', 'en', 'ar']) {
  const texts = tsv(`langid/${lang}.tsv`).map((r) => r[0]);
  // the same text three ways: folded words; stems in place (indexTokens with the language); stems appended
  const words = texts.map((t) => indexTokens(t, 'folded').join(' '));
  const changed = texts.map((t) => indexTokens(t, 'folded', { lang }).join(' '));
  const every = texts.map((t) => {
    const w = indexTokens(t, 'folded');
    const st = new Set(w.map((x) => [x, stemToken(x, lang)]).filter(([x, s]) => s && s.slice(3) !== x).map(([, s]) => s));
    return [...w, ...st].join(' ');
  });
  const [a, b, c] = [size(words), size(changed), size(every)];
  tw += a; tc += b; ta += c;
  console.log(`| ${lang} | ${texts.length} | ${a} | ${b} | ${b >= a ? "+" : ""}${pct(b - a, a)} | ${c} | +${pct(c - a, a)} |`);
}
console.log(`| all | | ${tw} | ${tc} | ${tc >= tw ? "+" : ""}${pct(tc - tw, tw)} | ${ta} | +${pct(ta - tw, tw)} |`);
const big = 'a'.repeat(100_000);
const t0 = performance.now();
indexTokens(big, 'folded', { lang: 'sr' });
stemToken(big, 'sr');
console.log(`\n100k-character word: indexTokens + stemToken ${(performance.now() - t0).toFixed(1)} ms (not stemmed: longer than the cap)`);
