/**
 * Embedded PostgreSQL servers for tests: each starts from a copy of a template cluster
 * (initialised once per checkout in node_modules/.cache, about 7 s; a copy and a start take
 * well under a second), in a temporary directory, on a free port of 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type EmbeddedServer, freePort, postmasterPid, startEmbedded, stopEmbedded } from '../embedded.js';

const CACHE = resolve('node_modules', '.cache', 'clew-test-pg');
const TEMPLATE = join(CACHE, 'template');

async function ensureTemplate(): Promise<void> {
  if (existsSync(join(TEMPLATE, 'data', 'PG_VERSION'))) return;
  // initialised in the temporary directory (which the postgres user reaches when this runs as
  // root, wherever the checkout is), then copied into the cache
  const work = mkdtempSync(join(tmpdir(), 'clew-pg-template-'));
  chmodSync(work, 0o711);
  const tmp = join(CACHE, `tmp-${process.pid}-${Date.now()}`);
  try {
    await startEmbedded({ dir: join(work, 'db'), port: await freePort() });
    await stopEmbedded(join(work, 'db'));
    rmSync(join(work, 'db', 'data', 'postgres.log'), { force: true });
    mkdirSync(CACHE, { recursive: true });
    execFileSync('cp', ['-a', join(work, 'db'), tmp]);
    renameSync(tmp, TEMPLATE);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // another run made it meanwhile
    if (!existsSync(join(TEMPLATE, 'data', 'PG_VERSION'))) throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
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

/** SIGKILL a server's postmaster and every process it started (a crash, not a shutdown). */
export function killServer(dir: string): void {
  const pid = postmasterPid(dir);
  if (pid === null) throw new Error(`no postmaster running in ${dir}`);
  const children: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      // /proc/PID/stat: pid (comm) state ppid …; comm may hold spaces, so read after its ')'
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  process.kill(pid, 'SIGKILL');
  for (const c of children) {
    try {
      process.kill(c, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Start a server again in its directory (after killServer), on the same port. */
export async function restartServer(s: TestServer): Promise<void> {
  for (let i = 0; i < 100 && isAlive(s.dir); i++) await new Promise((ok) => setTimeout(ok, 50));
  await startEmbedded({ dir: s.dir, port: s.port });
}

function isAlive(dir: string): boolean {
  const pid = postmasterPid(dir);
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
