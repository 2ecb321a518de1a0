/**
 * `kill -9` in the middle of an ingest, then the same command again, must end in exactly the
 * state of one clean run. Runs the built CLI (npm test builds first) in a child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { caseDigest, useTmp } from '../src/api/test-support/tmp.js';

const BIN = join(import.meta.dirname, '..', 'dist', 'cli', 'bin.js');
const tmp = useTmp();

function bigFile(path: string, n: number): void {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const ts = new Date(Date.UTC(2021, 0, 1) + i * 37_000).toISOString();
    lines.push(JSON.stringify({ type: 'message', from: `skyecc:U${i % 211}`, to: [`skyecc:U${(i * 13) % 199}`], ts, body: `the shipment ${i % 997} kafa ${i}` }));
    if (i % 10_000 === 5) lines.push('{"type":"message","broken":');
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

function itemsDone(casePath: string): number {
  if (!existsSync(casePath)) return 0;
  try {
    const db = new Database(casePath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT coalesce(max(items_done), 0) n FROM sources').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // schema not there yet
  }
}

async function ingestAndKill(casePath: string, file: string, afterItems: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'ingest', '--case', casePath, '--batch', '2000', file], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    if (child.exitCode !== null) throw new Error('ingest finished before it could be killed: use a bigger file');
    if (itemsDone(casePath) >= afterItems) break;
  }
  child.kill('SIGKILL');
  await exited;
}

describe('kill -9 during ingest', () => {
  it('resumes to exactly the state of one clean run', async () => {
    expect(existsSync(BIN), 'run `npm run build` first (npm test does)').toBe(true);
    const d = tmp();
    const file = join(d, 'big.jsonl');
    bigFile(file, 120_000);

    const cleanCase = join(d, 'clean.clew');
    const clean = spawnSync(process.execPath, [BIN, 'ingest', '--case', cleanCase, '--batch', '2000', file], { encoding: 'utf8' });
    expect(clean.status, clean.stderr).toBe(0);

    const killed = join(d, 'killed.clew');
    await ingestAndKill(killed, file, 20_000);
    await ingestAndKill(killed, file, 60_000);
    const partial = new Database(killed, { readonly: true });
    expect((partial.prepare('SELECT status FROM sources').get() as { status: string }).status).toBe('partial');
    partial.close();
    const again = spawnSync(process.execPath, [BIN, '--json', 'ingest', '--case', killed, '--batch', '2000', file], { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).ingested[0].outcome).toBe('resumed');

    const a = new Database(cleanCase, { readonly: true });
    const b = new Database(killed, { readonly: true });
    const want = caseDigest(a);
    const got = caseDigest(b);
    a.close();
    b.close();
    expect((want.messages as unknown[]).length).toBe(120_000);
    expect(got).toEqual(want);
  }, 300_000); // three ingests of 120,000 messages on a shared 2-core machine
});
