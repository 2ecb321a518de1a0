#!/usr/bin/env node
// A case that holds data ingests as fast as an empty one (issue 15, part 10). Run after `npm run build`:
//   node bench/ingest/after-tiny.mjs [--messages 1000000] [--parts 10] [--case LOCATOR] [--write]
// A synthetic case (seed 1) is split into --parts sources of equal size. First, part 1 is ingested
// into an empty case (the reference). Then a fresh case gets a tiny source first (two messages, one
// a duplicate of the other: what made the planner statistics lie), and every part after it; each
// part's time is printed as a ratio to the first part after the tiny source (the goal: every ratio
// ≤ 1.2) and to the reference (a case that already holds data maintains its read-side indexes
// while writing, where a first load builds them once at the end). --case runs the
// same against another backend (a postgres://… locator; each run makes new cases in it).
import { execFileSync } from 'node:child_process';
import { appendFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { args, BENCH_OUT, BIN, opt, ROOT } from '../common.mjs';

const OUT = BENCH_OUT;
const messages = Number(opt('messages', '1000000'));
const parts = Number(opt('parts', '10'));
const caseBase = opt('case', null);
mkdirSync(OUT, { recursive: true });

const dir = join(OUT, `synth-${messages}`);
const records = join(dir, 'records.jsonl');
if (!existsSync(records)) execFileSync(process.execPath, [BIN, 'synth', '--out', dir, '--messages', String(messages), '--seed', '1'], { stdio: 'inherit' });

// split into parts of equal line counts
const partDir = join(OUT, `after-tiny-${messages}-${parts}`);
if (!existsSync(join(partDir, `part-${parts}.jsonl`))) {
  mkdirSync(partDir, { recursive: true });
  const lines = [];
  for await (const l of createInterface({ input: createReadStream(records) })) if (l) lines.push(l);
  const per = Math.ceil(lines.length / parts);
  for (let p = 0; p < parts; p++) {
    const w = createWriteStream(join(partDir, `part-${p + 1}.jsonl`));
    for (const l of lines.slice(p * per, (p + 1) * per)) w.write(`${l}\n`);
    await new Promise((r) => w.end(r));
  }
}
const tiny = join(partDir, 'tiny.jsonl');
const m = { type: 'message', from: 'skyecc:TINY01', to: ['skyecc:TINY02'], ts: '2020-01-01T00:00:00Z', body: 'novi broj' };
writeFileSync(tiny, `${JSON.stringify(m)}\n${JSON.stringify(m)}\n`);

function locator(name) {
  if (!caseBase) {
    const p = join(partDir, `${name}.clew`);
    rmSync(p, { force: true });
    return p;
  }
  const u = new URL(caseBase);
  u.searchParams.set('case', `bench_${name}_${Date.now().toString(36)}`); // a new case each run
  return u.toString();
}

function ingest(loc, file) {
  const t = process.hrtime.bigint();
  execFileSync(process.execPath, [BIN, 'ingest', '--no-analyse', '--case', loc, file], { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - t) / 1e9;
}

const ref = ingest(locator('empty'), join(partDir, 'part-1.jsonl'));
const loc = locator('after_tiny');
ingest(loc, tiny);
const times = [];
for (let p = 1; p <= parts; p++) times.push(ingest(loc, join(partDir, `part-${p}.jsonl`)));
const ratios = times.map((t) => t / times[0]);
const backend = caseBase ? 'postgres' : 'sqlite';
console.log(`${backend}: part 1 into an empty case ${ref.toFixed(2)} s`);
times.forEach((t, i) => console.log(`  part ${i + 1} after the tiny source: ${t.toFixed(2)} s  (${ratios[i].toFixed(2)}× the first, ${(t / ref).toFixed(2)}× the empty case)`));
const worst = Math.max(...ratios);
console.log(`worst ratio ${worst.toFixed(2)}× (goal ≤ 1.2×) ${worst <= 1.2 ? 'met' : 'NOT met'}`);
if (args.includes('--write')) {
  const machine = `${cpus()[0].model}, ${cpus().length} cores, Node ${process.version}, load ${loadavg()[0].toFixed(1)}`;
  appendFileSync(
    join(ROOT, 'bench', 'RESULTS.md'),
    `\n| ${new Date().toISOString().slice(0, 10)} | ${backend} | ${messages / parts} × ${parts} after a tiny source | empty case ${ref.toFixed(2)} s, first after tiny ${times[0].toFixed(2)} s | ${ratios.map((r) => r.toFixed(2)).join(' ')} | worst ${worst.toFixed(2)}× | ${machine} |\n`,
  );
}
