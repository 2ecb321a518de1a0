/** Runs the `clew` command line in this process, capturing what it writes: for tests. */
import { vi } from 'vitest';
import { main } from '../main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    return { code: await main(['node', 'clew', ...argv]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
