/**
 * Embedded PostgreSQL servers for tests: each starts from a copy of a template cluster
 * (initialised once per checkout in node_modules/.cache, about 7 s; a copy and a start take
 * well under a second), in a temporary directory, on a free port of 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type EmbeddedServer, freePort, startEmbedded, stopEmbedded } from '../embedded.js';

const CACHE = resolve('node_modules', '.cache', 'clew-test-pg');
const TEMPLATE = join(CACHE, 'template');

async function ensureTemplate(): Promise<void> {
  if (existsSync(join(TEMPLATE, 'data', 'PG_VERSION'))) return;
  mkdirSync(CACHE, { recursive: true });
  const tmp = join(CACHE, `tmp-${process.pid}-${Date.now()}`);
  await startEmbedded({ dir: tmp, port: await freePort() });
  await stopEmbedded(tmp);
  rmSync(join(tmp, 'data', 'postgres.log'), { force: true });
  try {
    renameSync(tmp, TEMPLATE);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another run made it meanwhile
  }
}

export interface TestServer extends EmbeddedServer {
  stop(): Promise<void>;
}

/** A fresh server of its own (stop() stops it and removes its directory). */
export async function startTestServer(): Promise<TestServer> {
  await ensureTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'clew-test-pg-'));
  // cp -a keeps the data directory's owner (the postgres user, when this runs as root)
  execFileSync('cp', ['-a', `${TEMPLATE}/.`, dir]);
  chmodSync(dir, 0o711);
  const s = await startEmbedded({ dir, port: await freePort() });
  return {
    ...s,
    async stop() {
      try {
        await stopEmbedded(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
