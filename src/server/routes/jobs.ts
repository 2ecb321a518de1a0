/**
 * Jobs: uploads that become ingest jobs, the list of jobs, one job (poll it), cancel one.
 * POST /api/uploads?name=…[&format=…&timeZone=…&region=…&map=…] with the file as the body.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { z } from 'zod';
import { type IngestSummary, loadMappingArgument } from '../../api/ingest.js';
import type { NetworkLevel } from '../../api/network.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError, ERROR_CODES, type ErrorCode } from '../../model/errors.js';
import type { IngestTask } from '../job-tasks.js';
import { bumpGeneration, caseGeneration, type Job, JobRegistry, peekPerGeneration, putPerGeneration, Reply, runTask, wireJob } from '../jobs.js';
import { type DisruptBody, disruptCacheKey } from '../disruption.js';
import { type KeyPlayerRanking, keyPlayersCacheKey } from '../keyplayers.js';
import type { Route } from '../route.js';
import { DEFAULT_MAX_UPLOAD_BYTES, discardUpload, storeUpload, defaultUploadsDir } from '../upload.js';
import { parseInput, queryObject } from '../validate.js';
import type { JobResponse, JobsResponse, UploadResponse, WireIngestResult } from '../wire/jobs.js';
import type { DisruptResponse } from '../wire/timeline.js';

export interface JobsOptions {
  /** Largest upload accepted, in bytes (default 2 GiB). */
  maxUploadBytes?: number;
  /** Where uploads are stored (default: upload.ts defaultUploadsDir). */
  uploadsDir?: string;
  /** Records per ingest batch (tests use small batches to cancel mid-ingest). */
  ingestBatchSize?: number;
  /**
   * The locator the server opened the case with, for jobs that open it again (in a worker thread)
   * and decisions; default: the store's printable locator (the same for a case file). It may
   * hold a password: never print it.
   */
  caseLocator?: string;
}

interface JobsState {
  jobs: JobRegistry;
  opts: JobsOptions;
}

const states = new WeakMap<CaseStore, JobsState>();

/** The jobs of the server holding `store` (the server calls this once with its options). */
export function jobsOf(store: CaseStore, opts?: JobsOptions): JobsState {
  let s = states.get(store);
  if (!s) states.set(store, (s = { jobs: new JobRegistry(), opts: {} }));
  if (opts) s.opts = opts;
  return s;
}

/** Highest cap a route table can name; the configured cap is enforced by the route. */
/** The locator to open the server's case again with (see JobsOptions.caseLocator). */
export function caseLocatorOf(store: CaseStore): string {
  return jobsOf(store).opts.caseLocator ?? store.locator;
}

/** Where uploads go: the configured directory, else beside a case file or under the user's data directory (defaultUploadsDir). */
function uploadsDir(store: CaseStore, opts: JobsOptions): string {
  return opts.uploadsDir ?? defaultUploadsDir(caseLocatorOf(store));
}

const HARD_MAX_UPLOAD_BYTES = 1024 ** 4;

const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'is not a job id' });

const uploadQuery = z.strictObject({
  name: z.string().min(1, { message: 'is empty: give the file name' }).max(1000),
  format: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'is not a format name' }).optional(),
  timeZone: z.string().max(64).optional(),
  region: z.string().regex(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code' }).optional(),
  // inline mapping only (field=column,… or JSON): never a path on the server
  map: z
    .string()
    .max(4000)
    .refine((s) => s.includes('=') || s.trim().startsWith('{'), { message: 'must be field=column,… or a JSON object' })
    .optional(),
});

function ingestResult(s: IngestSummary): WireIngestResult {
  return {
    file: basename(s.file),
    format: s.format,
    outcome: s.outcome,
    added: s.added,
    source: {
      id: s.source.id,
      name: s.source.name,
      sha256: s.source.sha256,
      status: s.source.status,
      records: s.source.records,
      rejected: s.source.rejected,
      duplicates: s.source.duplicates,
    },
    warnings: s.warnings,
  };
}

function jobOr404(store: CaseStore, raw: string | undefined): Job {
  const id = parseInput(jobId, raw);
  const job = jobsOf(store).jobs.get(id);
  if (!job) throw new ClewError('NOT_FOUND', `no job ${id}`, { job: id });
  return job;
}

export const JOBS_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/jobs$/,
    async handle({ store }): Promise<JobsResponse> {
      return { jobs: jobsOf(store).jobs.list().map(wireJob), generation: caseGeneration(store) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/jobs\/([^/]+)$/,
    async handle({ store, params }): Promise<JobResponse> {
      return { job: wireJob(jobOr404(store, params[0])) };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/jobs\/([^/]+)$/,
    async handle({ store, params }): Promise<JobResponse> {
      const job = jobOr404(store, params[0]);
      if (jobsOf(store).jobs.cancel(job.id)) {
        // a cancelled job stops at its next batch; answer with where it ended if that is quick
        await Promise.race([job.finished, new Promise((ok) => setTimeout(ok, 2000).unref())]);
      }
      return { job: wireJob(job) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/uploads$/,
    streamBody: { maxBytes: HARD_MAX_UPLOAD_BYTES },
    async handle({ store, query, req }): Promise<UploadResponse> {
      const q = parseInput(uploadQuery, queryObject(query));
      const { jobs, opts } = jobsOf(store);
      const max = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
      const length = Number(req.headers['content-length'] ?? 0);
      if (!(length <= max)) {
        throw new ClewError('TOO_LARGE', `the file is larger than the upload limit of ${max} bytes`, { maxBytes: max });
      }
      const csvMapping = q.map !== undefined ? await loadMappingArgument(q.map) : undefined;
      const dir = uploadsDir(store, opts);
      const up = await storeUpload(req, dir, q.name, max);
      // a file the case already has (complete, or partial to resume) is not kept a second time:
      // the job runs on the copy already stored
      const known = await store.findSource(up.sha256);
      let file = up.path;
      let stored = up.stored;
      if (known && known.path !== up.path && existsSync(known.path)) {
        await discardUpload(up.path);
        file = known.path;
        const rel = relative(dir, known.path);
        stored = rel.startsWith('..') || isAbsolute(rel) ? basename(known.path) : rel.split(sep).join('/');
      }
      const task: IngestTask = {
        kind: 'ingest',
        caseLocator: caseLocatorOf(store),
        file,
        format: q.format,
        timeZone: q.timeZone,
        defaultRegion: q.region?.toUpperCase(),
        csvMapping,
        batchSize: opts.ingestBatchSize,
      };
      const job = jobs.start<IngestSummary>({
        kind: 'ingest',
        label: q.name.split(/[/\\]/).pop()!.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 200),
        queue: 'ingest', // one writer at a time
        run: (ctx) => runTask<IngestSummary>(task, ctx),
        toResult: ingestResult,
        // whatever the outcome, committed batches may have changed the case
        onEnd: (j) => {
          bumpGeneration(store);
          // a file refused as a whole (not cancelled, not a full disk) left no source: its copy goes too
          const code = j.error?.code;
          if (j.state === 'failed' && file === up.path && code !== undefined && code !== 'DISK_FULL' && code !== 'CASE_BUSY' && code !== 'INTERNAL')
            void Promise.resolve(store.findSource(up.sha256)).then((s) => (s ? undefined : discardUpload(up.path)));
        },
      });
      return { job: wireJob(job), stored, bytes: up.bytes };
    },
  },
];

// ---------------------------------------------------------------- key players as a job

/** How long GET /api/keyplayers waits for a ranking before answering 202 with the job. */
export const KEY_PLAYERS_BUDGET_MS = 1500;

const rankingJobs = new WeakMap<CaseStore, Map<NetworkLevel, { generation: number; job: Job }>>();

/**
 * The key-player ranking of the current generation at a level: from the cache, or from a job in
 * a worker thread (started, or joined if one runs) awaited for `budgetMs`; a Reply 202 with the
 * job if it is still computing then. A failed or cancelled job is retried by the next request.
 * Account and person level are separate cache entries and jobs.
 */
export async function keyPlayersViaJob(store: CaseStore, budgetMs = KEY_PLAYERS_BUDGET_MS, level: NetworkLevel = 'account'): Promise<KeyPlayerRanking | Reply> {
  const cacheKey = keyPlayersCacheKey(level);
  const cached = peekPerGeneration<KeyPlayerRanking>(store, cacheKey);
  if (cached) return cached;
  const generation = caseGeneration(store);
  let perLevel = rankingJobs.get(store);
  if (!perLevel) rankingJobs.set(store, (perLevel = new Map()));
  let entry = perLevel.get(level);
  if (!entry || entry.generation !== generation || entry.job.state === 'failed' || entry.job.state === 'cancelled') {
    const job = jobsOf(store).jobs.start<KeyPlayerRanking>({
      kind: 'keyplayers',
      label: level === 'person' ? 'key players (persons)' : 'key players',
      run: (ctx) => runTask<KeyPlayerRanking>({ kind: 'keyplayers', caseLocator: caseLocatorOf(store), level }, ctx),
      onEnd: (j) => {
        if (j.state === 'done') putPerGeneration(store, cacheKey, generation, j.value);
      },
    });
    entry = { generation, job };
    perLevel.set(level, entry);
  }
  const { job } = entry;
  if (budgetMs > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([job.finished, new Promise((ok) => (timer = setTimeout(ok, budgetMs)))]);
    clearTimeout(timer);
  }
  if (job.state === 'done') return job.value as KeyPlayerRanking;
  if (job.state === 'failed' || job.state === 'cancelled') {
    const code = job.error?.code;
    throw new ClewError(code && code in ERROR_CODES ? (code as ErrorCode) : 'INTERNAL', job.error?.message ?? 'the ranking failed');
  }
  return new Reply(202, { job: wireJob(job) } satisfies JobResponse);
}

// ---------------------------------------------------------------- disruption as a job

/** How long POST /api/disrupt waits for the simulation before answering 202 with the job (tests set 0). */
export const DISRUPT_BUDGET = { ms: 1500 };

const disruptJobs = new WeakMap<CaseStore, Map<string, { generation: number; job: Job }>>();

/**
 * The disruption simulation a body asks for, at the current generation: from the cache (keyed on
 * the body, so the client's repeated POST after a 202 finds the job's answer), or from a job in a
 * worker thread (started, or joined if one runs for the same body) awaited for `budgetMs`; a
 * Reply 202 with the job if it is still computing then. A failed or cancelled job is retried by
 * the next request; a failure within the budget (e.g. NOT_FOUND: nobody to arrest) is the answer.
 */
export async function disruptViaJob(store: CaseStore, body: DisruptBody, budgetMs = DISRUPT_BUDGET.ms): Promise<DisruptResponse | Reply> {
  const cacheKey = disruptCacheKey(body);
  const cached = peekPerGeneration<DisruptResponse>(store, cacheKey);
  if (cached) return cached;
  const generation = caseGeneration(store);
  let perBody = disruptJobs.get(store);
  if (!perBody) disruptJobs.set(store, (perBody = new Map()));
  let entry = perBody.get(cacheKey);
  if (!entry || entry.generation !== generation || entry.job.state === 'failed' || entry.job.state === 'cancelled') {
    for (const [k, e] of perBody) if (e.job.endedAt !== null) perBody.delete(k); // ended: their answers are cached
    const job = jobsOf(store).jobs.start<DisruptResponse>({
      kind: 'disrupt',
      label: 'remove' in body ? 'disruption: arrests' : `disruption: ${body.strategy}`,
      run: (ctx) => runTask<DisruptResponse>({ kind: 'disrupt', caseLocator: caseLocatorOf(store), body }, ctx),
      onEnd: (j) => {
        if (j.state === 'done') putPerGeneration(store, cacheKey, generation, j.value);
      },
    });
    entry = { generation, job };
    perBody.set(cacheKey, entry);
  }
  const { job } = entry;
  if (budgetMs > 0) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([job.finished, new Promise((ok) => (timer = setTimeout(ok, budgetMs)))]);
    clearTimeout(timer);
  }
  if (job.state === 'done') return job.value as DisruptResponse;
  if (job.state === 'failed' || job.state === 'cancelled') {
    const code = job.error?.code;
    throw new ClewError(code && code in ERROR_CODES ? (code as ErrorCode) : 'INTERNAL', job.error?.message ?? 'the simulation failed');
  }
  return new Reply(202, { job: wireJob(job) } satisfies JobResponse);
}
