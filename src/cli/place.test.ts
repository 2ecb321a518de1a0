/** `clew case place`: what it refuses before touching any server (the placement itself: src/api/nodes.test.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './test-support/run.js';

afterEach(() => vi.restoreAllMocks());

describe('clew case place', () => {
  it('refuses a case file, a date it cannot read and a node that is not a postgres:// URI, exit 2, naming no password', async () => {
    const pg = 'postgres://clew:s3cret@127.0.0.1:1/clew?case=x';
    for (const [argv, says] of [
      [['case', 'place', '--case', '/tmp/a.clew', '--node', 'postgres://u:p@127.0.0.1:1/db', '--before', '2024-01-01'], 'case file'],
      [['case', 'place', '--case', pg, '--node', 'postgres://u:p@127.0.0.1:1/db', '--before', 'last spring'], 'not a date'],
      [['case', 'place', '--case', pg, '--node', 'http://127.0.0.1/db', '--before', '2024-01-01'], 'postgres://'],
    ] as const) {
      const r = await runCli([...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(says);
      expect(r.err).not.toContain('s3cret');
    }
  });
});
