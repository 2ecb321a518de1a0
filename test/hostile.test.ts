/**
 * The hostile-file corpus (test/fixtures/hostile/) against a real SQLite case: what a damaged
 * or malicious file may and may not do to a case. (Workspace parts: test/browser/*.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase, withCase } from '../src/api/case.js';
import { ingestFile } from '../src/api/ingest.js';
import { makeZip } from '../src/ingest/archive/test-support/zip-writer.js';
import { useTmp } from '../src/api/test-support/tmp.js';
import { ClewError, exitCodeFor } from '../src/model/errors.js';
import { collect } from '../src/store/chunks.js';
import { writerLockPath } from '../src/store/sqlite/writer-lock.js';

const BIN = join(import.meta.dirname, '..', 'dist', 'cli', 'bin.js');

const HOSTILE = join(import.meta.dirname, 'fixtures', 'hostile');
const tmp = useTmp();

function fixture(name: string): { dir: string; file: string; casePath: string } {
  const dir = tmp();
  const file = join(dir, name);
  copyFileSync(join(HOSTILE, name), file);
  return { dir, file, casePath: join(dir, 'case.clew') };
}

describe('a WhatsApp export with a NUL byte and invalid UTF-8 in its first lines', () => {
  it('is detected and ingested with the bad lines quarantined, not refused whole', async () => {
    const { file, casePath } = fixture('whatsapp-nul.txt');
    const r = await withCase(casePath, { create: true }, (s) => ingestFile(s, file, { timeZone: 'UTC' }));
    expect(r.format).toBe('whatsapp');
    expect(r.outcome).toBe('ingested');
    const q = await withCase(casePath, {}, async (s) => await s.quarantine({ limit: 100 }));
    expect(q.map((x) => [x.code, x.locator.line])).toEqual([
      ['INVALID_UTF8', 4],
      ['INVALID_UTF8', 7],
      ['TIMESTAMP_INVALID', 9],
    ]);
    expect(r.added.rejected).toBe(3);
  });

  it('creates no account, member, edge or count from a quarantined line', async () => {
    const { file, casePath } = fixture('whatsapp-nul.txt');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, file, { format: 'whatsapp', timeZone: 'UTC' }));
    await withCase(casePath, {}, async (s) => {
      const names = (await collect(s.accounts())).map((a) => a.displayName ?? a.ref);
      expect(names.sort()).toEqual(['Ana Primer', 'Marko Test']);
      expect(names.join()).not.toMatch(/Bad|Ghost|\uFFFD/);
      const stats = await s.stats({ top: 10 });
      expect(stats.accounts).toBe(2);
      expect(stats.messages).toBe(5);
      // the only edges are between the two real speakers
      const ids = (await collect(s.accounts())).map((a) => a.id).sort();
      for (const e of await collect(s.edges())) expect([e.src, e.dst].sort()).toEqual(ids);
      for (const t of stats.topTalkers) expect(t.contacts).toBe(1);
    });
  });
});

describe('honest states: a source refused as a whole', () => {
  it.each(['unsafe-bomb.zip', 'unsafe-traversal.zip', 'unsafe-absolute.zip'])('%s is refused with its reason and not left as a partial source to resume', async (name) => {
    const dir = tmp();
    const file = join(dir, `WhatsApp Chat - ${name}`);
    copyFileSync(join(import.meta.dirname, 'fixtures', 'whatsapp', name), file);
    const casePath = join(dir, 'case.clew');
    const err = await withCase(casePath, { create: true }, (s) => ingestFile(s, file, { format: 'whatsapp' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClewError);
    expect(['ARCHIVE_UNSAFE', 'TOO_LARGE']).toContain((err as ClewError).code);
    expect(exitCodeFor((err as ClewError).code)).toBe(4);
    expect(await withCase(casePath, {}, async (s) => await s.sources())).toEqual([]);
  });
});

describe('honest states: a file refused part-way', () => {
  it('keeps what was read, quarantines the refusal with its reason and entry, and completes (never "partial: upload again")', async () => {
    const dir = tmp();
    const lines = Array.from({ length: 9 }, (_, i) => `[01.03.21, 10:0${i}:00] Ana Primer: poruka ${i}`);
    lines.push('[01.03.21, 10:30:00] Marko Test: \u200e<attached: 00000010-PHOTO-2021-03-01-10-30-00.jpg>', '[01.03.21, 10:31:00] Marko Test: posle slike');
    const file = join(dir, 'WhatsApp Chat - Ana Primer.zip');
    writeFileSync(file, makeZip([{ name: '_chat.txt', data: lines.join('\n') + '\n' }, { name: '00000010-PHOTO-2021-03-01-10-30-00.jpg', data: 'x'.repeat(100), encrypted: true }]));
    const casePath = join(dir, 'case.clew');
    const r = await withCase(casePath, { create: true }, (s) => ingestFile(s, file, { format: 'whatsapp', timeZone: 'UTC', batchSize: 2 }));
    expect(r.warnings).toContainEqual({ code: 'ARCHIVE_UNSAFE', message: expect.stringMatching(/00000010-PHOTO.*encrypted.*the rest of the file was not read/) });
    await withCase(casePath, {}, async (s) => {
      const [src] = await s.sources();
      expect(src).toMatchObject({ status: 'complete', rejected: 1 });
      expect(await s.quarantine({ limit: 10 })).toMatchObject([{ code: 'ARCHIVE_UNSAFE', locator: { entry: '00000010-PHOTO-2021-03-01-10-30-00.jpg' } }]);
      expect((await s.stats()).messages).toBe(9);
    });
    // the same file again is already complete: nothing to resume, nothing added
    const again = await withCase(casePath, {}, (s) => ingestFile(s, file, { format: 'whatsapp', timeZone: 'UTC' }));
    expect(again.outcome).toBe('already-ingested');
  });
});

/** A canonical JSONL file of `n` messages. */
function bigJsonl(dir: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(JSON.stringify({ type: 'message', from: `skyecc:A${i % 40}`, to: [`skyecc:B${i % 37}`], ts: new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString(), body: `poruka ${i} ${'x'.repeat(200)}` }));
  const f = join(dir, 'big.jsonl');
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

describe('disk full', () => {
  it('is DISK_FULL naming the case (exit 6), and nothing committed is lost: the same ingest resumes', async () => {
    const dir = tmp();
    const casePath = join(dir, 'case.clew');
    const file = bigJsonl(dir, 3000);
    const store = await openCase(casePath, { create: true, threadedWriter: false });
    try {
      const db = (store as unknown as { raw: { pragma(s: string, o?: { simple: boolean }): unknown } }).raw;
      const pages = Number(db.pragma('page_count', { simple: true }));
      db.pragma(`max_page_count = ${pages + 60}`); // a disk with room for about one batch
      const err = await ingestFile(store, file, { batchSize: 500, analyse: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ClewError);
      expect((err as ClewError).code).toBe('DISK_FULL');
      expect((err as ClewError).message).toMatch(/the disk holding case\.clew is full: everything committed before is kept/);
      expect(exitCodeFor('DISK_FULL')).toBe(6);
      const [partial] = await store.sources();
      expect(partial?.status).toBe('partial');
      expect(partial!.itemsDone).toBeGreaterThan(0);
      db.pragma('max_page_count = 1073741823'); // space freed
      const r = await ingestFile(store, file, { batchSize: 500, analyse: false });
      expect(r.outcome).toBe('resumed');
      expect(r.source.records).toBe(3000); // every message once: none lost, none twice
    } finally {
      await store.close();
    }
  });
});

describe('two writers', () => {
  it('refuses a second writer at once with CASE_BUSY naming the first (another process), and gets in once it is done', async () => {
    expect(existsSync(BIN), 'run `npm run build` first').toBe(true);
    const dir = tmp();
    const casePath = join(dir, 'case.clew');
    const file = bigJsonl(dir, 50);
    await withCase(casePath, { create: true }, () => {});
    // another process takes the case's writer lock and holds it until told to stop
    const lockJs = join(import.meta.dirname, '..', 'dist', 'store', 'sqlite', 'writer-lock.js');
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(lockJs)}); const release = m.acquireWriterLock(${JSON.stringify(casePath)}); console.log('held'); process.stdin.on('data', () => { release(); process.exit(0); });`], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((ok) => holder.stdout.once('data', () => ok()));
      const started = Date.now();
      const err = await withCase(casePath, {}, (b) => ingestFile(b, file)).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((err as ClewError).code).toBe('CASE_BUSY');
      expect((err as ClewError).message).toContain(`case.clew is being written by process ${holder.pid} on ${hostname()}`);
      expect((err as ClewError).details.pid).toBe(holder.pid);
      expect(exitCodeFor('CASE_BUSY')).toBe(7);
      expect(await withCase(casePath, {}, async (s) => await s.sources())).toEqual([]);
    } finally {
      holder.stdin.write('x');
      await new Promise((ok) => holder.once('exit', ok));
    }
    // released: the second writer gets in now
    const r = await withCase(casePath, {}, (b) => ingestFile(b, file));
    expect(r.outcome).toBe('ingested');
    expect(existsSync(writerLockPath(casePath))).toBe(false);
  });

  it('the built CLI exits 7 (not 70 "database is locked") while another process writes, and takes over a stale lock', async () => {
    expect(existsSync(BIN), 'run `npm run build` first').toBe(true);
    const dir = tmp();
    const casePath = join(dir, 'case.clew');
    const file = bigJsonl(dir, 20);
    await withCase(casePath, { create: true }, async (a) => {
      const writer = await a.beginSource({ path: file, name: 'x', size: 1, sha256: 'e'.repeat(64), format: 'canonical', options: {} });
      const r = spawnSync(process.execPath, [BIN, 'ingest', '--case', casePath, file], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(7);
      expect(r.stderr).toMatch(/case\.clew is being written by process \d+ on .* \[CASE_BUSY/);
      await writer.abort();
    });
    // a writer killed with -9 leaves its lock behind: a process that is gone does not hold the case
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(writerLockPath(casePath), JSON.stringify({ pid: Number(dead.stdout), host: hostname(), command: 'clew ingest', since: Date.now() - 1000 }));
    const ok = spawnSync(process.execPath, [BIN, 'ingest', '--case', casePath, file], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(existsSync(writerLockPath(casePath))).toBe(false);
  });
});
