// What every benchmark script starts with: where the repository, the built CLI and the
// benchmarks' scratch directory are, and `--name value` options.
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
