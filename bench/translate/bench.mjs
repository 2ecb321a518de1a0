#!/usr/bin/env node
// Machine translation benchmark (issue 23 part 1): Serbian messages → English with Apertium (hbs-eng).
// Run after `npm run build` (or `npm run build:server`):
//   node bench/translate/bench.mjs [--messages 10000] [--seed 1] [--write]
// Messages: the bodies written by Serbian-speaking persons (sr, sr-Cyrl, hr, bs, me in truth.json) of a synthetic case
// (`clew synth`), Latin and Cyrillic as the generator writes them; the case's code words (all their forms)
// are protected, as the lexicon's words will be. Measured:
//   - clew: translateTexts (one apertium process per part, clew's stream encoding, per-item time limit),
//     at concurrency 1 and 2;
//   - baseline, same run: bare `apertium -u hbs-eng` on the same bodies as plain text, one line each
//     (Apertium's own deformatter, no protection, no per-item results), Cyrillic transliterated beforehand.
// --write appends the figures to bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'bench', 'out', 'translate');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const nMessages = Number(opt('messages', '10000'));
const seed = Number(opt('seed', '1'));
const write = args.includes('--write');
mkdirSync(OUT, { recursive: true });

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build:server`);
const { detectApertium, translateTexts, findPair } = await import(join(ROOT, 'dist', 'text', 'translate', 'apertium.js'));
const { serbianCyrillicToLatin } = await import(join(ROOT, 'dist', 'text', 'translate', 'cyrillic.js'));

const engine = await detectApertium();
if (!engine || !findPair(engine, 'sr', 'en')) {
  console.error('Apertium with apertium-hbs-eng is not installed: apt-get install -y apertium apertium-hbs-eng');
  process.exit(1);
}
const pair = findPair(engine, 'sr', 'en');

// A synthetic case large enough to hold nMessages Serbian messages (about half the traffic is BCMS).
const caseDir = join(OUT, `synth-${nMessages}-${seed}`);
if (!existsSync(join(caseDir, 'truth.json'))) {
  const r = spawnSync(process.execPath, [BIN, 'synth', '--out', caseDir, '--messages', String(nMessages * 4), '--seed', String(seed)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('clew synth failed');
}
const truth = JSON.parse(readFileSync(join(caseDir, 'truth.json'), 'utf8'));
const langOf = new Map(truth.persons.map((p) => [p.id, p.language]));
const BCMS = new Set(['sr', 'sr-Cyrl', 'sr-Latn', 'hr', 'bs', 'me']);
const bodies = [];
for (const line of readFileSync(join(caseDir, 'records.jsonl'), 'utf8').split('\n')) {
  if (bodies.length >= nMessages) break;
  if (!line.includes('"type":"message"')) continue;
  const m = JSON.parse(line);
  if (typeof m.body !== 'string' || !m.body.trim()) continue;
  if (BCMS.has(langOf.get(truth.handles[m.from]))) bodies.push(m.body);
}
if (bodies.length < nMessages) throw new Error(`only ${bodies.length} Serbian messages in the synthetic case`);

// Protected spans: every form of every code word, as whole words (case-insensitive).
const forms = [...new Set(truth.code_words.flatMap((c) => c.forms ?? [c.word]))].sort((a, b) => b.length - a.length);
const formRe = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
let protectedSpans = 0;
const inputs = bodies.map((text) => {
  const protect = [...text.matchAll(formRe)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  protectedSpans += protect.length;
  return { text, from: 'sr', protect };
});
const chars = bodies.reduce((n, b) => n + b.length, 0);
const cyrillic = bodies.filter((b) => /[\u0400-\u04ff]/.test(b)).length;

async function clewRun(concurrency) {
  const t0 = performance.now();
  const r = await translateTexts(engine, inputs, 'en', { concurrency });
  const s = (performance.now() - t0) / 1000;
  const failed = r.filter((t) => t.failed);
  let kept = 0;
  let lost = 0;
  r.forEach((t, i) => {
    if (t.failed) return;
    for (const sp of inputs[i].protect) (t.text.includes(inputs[i].text.slice(sp.start, sp.end)) ? kept++ : lost++);
  });
  return { s, failed: failed.length, firstFailure: failed[0]?.failed, kept, lost, sample: r.slice(0, 5).map((t) => t.text) };
}

function baselineRun() {
  const file = join(OUT, 'baseline.txt');
  writeFileSync(file, `${bodies.map((b) => serbianCyrillicToLatin(b).replace(/\s+/g, ' ')).join('\n')}\n`);
  const t0 = performance.now();
  const r = spawnSync(engine.binary, ['-u', pair.mode, file], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`baseline apertium failed: ${r.stderr}`);
  return { s, lines: r.stdout.split('\n').length - 1 };
}

const best = (runs) => runs.reduce((a, b) => (b.s < a.s ? b : a));
const base = best([baselineRun(), baselineRun()]);
const c1 = best([await clewRun(1), await clewRun(1)]);
const c2 = best([await clewRun(2), await clewRun(2)]);

const rate = (s) => Math.round(nMessages / s);
console.log(`${nMessages} Serbian messages (${cyrillic} Cyrillic), ${chars} characters, ${protectedSpans} protected code-word spans`);
console.log(`baseline bare apertium: ${base.s.toFixed(2)} s  ${rate(base.s)} msg/s (${base.lines} lines out)`);
console.log(`clew, 1 process:        ${c1.s.toFixed(2)} s  ${rate(c1.s)} msg/s  failed ${c1.failed}  protected kept ${c1.kept} lost ${c1.lost}`);
console.log(`clew, 2 processes:      ${c2.s.toFixed(2)} s  ${rate(c2.s)} msg/s  failed ${c2.failed}  protected kept ${c2.kept} lost ${c2.lost}`);
if (c1.firstFailure) console.log(`first failure: ${c1.firstFailure}`);
console.log('sample:', bodies.slice(0, 5).map((b, i) => `${b} → ${c1.sample[i]}`).join('\n        '));

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores (shared), Node ${process.version}`;
const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const md = `
## Machine translation: ${nMessages} Serbian messages → English with Apertium (issue 23 part 1), ${date} UTC

\`node bench/translate/bench.mjs --messages ${nMessages}\`: bodies of Serbian-speaking persons of a synthetic case
(\`clew synth --messages ${nMessages * 4} --seed ${seed}\`; ${cyrillic} of them Cyrillic; ${chars} characters), the case's code
words protected (${protectedSpans} spans). Apertium ${engine.engineVersion}, ${pair.mode} ${pair.version}. ${machine};
load average ${load} (the machine was shared: compare the ratios, not seconds). Best of two runs each.

| run | seconds | messages/s | vs baseline | failed | protected spans kept / lost |
|---|---:|---:|---:|---:|---|
| baseline: bare \`apertium -u ${pair.mode}\`, one line per message | ${base.s.toFixed(2)} | ${rate(base.s)} | 1.00× | – | – (no protection) |
| clew \`translateTexts\`, 1 process | ${c1.s.toFixed(2)} | ${rate(c1.s)} | ${(c1.s / base.s).toFixed(2)}× time | ${c1.failed} | ${c1.kept} / ${c1.lost} |
| clew \`translateTexts\`, 2 processes | ${c2.s.toFixed(2)} | ${rate(c2.s)} | ${(c2.s / base.s).toFixed(2)}× time | ${c2.failed} | ${c2.kept} / ${c2.lost} |
`;
if (write) appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
else console.log(md);
