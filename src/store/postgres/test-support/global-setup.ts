/**
 * vitest globalSetup: one embedded PostgreSQL for the whole test run, stopped at its end.
 * Tests reach it through testCaseLocator (pg-case.ts). CLEW_TEST_PG_URL set in the
 * environment names an existing server instead (nothing is started then). A server that cannot
 * start fails the run, saying why.
 */
import type { TestProject } from 'vitest/node';
import { startTestServer } from './server.js';

declare module 'vitest' {
  interface ProvidedContext {
    clewTestPg: { url: string; dir: string | null };
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.CLEW_TEST_PG_URL;
  if (external) {
    project.provide('clewTestPg', { url: external, dir: null });
    return undefined;
  }
  let server;
  try {
    server = await startTestServer();
  } catch (e) {
    throw new Error(`the tests' PostgreSQL did not start (set CLEW_TEST_PG_URL to use an existing one): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  project.provide('clewTestPg', { url: server.url, dir: server.dir });
  return () => server.stop();
}
