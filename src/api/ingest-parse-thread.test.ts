/**
 * A UFED report parsed in a thread of its own (src/ingest/parse-thread.ts, `FormatParser.threaded`)
 * gives the case the same rows as one parsed in the pipeline's thread (`parseThread: false`), and
 * the ingest's progress reaches the report's size.
 *
 * The thread runs the compiled worker, so this test runs the compiled pipeline: `npm run build` first.
 */
import Database from 'better-sqlite3';
import { copyFileSync, cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as CaseModule from './case.js';
import type * as IngestModule from './ingest.js';
import { caseDigest, useTmp } from './test-support/tmp.js';

const DIST = join(process.cwd(), 'dist');
const FIX = join(import.meta.dirname, '../../test/fixtures/ufed');
const dist = <T>(p: string): Promise<T> => import(pathToFileURL(join(DIST, p)).href) as Promise<T>;
let ingest: typeof IngestModule;
let cases: typeof CaseModule;

beforeAll(async () => {
  expect(existsSync(join(DIST, 'ingest', 'parse-worker.js')), 'run npm run build first').toBe(true);
  [ingest, cases] = await Promise.all([dist<typeof IngestModule>('api/ingest.js'), dist<typeof CaseModule>('api/case.js')]);
});

const tmp = useTmp();

describe('UFED ingest with the parse in a thread', { timeout: 120_000 }, () => {
  it('gives the same case as the parse in the pipeline thread', async () => {
    const dir = tmp();
    copyFileSync(join(FIX, 'report.xml'), join(dir, 'report.xml'));
    cpSync(join(FIX, 'files'), join(dir, 'files'), { recursive: true });
    const digest = async (parseThread: boolean) => {
      const path = join(dir, `${parseThread}.clew`);
      const bytes: number[] = [];
      const summary = await cases.withCase(path, { create: true }, (s) =>
        ingest.ingestFile(s, join(dir, 'report.xml'), { format: 'ufed', timeZone: 'Europe/Belgrade', analyse: false, parseThread, batchSize: 5, progressIntervalMs: 0, onProgress: (p) => void bytes.push(p.bytesDone) }),
      );
      const db = new Database(path, { readonly: true });
      try {
        return { summary, rows: caseDigest(db), bytes };
      } finally {
        db.close();
      }
    };
    const inline = await digest(false);
    const threaded = await digest(true);
    expect(inline.rows.messages!.length).toBeGreaterThan(5);
    expect(threaded.rows).toEqual(inline.rows);
    expect(threaded.summary.added).toEqual(inline.summary.added);
    expect(threaded.bytes.length).toBeGreaterThan(0);
  });
});
