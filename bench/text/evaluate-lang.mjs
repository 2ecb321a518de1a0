#!/usr/bin/env node
// Language identification on the labelled evaluation set (bench/text/eval.jsonl, `lang` of each line):
// per language, how many messages get an answer (the rest fall back to the conversation's language) and how
// many answers are right. Serbian, Croatian, Bosnian and Montenegrin count as one (BCMS, `macro: 'sh'`), as the detector
// documents. Lines labelled 'xx' (mixed or none) are left out.
//
//   npx tsc -p tsconfig.build.json && node bench/text/evaluate-lang.mjs [--dist DIR]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf('--dist');
const dist = resolve(i >= 0 ? process.argv[i + 1] : join(here, '../../dist'));
const { loadLanguageDetector } = await import(pathToFileURL(join(dist, 'text/lang/detect.js')).href);
const d = await loadLanguageDetector();

const BCMS = new Set(['sr', 'hr', 'bs', 'me']); // Montenegrin is labelled 'me' in the set; eld answers sr/hr
const same = (want, got) => want === got || (BCMS.has(want) && BCMS.has(got));
const lines = readFileSync(join(here, 'eval.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const rows = {};
let n = 0;
let answered = 0;
let right = 0;
for (const l of lines) {
  if (!l.lang || l.lang === 'xx') continue;
  const g = d.detect(l.text);
  const r = (rows[l.lang] ??= { lang: l.lang, messages: 0, answered: 0, right: 0 });
  r.messages++;
  n++;
  if (g) {
    r.answered++;
    answered++;
    if (same(l.lang, g.lang)) {
      r.right++;
      right++;
    }
  }
}
console.log(`dist: ${dist}`);
console.table(
  Object.values(rows)
    .sort((a, b) => a.lang.localeCompare(b.lang))
    .map((r) => ({ ...r, 'accuracy (answered)': (r.right / Math.max(1, r.answered)).toFixed(3), coverage: (r.answered / r.messages).toFixed(3) })),
);
console.log(`${n} messages: ${answered} answered (coverage ${(answered / n).toFixed(3)}), accuracy of answers ${(right / Math.max(1, answered)).toFixed(3)}`);
