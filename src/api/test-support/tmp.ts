import type { Database } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh temporary folder per call, removed after the test. */
export function useTmp(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), 'clew-test-'));
    dirs.push(d);
    return d;
  };
}

export function jsonl(records: unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** A canonical message line. */
export function msg(from: string, to: string, ts: string, body: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'message', from, to: [to], ts, body, ...extra };
}

/** Everything a case holds, as one comparable value (ids included). */
export function caseDigest(db: Database): Record<string, unknown[]> {
  const q = (sql: string) => db.prepare(sql).all();
  return {
    messages: q('SELECT id, source_id, loc, sender, conversation_id, channel, ts, body, dup_of FROM messages ORDER BY id'),
    recipients: q('SELECT * FROM message_recipients ORDER BY message_id, account_id'),
    calls: q('SELECT id, loc, caller, callee, ts, duration, dup_of FROM calls ORDER BY id'),
    accounts: q('SELECT ref, kind, display_name FROM accounts ORDER BY ref'),
    edges: q('SELECT a.ref src, b.ref dst, channel, count, first, last FROM edges JOIN accounts a ON a.id = src JOIN accounts b ON b.id = dst ORDER BY 1, 2, 3'),
    edgeDeltas: q('SELECT count(*) n FROM edge_deltas'),
    quarantine: q('SELECT loc, code FROM quarantine ORDER BY loc'),
    fts: q(`SELECT rowid FROM messages_fts WHERE messages_fts MATCH '"the"' ORDER BY rowid`),
    ftsCount: q(`SELECT count(*) n FROM messages_fts`),
    sources: q('SELECT sha256, status, items_done, records, rejected, duplicates FROM sources ORDER BY id'),
  };
}
