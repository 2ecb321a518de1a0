import { request } from 'node:http';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTmp } from '../api/test-support/tmp.js';
import { ClewError } from '../model/errors.js';
import { buildTestCase } from '../server/test-support/case.js';
import { registerServe } from './serve.js';

const tmp = useTmp();

function program(): Command {
  const p = new Command('clew').exitOverride();
  registerServe(p, () => false);
  return p;
}

function status(url: string): Promise<number> {
  return new Promise((ok, fail) => request(url, (res) => ok(res.statusCode ?? 0)).on('error', fail).end());
}

afterEach(() => vi.restoreAllMocks());

describe('clew serve', () => {
  it('prints the URL with the token, serves until SIGINT, then closes', async () => {
    const { casePath } = await buildTestCase(join(tmp(), 'c'));
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    const run = program().parseAsync(['node', 'clew', 'serve', '--case', casePath, '--port', '0', '--no-open']);
    // the server module loads when the command runs (clew --help stays fast): allow for that
    await vi.waitFor(() => expect(out.join('')).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}/), { timeout: 30_000 });
    const url = /open (\S+)/.exec(out.join(''))![1]!;
    expect(await status(url)).toBe(303);
    process.emit('SIGINT');
    await run;
    await expect(status(url)).rejects.toThrow();
  });

  it('refuses a non-loopback --host', async () => {
    const { casePath } = await buildTestCase(join(tmp(), 'c'));
    const e = await program()
      .parseAsync(['node', 'clew', 'serve', '--case', casePath, '--host', '0.0.0.0', '--no-open'])
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ClewError);
    expect((e as ClewError).message).toContain('clew server --db');
  });
});
