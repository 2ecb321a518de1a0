/**
 * Runs a Python script with Debian's networkx (/usr/bin/python3, package python3-networkx) to
 * compute reference figures for tests. Input goes to the script as JSON on stdin, the script
 * prints JSON. Never skips: when Python or networkx is missing the call throws an error that
 * says exactly what is missing and how to install it (`npm test` installs it: scripts/prereqs.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = process.env.CLEW_PYTHON ?? '/usr/bin/python3';

/** Why networkx cannot be used here, or null when it can. */
export function networkxMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing: install Debian's python3 and python3-networkx (apt-get install -y python3-networkx)`;
  const r = spawnSync(PYTHON, ['-c', 'import networkx'], { encoding: 'utf8' });
  if (r.status !== 0) return `networkx is missing: ${PYTHON} cannot import networkx; install Debian's package: apt-get install -y python3-networkx`;
  return null;
}

/** Runs `script` (which reads JSON from stdin and prints JSON) under networkx; returns its output. */
export function runNetworkx<T>(script: string, input: unknown): T {
  const missing = networkxMissing();
  if (missing) throw new Error(missing);
  const r = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`networkx script failed (exit ${String(r.status)}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
