/**
 * Text recognition in the workspace (issue 23 part 3), against the real Tesseract, a real SQLite case and a
 * server over HTTP: a server started with `ocr` reads the images waiting for it as a job by itself (progress in
 * images with a rate, after which the case state has moved and an ordinary search finds the message by a word
 * of its photo, the hit naming the image); GET /api/ocr says how many are read; POST /api/ocr reads them all
 * again; a server started without `ocr` starts nothing. Skipped, saying so, without Tesseract's English data
 * or Chromium (which renders the photo).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTmp } from '../src/api/test-support/tmp.js';
import type { ClewRecord } from '../src/model/records.js';
import { ingest, msg } from '../src/store/conformance/support.js';
import { openCase } from '../src/store/open.js';
import { detectTesseract } from '../src/text/ocr/tesseract.js';
import { CHROMIUM, startRenderer } from '../src/text/ocr/test-support/render.js';
import { startServer, type RunningServer } from '../src/server/server.js';
import { call, waitJob } from '../src/server/test-support/http.js';
import type { OcrState } from '../src/server/routes/ocr.js';

const engine = await detectTesseract();
const ready = engine !== null && engine.languages.some((l) => l.code === 'eng') && existsSync(CHROMIUM);
if (!ready) console.warn('SKIPPED test/ocr-workspace.test.ts: needs tesseract-ocr with English data and Chromium (run `npm test`, which installs them)');

const tmp = useTmp();
const T0 = Date.UTC(2022, 8, 1, 9);

describe.skipIf(!ready)('text recognition in the workspace', () => {
  let casePath = '';
  beforeAll(async () => {
    const render = await startRenderer();
    let bill: Uint8Array;
    try {
      bill = new Uint8Array(await render.photo({ lines: ['BILL OF LADING', 'Container MSCU1234566', 'Port of Antwerpen'], width: 1200, height: 900, fontScale: 0.04 }));
    } finally {
      await render.close();
    }
    const records: ClewRecord[] = [
      { type: 'account', ref: 'sky:vuk', kind: 'pin', displayName: 'Vuk' },
      { type: 'account', ref: 'sky:zoki', kind: 'pin', displayName: 'Zoki' },
      msg('sky:vuk', ['sky:zoki'], T0, 'evo papira', { nativeId: 'm1', attachments: ['a1'] }),
      msg('sky:zoki', ['sky:vuk'], T0 + 60_000, 'i ovo', { nativeId: 'm2', attachments: ['a2'] }),
      { type: 'attachment', nativeId: 'a1', message: 'm1', filename: 'IMG_2201.jpg', mime: 'image/jpeg', content: bill },
      { type: 'attachment', nativeId: 'a2', message: 'm2', filename: 'fake.jpg', mime: 'image/jpeg', content: new TextEncoder().encode('not an image') },
    ];
    casePath = join(tmp(), 'case.clew');
    const s = await openCase(casePath, { create: true });
    try {
      await ingest(s, records, { analyse: true });
    } finally {
      await s.close();
    }
  }, 120_000);

  let srv: RunningServer | undefined;
  afterAll(async () => {
    await srv?.close();
  });

  it('starts nothing without the option, then reads the images by itself, with progress; search finds the photo\'s words; read again on request', async () => {
    const idle = await startServer({ casePath });
    try {
      const st = (await call(idle, 'GET', '/api/ocr')).json<OcrState>();
      expect(st).toMatchObject({ available: true, unavailable: null, images: 2, done: 0, job: null });
      expect(st.engine?.version).toBe(engine!.version);
      expect((await call(idle, 'GET', '/api/search?q=lading')).json<{ hits: unknown[] }>().hits).toEqual([]);
    } finally {
      await idle.close();
    }

    srv = await startServer({ casePath, ocr: true });
    let st = (await call(srv, 'GET', '/api/ocr')).json<OcrState>();
    expect(st.job).toMatchObject({ kind: 'ocr', label: 'text in images' });
    const job = await waitJob(srv, st.job!.id);
    expect(job.state).toBe('done');
    // two images read, one with text, one failed (not an image)
    expect(job.progress).toMatchObject({ done: 2, total: 2, unit: 'steps', records: 1, rejected: 1, etaSeconds: 0 });
    expect(job.progress.rate).toBeGreaterThan(0);
    st = (await call(srv, 'GET', '/api/ocr')).json<OcrState>();
    expect(st).toMatchObject({ images: 2, done: 2, job: { id: job.id, state: 'done' } });
    const jobs = (await call(srv, 'GET', '/api/jobs')).json<{ jobs: { id: string; kind: string }[]; generation: number }>();
    expect(jobs.jobs.filter((j) => j.kind === 'ocr').map((j) => j.id)).toEqual([job.id]);
    expect(jobs.generation).toBeGreaterThan(0);

    // an ordinary search finds the message by a word of its photo; the hit names the image and shows its text
    const found = (await call(srv, 'GET', '/api/search?q=lading')).json<{ hits: { snippet: { text: string }; images?: { filename: string; snippet: { text: string } }[] }[] }>();
    expect(found.hits.map((h) => h.snippet.text)).toEqual(['evo papira']);
    expect(found.hits[0]!.images!.map((i) => i.filename)).toEqual(['IMG_2201.jpg']);
    expect(found.hits[0]!.images![0]!.snippet.text).toMatch(/LADING/);

    // read again on request: every image
    const again = await call(srv, 'POST', '/api/ocr', { again: true });
    expect(again.status).toBe(200);
    const second = again.json<OcrState>().job!;
    expect(second).toMatchObject({ kind: 'ocr', label: 'text in images (all read again)' });
    expect(second.id).not.toBe(job.id);
    expect((await waitJob(srv, second.id)).progress).toMatchObject({ done: 2, total: 2, records: 1 });
    // a body that is not the contract's is refused
    expect((await call(srv, 'POST', '/api/ocr', { again: 'yes' })).status).toBe(400);
  }, 180_000);
});
