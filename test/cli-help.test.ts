/**
 * `clew --help` answers fast (issue 17 part 8: ≤ 300 ms; timed in bench/cli/help.mjs): it loads
 * commander and the command definitions only, never the API, the store, ingest or text analysis.
 * Runs the built CLI (dist/, `npm run build`) under a loader hook that records every module loaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '..', 'dist', 'cli', 'bin.js');
const dir = mkdtempSync(join(tmpdir(), 'clew-help-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modulesLoaded(args: string[]): { status: number | null; stdout: string; modules: string[] } {
  const log = join(dir, 'modules.txt');
  writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function load(url, ctx, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, ctx); }\n`);
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, BIN, ...args], { encoding: 'utf8' });
  const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: r.status, stdout: r.stdout, modules };
}

describe('clew --help', () => {
  it('needs the built CLI', () => expect(existsSync(BIN), `${BIN} is missing: run npm run build`).toBe(true));

  it.each([['--help'], ['graph', '--help'], ['graph', 'rank', '--help']].map((a) => [a.join(' '), a] as const))('clew %s loads no API, store, ingest or text module', (_name, args) => {
    const r = modulesLoaded([...args]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: clew/);
    const ours = r.modules.filter((u) => u.includes('/dist/')).map((u) => u.slice(u.indexOf('/dist/') + 6));
    // the terminal renderer's direction-control markers (one small module with no imports) load with it
    const light = new Set(['model/errors.js', 'api/graph-options.js', 'text/display/bidi.js']);
    expect(ours.filter((m) => !m.startsWith('cli/') && !light.has(m))).toEqual([]);
    expect(r.modules.length).toBeLessThan(40);
  });
});
