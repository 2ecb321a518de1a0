/**
 * The analyse stage's worker threads (src/ingest/analyse-pool.ts): a case ingested with the
 * entities read in 3 threads is the same, table for table, as one analysed in the pipeline's
 * thread (SQLite and PostgreSQL); a message whose thread dies or throws is quarantined with the
 * reason and everything else is ingested; a cancelled ingest stops its threads and resumes.
 *
 * The threads run the compiled worker (dist/ingest/analyse-worker.js), so this test runs the
 * compiled pipeline too: `npm run build` first (`npm test` does).
 */
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../model/records.js';
import { dropCase } from '../store/postgres/cases.js';
import { testCaseLocator } from '../store/postgres/test-support/pg-case.js';
import type * as PgOpenModule from '../store/postgres/open.js';
import type { CaseStore } from '../store/types.js';
import type * as CaseModule from './case.js';
import type * as IngestModule from './ingest.js';
import { useTmp } from './test-support/tmp.js';

type Ingest = typeof IngestModule;
type Case = typeof CaseModule;
type PgOpen = typeof PgOpenModule;

const DIST = join(process.cwd(), 'dist');
const dist = <T>(p: string): Promise<T> => import(pathToFileURL(join(DIST, p)).href) as Promise<T>;
let ingest: Ingest;
let cases: Case;
let pg: PgOpen;

beforeAll(async () => {
  expect(existsSync(join(DIST, 'ingest', 'analyse-worker.js')), 'run npm run build first').toBe(true);
  [ingest, cases, pg] = await Promise.all([dist<Ingest>('api/ingest.js'), dist<Case>('api/case.js'), dist<PgOpen>('store/postgres/open.js')]);
});

afterEach(() => {
  delete process.env.CLEW_TEST_ANALYSE_FAULT;
});

const tmp = useTmp();
const T0 = Date.UTC(2021, 4, 1);
const BODIES = [
  'Zovi me na 064 123 4567 sutra',
  'lubenica stiže u Bar, 5 mil evra',
  'ok',
  'Контејнер у Бару, 850 кг',
  'De container MSCU1234565 komt morgen in Antwerpen aan',
  'الشحنة وصلت إلى الميناء',
  'send 5000 EUR to NL91ABNA0417164300',
  'da',
  'Je t’appelle ce soir au +33 6 12 34 56 78',
  'mail me at mark@example.com',
  'gde si brate, javi se kad stigneš u Beograd',
  'el barco llega a Algeciras con 200 kilos',
];
const PEOPLE = ['sky:a', 'sky:b', 'sky:c', 'sky:d', 'sky:e'];
const MARK = '\u2620crash-here';

/** 1,200 messages over languages, group conversations and one-to-one threads, with duplicates; `marked` get MARK. */
function writeCorpus(file: string, marked: number[] = []): void {
  const out: ClewRecord[] = [];
  for (let i = 0; i < 1200; i++) {
    const from = PEOPLE[i % 5]!;
    const conv = i % 3 === 0 ? 'g1' : i % 7 === 0 ? 'g2' : undefined;
    const r: ClewRecord = {
      type: 'message',
      from,
      to: conv ? [] : [PEOPLE[(i + 1 + (i % 3)) % 5]!],
      channel: 'chat',
      ts: T0 + i * 60_000,
      tzOffset: 0,
      body: `${BODIES[(i * 7) % BODIES.length]}${i % 5 === 0 ? '' : ` ${i}`}${marked.includes(i) ? ` ${MARK}` : ''}`,
      ...(conv ? { conversation: conv } : {}),
    };
    out.push(r);
    if (i % 13 === 0) out.push({ ...r });
  }
  writeFileSync(file, out.map((r) => JSON.stringify({ ...r, ts: new Date((r as { ts: number }).ts).toISOString(), tzOffset: undefined })).join('\n') + '\n');
}

const lexicon = async (s: CaseStore) => void (await s.addLexiconEntry({ term: 'lubenica', means: 'cocaine', type: 'drug' }));

/** Every table of a case file, row by row (the times of the source's start and end and of the code word's entry aside). */
function sqliteDump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'meta' ORDER BY name`).pluck().all() as string[];
    for (const t of tables) {
      const n = (db.prepare(`SELECT count(*) FROM pragma_table_info(?)`).pluck().get(t) as number) || 1;
      const order = Array.from({ length: n }, (_, i) => i + 1).join(', ');
      const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).all() as Record<string, unknown>[];
      out[t] = t === 'sources' ? rows.map(({ started_at: _s, finished_at: _f, ...rest }) => rest) : t === 'lexicon' ? rows.map(({ added_at: _a, ...rest }) => rest) : rows;
    }
    return out;
  } finally {
    db.close();
  }
}

/** Each message's language and mentions, and the quarantine, through the store's ports. */
async function analysed(store: CaseStore) {
  const out: Record<string, unknown> = {};
  const page = await store.search({ text: null, from: [], to: [], channels: [], langs: [], entities: [], mode: 'folded' }, { limit: 5000 });
  for (const h of page.hits) {
    const m = await store.message(h.id);
    out[`${m.ts}|${m.body}`] = { lang: m.lang, mentions: (await store.mentions(h.id)).map((x) => [x.type, x.value, x.start, x.end, x.confidence]) };
  }
  return out;
}

async function sqliteCase(file: string, opts: Parameters<Ingest['ingestFile']>[2]) {
  const path = join(tmp(), 'c.clew');
  const summary = await cases.withCase(path, { create: true }, async (s) => {
    await lexicon(s);
    return ingest.ingestFile(s, file, { batchSize: 100, ...opts });
  });
  return { path, summary };
}

// the compiled pipeline and its threads, on a machine shared with other work
describe('the analyse pool', { timeout: 300_000 }, () => {
  it('gives a case the same tables with 3 threads as in one thread (SQLite)', async () => {
    const file = join(tmp(), 'chat.jsonl');
    writeCorpus(file);
    const inline = await sqliteCase(file, { analyseWorkers: 0 });
    const pooled = await sqliteCase(file, { analyseWorkers: 3 });
    const a = sqliteDump(inline.path);
    const b = sqliteDump(pooled.path);
    expect((a.messages as { lang: string | null }[]).filter((m) => m.lang !== null).length).toBeGreaterThan(500);
    expect(new Set((a.messages as { lang: string | null }[]).map((m) => m.lang)).size).toBeGreaterThan(4);
    expect(a.mentions!.length).toBeGreaterThan(500);
    expect((a.mentions as { type: string }[]).some((m) => m.type === 'codeword' || m.type === 'drug')).toBe(true);
    expect(b).toEqual(a);
    expect(pooled.summary.added).toEqual(inline.summary.added);
  });

  it('gives a case the same analysis with 3 threads as in one thread (PostgreSQL)', async () => {
    const file = join(tmp(), 'chat.jsonl');
    writeCorpus(file);
    const run = async (analyseWorkers: number) => {
      const loc = testCaseLocator('pool');
      const store = await pg.openPostgresStore(loc, { create: true });
      try {
        await lexicon(store);
        const summary = await ingest.ingestFile(store, file, { batchSize: 100, analyseWorkers });
        return { summary, analysis: await analysed(store) };
      } finally {
        await dropCase(store.db.pool, loc.case);
        await store.close();
      }
    };
    const inline = await run(0);
    const pooled = await run(3);
    expect(Object.keys(inline.analysis).length).toBeGreaterThan(1000);
    expect(pooled.analysis).toEqual(inline.analysis);
    expect(pooled.summary.added).toEqual(inline.summary.added);
  });

  it.each(['exit', 'throw'])('quarantines the message its thread %ss on, with the reason, and ingests the rest', async (mode) => {
    const file = join(tmp(), 'chat.jsonl');
    writeCorpus(file, [101, 703]); // neither has a copy (every 13th message has)
    const inline = await sqliteCase(file, { analyseWorkers: 0 });
    // test-only hook read by the worker threads (src/ingest/analyse-worker.ts); the pipeline's thread ignores it
    process.env.CLEW_TEST_ANALYSE_FAULT = `${mode}:${MARK}`;
    const pooled = await sqliteCase(file, { analyseWorkers: 2 });
    expect(pooled.summary.added.rejected).toBe(2);
    expect(pooled.summary.added.records).toBe(inline.summary.added.records - 2);
    expect(pooled.summary.source.status).toBe('complete');
    const a = sqliteDump(inline.path);
    const b = sqliteDump(pooled.path);
    const q = b.quarantine as { loc: string; code: string; message: string }[];
    // line:offset:length of the two marked messages
    expect(q.map((r) => [r.loc.split(':')[0], r.code])).toEqual([
      ['110', 'ANALYSIS_FAILED'],
      ['759', 'ANALYSIS_FAILED'],
    ]);
    expect(q[0]!.message).toMatch(mode === 'exit' ? /analysis thread stopped/ : /test fault/);
    // every other message is there, with the same language and mentions
    const byBody = (d: Record<string, unknown[]>) => {
      const mentions = new Map<number, unknown[]>();
      for (const m of d.mentions as { message_id: number; type: string; start: number; end: number; value: string }[])
        mentions.set(m.message_id, [...(mentions.get(m.message_id) ?? []), [m.type, m.start, m.end, m.value]]);
      return new Map((d.messages as { id: number; body: string; lang: string | null; ts: number }[]).map((m) => [`${m.ts}|${m.body}`, [m.lang, mentions.get(m.id) ?? []]]));
    };
    const want = byBody(a);
    for (const k of [...want.keys()]) if (k.includes(MARK)) want.delete(k);
    expect(byBody(b)).toEqual(want);
  });

  it('stops its threads on a cancel, and the same ingest resumes to a complete case', async () => {
    const file = join(tmp(), 'chat.jsonl');
    writeCorpus(file);
    const clean = await sqliteCase(file, { analyseWorkers: 0 });
    const path = join(tmp(), 'c.clew');
    const ac = new AbortController();
    const cancelled = cases.withCase(path, { create: true }, async (s) => {
      await lexicon(s);
      return ingest.ingestFile(s, file, {
        batchSize: 100,
        analyseWorkers: 2,
        signal: ac.signal,
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (p.phase === 'ingesting' && p.records >= 300) ac.abort();
        },
      });
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'INTERRUPTED' });
    const partial = new Database(path, { readonly: true });
    const done = partial.prepare('SELECT status, items_done FROM sources').get() as { status: string; items_done: number };
    partial.close();
    expect(done.status).toBe('partial');
    expect(done.items_done).toBeGreaterThan(0);
    const resumed = await cases.withCase(path, {}, (s) => ingest.ingestFile(s, file, { batchSize: 100, analyseWorkers: 2 }));
    expect(resumed.outcome).toBe('resumed');
    // the same records (the analysis of a resumed source starts afresh, with or without threads)
    const rows = (d: Record<string, unknown[]>) => (d.messages as { ts: number; body: string; dup_of: number | null }[]).map((m) => [m.ts, m.body, m.dup_of]);
    const [x, y] = [sqliteDump(path), sqliteDump(clean.path)];
    expect(rows(x)).toEqual(rows(y));
    const totals = (d: Record<string, unknown[]>) => (d.sources as Record<string, unknown>[]).map((r) => [r.status, r.items_done, r.records]);
    expect(totals(x)).toEqual(totals(y));
  });
});
