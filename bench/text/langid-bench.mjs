#!/usr/bin/env node
// Language identification on real sentences (UD treebanks, ../shared/corpora/langid/, see its README):
// precision and recall per language, for whole sentences and for chat-length fragments (1-6 words), and
// messages per second. Detectors compared in the same run:
//   eld        today's detector (bench/out/dist-before, or --before DIR), i.e. eld + the BCMS letter rules
//   franc      franc alone, limited to eld's 60 languages plus Macedonian and Bosnian (no min length)
//   clew       the detector of this build (dist/): script routing, franc for Cyrillic and BCMS Latin, eld elsewhere
//   clew+prior the same with a case prior (sr 0.6, hr 0.3, bg 0.05, mk 0.05): a Cyrillic text with no
//              language-specific letter or word gets the prior's language
// Labels: sr-Cyrl and sr-Latn-ascii are Serbian ('sr'). A null answer (too short, unreliable) counts against
// recall, not precision. 'BCMS' rows merge sr/hr/bs (one language continuum).
//
//   npx tsc -p tsconfig.build.json && node bench/text/langid-bench.mjs [--before DIR] [--corpus DIR]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpus } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (k, d) => {
  const i = process.argv.indexOf(k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const corpus = resolve(arg('--corpus', join(here, '../../../shared/corpora/langid')));
const beforeDir = resolve(arg('--before', join(here, '../out/dist-before')));
const dist = resolve(join(here, '../../dist'));
if (!existsSync(corpus)) {
  console.error(`no corpus at ${corpus}`);
  process.exit(1);
}

const load = async (d) => import(pathToFileURL(join(d, 'text/lang/detect.js')).href);
const now = await load(dist);
const detectors = {};
if (existsSync(beforeDir)) {
  const b = await load(beforeDir);
  const det = await b.loadLanguageDetector();
  detectors.eld = (t) => det.detect(t)?.lang ?? null;
} else console.error(`(no ${beforeDir}: the 'eld' row is skipped; cp -r dist bench/out/dist-before on the old build)`);

const { francAll } = await import('franc');
const ELD60 = 'am ar az be bg bn ca cs da de el en es et eu fa fi fr gu he hi hr hu hy is it ja ka kn ko ku lo lt lv ml mr ms nl no or pa pl pt ro ru sk sl sq sr sv ta te th tl tr uk ur vi yo zh'.split(' ');
const { ISO3_TO_1 } = await import(pathToFileURL(join(dist, 'text/lang/franc-route.js')).href);
const TO3 = Object.fromEntries(Object.entries(ISO3_TO_1).map(([a, b]) => [b, a]));
const francOnly = [...new Set([...ELD60.map((c) => TO3[c]).filter(Boolean), 'mkd', 'bos', 'hrv', 'srp', 'arb', 'pes', 'urd'])];
detectors.franc = (t) => {
  const r = francAll(t, { only: francOnly, minLength: 1 })[0];
  return r && r[0] !== 'und' ? (ISO3_TO_1[r[0]] ?? r[0]) : null;
};
const clew = await now.loadLanguageDetector();
detectors.clew = (t) => clew.detect(t)?.lang ?? null;
const prior = { sr: 0.6, hr: 0.3, bg: 0.05, mk: 0.05 };
detectors['clew+prior'] = (t) => clew.detect(t, { prior })?.lang ?? null;

const label = (f) => (f.startsWith('sr') ? 'sr' : f.split('.')[0]);
const sets = { sentences: [], fragments: [] };
for (const f of readdirSync(corpus).filter((x) => x.endsWith('.tsv')).sort()) {
  const lines = readFileSync(join(corpus, f), 'utf8').split('\n').slice(1).filter(Boolean);
  const set = f.includes('.short.') ? sets.fragments : sets.sentences;
  const variant = f.replace(/(\.short)?\.tsv$/, '');
  for (const text of lines) set.push({ text, lang: label(f), variant });
}

const BCMS = new Set(['sr', 'hr', 'bs', 'me']);
const pct = (a, b) => (b === 0 ? '   –' : `${((100 * a) / b).toFixed(1).padStart(5)}`);
const out = [];
const log = (s = '') => {
  out.push(s);
  console.log(s);
};
log(`langid benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? '?'} (${cpus().length} cores, shared)`);
for (const [setName, items] of Object.entries(sets)) {
  const variants = [...new Set(items.map((i) => i.variant))].sort();
  const results = {};
  const speed = {};
  for (const [name, fn] of Object.entries(detectors)) {
    for (let i = 0; i < Math.min(200, items.length); i++) fn(items[i].text); // warm up
    const t0 = process.hrtime.bigint();
    results[name] = items.map((i) => fn(i.text));
    speed[name] = items.length / (Number(process.hrtime.bigint() - t0) / 1e9);
  }
  log(`\n### ${setName} (${items.length})\nrecall % per corpus file (answer = label; '–' when no answer counts as a miss), precision % per label; msgs/s`);
  const names = Object.keys(detectors);
  log(`| file | n | ${names.map((n) => `${n} R`).join(' | ')} | ${names.map((n) => `${n} P`).join(' | ')} |`);
  log(`|---|---:|${names.map(() => '---:').join('|')}|${names.map(() => '---:').join('|')}|`);
  const prec = (name, lang, merge) => {
    let said = 0;
    let right = 0;
    items.forEach((it, k) => {
      const g = results[name][k];
      if (g === null) return;
      const hit = merge ? BCMS.has(g) : g === lang;
      if (!hit) return;
      said++;
      if (merge ? BCMS.has(it.lang) : it.lang === g) right++;
    });
    return pct(right, said);
  };
  const row = (title, filter, want, merge, precLang) => {
    const idx = items.map((it, k) => (filter(it) ? k : -1)).filter((k) => k >= 0);
    const rs = names.map((n) => pct(idx.filter((k) => (merge ? BCMS.has(results[n][k]) : results[n][k] === want)).length, idx.length));
    const ps = names.map((n) => (precLang ? prec(n, precLang, merge) : '    '));
    log(`| ${title} | ${idx.length} | ${rs.join(' | ')} | ${ps.join(' | ')} |`);
  };
  for (const v of variants) {
    const lang = label(v);
    row(v, (it) => it.variant === v, lang, false, v === lang ? lang : null);
  }
  row('BCMS (sr*, hr) as one', (it) => BCMS.has(it.lang), null, true, 'sr');
  const total = names.map((n) => pct(items.filter((it, k) => results[n][k] === it.lang).length, items.length));
  log(`| all (exact label) | ${items.length} | ${total.join(' | ')} | |`);
  log(`| msgs/s | | ${names.map((n) => Math.round(speed[n]).toString()).join(' | ')} | |`);
}
