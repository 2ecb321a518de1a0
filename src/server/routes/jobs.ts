/**
 * Jobs: uploads that become ingest jobs, the list of jobs, one job (poll it), cancel one.
 * POST /api/uploads?name=…[&format=…&timeZone=…&region=…&map=…] with the file as the body.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { type IngestSummary, loadMappingArgument } from '../../api/ingest.js';
import type { NetworkLevel } from '../../api/network.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import type { IngestTask } from '../job-tasks.js';
import { type CaseState, caseLocatorFor, caseState, type CaseStateOptions } from '../case-state.js';
import { type Job, type Reply, runTask, wireJob } from '../jobs.js';
import { type DisruptBody, disruptCacheKey } from '../disruption.js';
import { KEY_PLAYERS_FAMILY, type KeyPlayerRanking } from '../keyplayers.js';
import * as api from '../contract/views.js';
import { defineRoute, type Route } from '../route.js';
import { DEFAULT_MAX_UPLOAD_BYTES, discardUpload, storeUpload, defaultUploadsDir } from '../upload.js';
import type { WireIngestResult } from '../wire/jobs.js';
import type { DisruptResponse } from '../wire/timeline.js';

export type JobsOptions = CaseStateOptions;

/** The case's state (case-state.ts), which holds its jobs; the server passes its options once. */
export function jobsOf(store: CaseStore, opts?: JobsOptions): CaseState {
  return caseState(store, opts);
}

/** The locator to open the server's case again with (see JobsOptions.caseLocator). */
export function caseLocatorOf(store: CaseStore): string {
  return caseLocatorFor(store);
}

/** Where uploads go: the configured directory, else beside a case file or under the user's data directory (defaultUploadsDir). */
function uploadsDir(store: CaseStore, opts: JobsOptions): string {
  return opts.uploadsDir ?? defaultUploadsDir(caseLocatorOf(store));
}

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

function jobOr404(store: CaseStore, id: string): Job {
  const job = jobsOf(store).jobs.get(id);
  if (!job) throw new ClewError('NOT_FOUND', `no job ${id}`, { job: id });
  return job;
}

export const JOBS_ROUTES: Route[] = [
  defineRoute(api.jobs, ({ store }) => ({ jobs: jobsOf(store).jobs.list().map(wireJob), generation: jobsOf(store).generation })),
  defineRoute(api.job, ({ store, params }) => ({ job: wireJob(jobOr404(store, params.id)) })),
  defineRoute(api.jobCancel, async ({ store, params }) => {
    const job = jobOr404(store, params.id);
    if (jobsOf(store).jobs.cancel(job.id)) {
      // a cancelled job stops at its next batch; answer with where it ended if that is quick
      await Promise.race([job.finished, new Promise((ok) => setTimeout(ok, 2000).unref())]);
    }
    return { job: wireJob(job) };
  }),
  defineRoute(api.upload, async ({ store, query: q, req }) => {
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
          // its writer moved the case's change counter: the kept answers go now, not at the next request
          void caseState(store).sync().catch(() => undefined);
          // a file refused as a whole (not cancelled, not a full disk) left no source: its copy goes too
          const code = j.error?.code;
          if (j.state === 'failed' && file === up.path && code !== undefined && code !== 'DISK_FULL' && code !== 'CASE_BUSY' && code !== 'INTERNAL')
            void Promise.resolve(store.findSource(up.sha256)).then((s) => (s ? undefined : discardUpload(up.path)));
        },
      });
      return { job: wireJob(job), stored, bytes: up.bytes };
  }),
];

// ---------------------------------------------------------------- key players as a job

/** How long GET /api/keyplayers waits for a ranking before answering 202 with the job. */
export const KEY_PLAYERS_BUDGET_MS = 1500;

/**
 * The key-player ranking at a level, computed as a job and kept for the generation (CaseState.viaJob);
 * a Reply 202 with the job while it still computes after `budgetMs`.
 */
export function keyPlayersViaJob(store: CaseStore, budgetMs = KEY_PLAYERS_BUDGET_MS, level: NetworkLevel = 'account'): Promise<KeyPlayerRanking | Reply> {
  return caseState(store).viaJob<KeyPlayerRanking>(
    KEY_PLAYERS_FAMILY,
    level,
    {
      kind: 'keyplayers',
      label: level === 'person' ? 'key players (persons)' : 'key players',
      task: (caseLocator) => ({ kind: 'keyplayers', caseLocator, level }),
      failure: 'the ranking failed',
    },
    budgetMs,
    store,
  );
}

// ---------------------------------------------------------------- disruption as a job

/** How long POST /api/disrupt waits for the simulation before answering 202 with the job (tests set 0). */
export const DISRUPT_BUDGET = { ms: 1500 };

/**
 * The disruption simulation a body asks for, computed as a job and kept for the generation keyed
 * on the body (so the client's repeated POST after a 202 finds the job's answer); a Reply 202
 * with the job while it still computes after `budgetMs` (CaseState.viaJob).
 */
export function disruptViaJob(store: CaseStore, body: DisruptBody, budgetMs = DISRUPT_BUDGET.ms): Promise<DisruptResponse | Reply> {
  return caseState(store).viaJob<DisruptResponse>(
    'disrupt',
    disruptCacheKey(body),
    {
      kind: 'disrupt',
      label: 'remove' in body ? 'disruption: arrests' : `disruption: ${body.strategy}`,
      task: (caseLocator) => ({ kind: 'disrupt', caseLocator, body }),
      failure: 'the simulation failed',
    },
    budgetMs,
    store,
  );
}
