/**
 * Text recognition in the case's images in the workspace (issue 23 part 3): GET /api/ocr tells whether
 * Tesseract is installed, how many images are read and the running (or last) job; POST /api/ocr reads the
 * images waiting for it (`again`: every image) as a job with progress (images/s, ETA) that runs after any
 * ingest (one writer at a time). The server starts that job by itself when it opens a case with images still
 * to read (autoOcr); when it ends, the case state syncs (the change counter moved), so search sees the text.
 */
import { OCR_UNAVAILABLE, type OcrJobResult, ocrEngine } from '../../api/ocr.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { type CaseState, caseLocatorFor, caseState } from '../case-state.js';
import * as api from '../contract/ocr.js';
import type { OcrTask } from '../job-tasks.js';
import { type Job, runTask, wireJob } from '../jobs.js';
import { defineRoute, type Route } from '../route.js';
import type { z } from 'zod';

export type OcrState = z.output<typeof api.ocrState>;

/** The running OCR job of the case, else the last one this server ran. */
function ocrJob(state: CaseState): Job | undefined {
  const all = state.jobs.list().filter((j) => j.kind === 'ocr');
  return all.find((j) => j.endedAt === null) ?? all[0];
}

export async function ocrStateOf(store: CaseStore): Promise<OcrState> {
  const engine = await ocrEngine();
  const counts = await store.ocrCounts();
  const job = ocrJob(caseState(store));
  return {
    available: engine !== null,
    unavailable: engine === null ? OCR_UNAVAILABLE : null,
    engine: engine === null ? null : { name: 'tesseract', version: engine.version },
    images: counts.images,
    done: counts.done,
    job: job ? wireJob(job) : null,
  };
}

/** Start reading the case's images (the running job when one runs). PROGRAM_MISSING without Tesseract. */
export async function startOcr(store: CaseStore, again = false): Promise<Job> {
  if ((await ocrEngine()) === null) throw new ClewError('PROGRAM_MISSING', OCR_UNAVAILABLE);
  const state = caseState(store);
  const running = ocrJob(state);
  if (running && running.endedAt === null) return running;
  const task: OcrTask = { kind: 'ocr', caseLocator: caseLocatorFor(store), again };
  return state.jobs.start<OcrJobResult>({
    kind: 'ocr',
    label: again ? 'text in images (all read again)' : 'text in images',
    queue: 'ingest', // one writer at a time: after any ingest
    run: (ctx) => runTask<OcrJobResult>(task, ctx),
    // its writes moved the case's change counter: the kept answers go now (search sees the text)
    onEnd: () => void state.sync().catch(() => state.invalidate()),
  });
}

const autoStarted = new WeakSet<CaseState>();

/**
 * When the server opens a case (once per case state): start reading its images if some wait for it and
 * Tesseract is installed. Never throws (a case that cannot say is left alone). Returns the job, if started.
 */
export async function autoOcr(store: CaseStore): Promise<Job | null> {
  const state = caseState(store);
  if (autoStarted.has(state)) return null;
  autoStarted.add(state);
  try {
    if ((await ocrEngine()) === null) return null;
    const counts = await store.ocrCounts();
    if (counts.images <= counts.done) return null;
    return await startOcr(store);
  } catch {
    return null;
  }
}

export const OCR_ROUTES: Route[] = [
  defineRoute(api.ocrStatus, ({ store }) => ocrStateOf(store)),
  defineRoute(api.ocrRun, async ({ store, body }) => {
    await startOcr(store, body.again === true);
    return ocrStateOf(store);
  }),
];
