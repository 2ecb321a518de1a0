// What every benchmark script starts with: where the repository, the built CLI and the
// benchmarks' scratch directory are, and `--name value` options.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Cases and files the benchmarks make and reuse (git-ignored). */
export const BENCH_OUT = join(ROOT, 'bench', 'out');
/** The built CLI (`npm run build` first). */
export const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
export const args = process.argv.slice(2);
/** The value after `--name`, else `dflt`. */
export const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};

/** A deterministic random number generator (mulberry32): the same seed gives the same numbers in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The p-th percentile (0–100) of `xs`, nearest rank. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/**
 * `n` one-word, two-word and phrase queries sampled deterministically from the message bodies in
 * the first 64 MiB of a canonical .jsonl file, folded with `normalise` (dist/text/normalise).
 */
export async function queriesFrom(recordsPath, n, normalise) {
  const { closeSync, openSync, readSync } = await import('node:fs');
  const words = [];
  const pairs = [];
  const fd = openSync(recordsPath, 'r');
  const head = Buffer.alloc(64 * 2 ** 20);
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const lines = head.subarray(0, got).toString('utf8').split('\n', 400_000).slice(0, -1);
  for (let i = 0; i < lines.length && words.length < 20_000; i += 37) {
    if (!lines[i].includes('"type":"message"')) continue;
    const toks = normalise(JSON.parse(lines[i]).body).match(/[\p{L}\p{N}]{4,}/gu) ?? [];
    for (let k = 0; k < toks.length; k++) {
      words.push(toks[k]);
      if (k + 1 < toks.length) pairs.push([toks[k], toks[k + 1]]);
    }
  }
  const pick = (arr, k) => Array.from({ length: k }, (_, i) => arr[(i * 7919) % arr.length]);
  return {
    'one word': pick(words, n),
    'two words': pick(pairs, n).map(([a, b]) => `${a} ${b}`),
    phrase: pick(pairs, n).map(([a, b]) => `"${a} ${b}"`),
  };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux's usual builds). */
const TICKS = 100;

/**
 * CPU milliseconds (user + system) process `pid` has used so far (Linux /proc; all its threads),
 * with those of its children it has waited for when `reaped`; 0 when it is gone.
 */
export function cpuMsOf(pid, reaped = false) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the fields after the command's name (which may hold spaces), from field 3 on
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
    return (ticks * 1000) / TICKS;
  } catch {
    return 0;
  }
}

/**
 * CPU milliseconds a local PostgreSQL (its data directory `dataDir`, e.g. DIR/data of `clew db
 * start --dir DIR`) has used so far: the postmaster, its live backends and those that ended.
 */
export function postgresCpuMs(dataDir) {
  const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  let ms = cpuMsOf(postmaster, true);
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === postmaster) ms += cpuMsOf(d);
    } catch {
      // ended meanwhile
    }
  }
  return ms;
}
