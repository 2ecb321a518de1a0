// The type check's cost, per tsconfig of `npm run typecheck`: tsc --extendedDiagnostics's
// instantiations and types (independent of the machine's load: the figures to compare), its check
// and total time, its memory, and the CPU seconds of the tsc process.
//
//   node bench/typecheck/typecheck.mjs [--baseline DIR] [--only web/tsconfig.json]
//
// --baseline DIR: also check a copy of another commit (made with `git archive REV | tar -x -C DIR`,
// node_modules linked to this one's) in the same run, and print the ratios.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT, opt } from '../common.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const configs = [...pkg.scripts.typecheck.matchAll(/tsc -p (\S+)/g)].map((m) => m[1]).filter((c) => !opt('only') || c === opt('only'));
const baseline = opt('baseline');

/** One tsc run in `dir`: its diagnostics' figures and its CPU seconds. */
function check(dir, config) {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, tsc, '-p', config, '--noEmit', '--extendedDiagnostics'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const out = r.stdout + r.stderr;
  const figure = (name) => {
    const m = new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(out);
    return m ? Number(m[1]) : NaN;
  };
  const cpu = /^cpu ([\d.]+) ([\d.]+)/m.exec(r.stderr);
  const errors = out.split('\n').filter((l) => / error TS\d+:/.test(l)).length;
  return {
    instantiations: figure('Instantiations'),
    types: figure('Types'),
    checkS: figure('Check time'),
    totalS: figure('Total time'),
    memoryMB: Math.round(figure('Memory used') / 1024),
    cpuS: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN,
    errors,
  };
}

const fmt = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '?');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(3) : '?');

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('| tsconfig | side | instantiations | types | check s | total s | CPU s | memory MB | errors |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
const ratios = [];
for (const config of configs) {
  const sides = [['this', ROOT]];
  if (baseline) {
    if (!existsSync(join(baseline, config))) throw new Error(`${config} is not in ${baseline}`);
    sides.unshift(['baseline', baseline]);
  }
  const got = {};
  for (const [side, dir] of sides) {
    const f = (got[side] = check(dir, config));
    console.log(`| ${config} | ${side} | ${fmt(f.instantiations)} | ${fmt(f.types)} | ${f.checkS} | ${f.totalS} | ${f.cpuS.toFixed(1)} | ${f.memoryMB} | ${f.errors} |`);
  }
  if (baseline) ratios.push(`${config}: instantiations ×${ratio(got.this.instantiations, got.baseline.instantiations)}, CPU ×${ratio(got.this.cpuS, got.baseline.cpuS)}`);
}
for (const r of ratios) console.log(r);
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
