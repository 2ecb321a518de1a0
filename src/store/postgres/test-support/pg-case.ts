/** Test cases in the test run's PostgreSQL (global-setup.ts): a new case per call. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type PostgresLocator, postgresLocator } from '../locator.js';

let n = 0;

/** The test run's PostgreSQL: its URI (with password) and, when this run started it, its directory. */
export function testPg(): { url: string; dir: string | null } {
  const pg = inject('clewTestPg');
  if (!pg) throw new Error('no test PostgreSQL: vitest.config.ts must list src/store/postgres/test-support/global-setup.ts in globalSetup');
  return pg;
}

/** A locator for a case no other test uses (created on open with create: true). */
export function testCaseLocator(name: string): PostgresLocator {
  return postgresLocator(testPg().url, `${name}-${process.pid}-${++n}-${randomBytes(3).toString('hex')}`);
}
