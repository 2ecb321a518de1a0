/**
 * One object per case the server has open (issue 17 part 5, "nothing stale"): it owns every
 * answer the server keeps computed from the case (the network of each filter, rankings,
 * communities, routes, suggestions, simulations…), each keyed by its parameters, the jobs that
 * compute the heavy ones, and their invalidation when the case changes.
 *
 * The case changes through this server (an upload's ingest, an identity decision) or behind its
 * back: `clew ingest`, `clew lexicon`, an identity decision from the CLI or another server, all
 * in other processes. Every writer increases the case's change counter in the transaction of
 * its change (ChangePort, src/store/types.ts), so `sync()` (one row read, before every request
 * and on a timer while a workspace listens) tells exactly when the kept answers became stale:
 * then they are all dropped, the local `generation` goes up, and listeners (the workspace's
 * change stream) hear it.
 */
import { KEPT, keepCaseAnswersWith } from '../api/kept.js';
import type { CaseStore } from '../api/types.js';
import { ClewError, ERROR_CODES, type ErrorCode } from '../model/errors.js';
import type { JobTask } from './job-tasks.js';
import { type Job, JobRegistry, Reply, runTask, wireJob } from './jobs.js';
import type { JobResponse, WireJobKind } from './wire/jobs.js';

export interface CaseStateOptions {
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

/** Entries kept per family of answers unless the caller says otherwise (the oldest used goes first). */
const DEFAULT_KEEP = 16;

interface Entry {
  generation: number;
  value: unknown;
}

/** A computation run as a job: what to run, and how the job is shown. */
export interface JobSpec {
  kind: WireJobKind;
  label: string;
  /** The task, given the locator to open the case with (job-tasks.ts). */
  task(caseLocator: string): JobTask;
  /** The job's error when it failed without a code of its own. */
  failure: string;
}

export class CaseState {
  readonly jobs = new JobRegistry();
  opts: CaseStateOptions = {};
  private local = 0;
  /** The store's change counter the kept answers were computed at (null: not read yet). */
  private seen: number | null = null;
  private reading: Promise<number> | null = null;
  private readonly families = new Map<string, Map<string, Entry>>();
  private readonly computing = new Map<string, { generation: number; job: Job }>();
  private readonly listeners = new Set<(generation: number) => void>();

  /**
   * The store `sync()` reads the change counter through. One store for the server's life in
   * single-analyst mode; in team mode each request opens the case as its user, and the server
   * points this at the latest one (every user sharing the state sees the same case).
   */
  store: CaseStore;

  constructor(store: CaseStore) {
    this.store = store;
  }

  /** How many times the server has seen the case change since it opened it (what the workspace compares). */
  get generation(): number {
    return this.local;
  }

  /** The locator to open the case again with (see CaseStateOptions.caseLocator). */
  get caseLocator(): string {
    return this.opts.caseLocator ?? this.store.locator;
  }

  /**
   * Read the case's change counter and, if another writer moved it since the last read, drop
   * every kept answer. Cheap (one row); concurrent calls share one read. Returns the generation.
   * `through`: the store of the request that asks (team mode: its own transaction), else `store`.
   */
  sync(through: CaseStore = this.store): Promise<number> {
    this.reading ??= through
      .generation()
      .then((g) => {
        if (this.seen !== null && g !== this.seen) this.invalidate();
        this.seen = g;
        return this.local;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /** The case changed (or is known to have): every kept answer is recomputed on next use. Returns the new generation. */
  invalidate(): number {
    this.local++;
    this.families.clear();
    // a running computation of the older generation ends (whoever waits on it gets its answer;
    // cancelling would fail them, and an ingest changes the case at every batch), but is not kept
    this.computing.clear();
    for (const l of this.listeners) l(this.local);
    return this.local;
  }

  /** Hear each change (the generation after it); returns the function that stops listening. */
  onChange(listener: (generation: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `compute()` once per generation and parameters: `family` names the kind of answer (its own
   * cap of `keep` entries, the least recently used dropped first), `params` what it depends on.
   * A promise still being computed is shared; a failed one is not kept.
   */
  cached<T>(family: string, params: unknown, compute: () => T, keep = DEFAULT_KEEP): T {
    let m = this.families.get(family);
    if (!m) this.families.set(family, (m = new Map()));
    const key = JSON.stringify(params ?? null);
    const hit = m.get(key);
    if (hit && hit.generation === this.local) {
      m.delete(key); // most recently used last
      m.set(key, hit);
      return hit.value as T;
    }
    const value = compute();
    const entry: Entry = { generation: this.local, value };
    m.delete(key);
    while (m.size >= keep) m.delete(m.keys().next().value!);
    m.set(key, entry);
    const family_ = m;
    if (value instanceof Promise)
      value.catch(() => {
        if (family_.get(key) === entry) family_.delete(key);
      });
    return value;
  }

  /** The kept answer, if any (does not compute). */
  peek<T>(family: string, params: unknown): T | undefined {
    const hit = this.families.get(family)?.get(JSON.stringify(params ?? null));
    return hit && hit.generation === this.local ? (hit.value as T) : undefined;
  }

  /** Keep `value` as computed at `generation` (ignored if the case changed since). */
  put(family: string, params: unknown, generation: number, value: unknown, keep = DEFAULT_KEEP): void {
    if (generation !== this.local) return;
    this.cached(family, params, () => value, keep);
  }

  /**
   * The one way a heavy answer is computed for the workspace: from what is kept, or from a job in
   * a worker thread (started, or joined if one runs for the same family and parameters) awaited
   * for `budgetMs`; a Reply 202 with the job while it still computes (the client follows the job,
   * then asks again and finds the answer kept). A failed or cancelled job is retried by the next
   * request; a failure within the budget (e.g. NOT_FOUND) is the answer.
   * `through`: the store of the request that asks; in team mode its read transaction ends before
   * the wait (requestEnd below), so a request waiting for a job holds no database connection
   * (the job itself needs them; reads after the wait run on their own).
   */
  async viaJob<T>(family: string, params: unknown, spec: JobSpec, budgetMs: number, through?: CaseStore): Promise<T | Reply> {
    const kept = this.peek<T>(family, params);
    if (kept !== undefined) return kept;
    const key = `${family}\n${JSON.stringify(params ?? null)}`;
    const generation = this.local;
    let entry = this.computing.get(key);
    if (!entry || entry.generation !== generation || entry.job.state === 'failed' || entry.job.state === 'cancelled') {
      // ended jobs' answers are kept: forget them
      for (const [k, e] of this.computing) if (e.job.endedAt !== null) this.computing.delete(k);
      const task = spec.task(this.caseLocator);
      const job = this.jobs.start<T>({
        kind: spec.kind,
        label: spec.label,
        run: (ctx) => runTask<T>(task, ctx),
        onEnd: (j) => {
          if (j.state === 'done') this.put(family, params, generation, j.value);
        },
      });
      entry = { generation, job };
      this.computing.set(key, entry);
    }
    const { job } = entry;
    if (budgetMs > 0 && job.endedAt === null) {
      const end = through ? requestEnds.get(through) : undefined;
      if (end) await end();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([job.finished, new Promise((ok) => (timer = setTimeout(ok, budgetMs)))]);
      clearTimeout(timer);
    }
    if (job.state === 'done') return job.value as T;
    if (job.state === 'failed' || job.state === 'cancelled') {
      const code = job.error?.code;
      throw new ClewError(code && code in ERROR_CODES ? (code as ErrorCode) : 'INTERNAL', job.error?.message ?? spec.failure);
    }
    return new Reply(202, { job: wireJob(job) } satisfies JobResponse);
  }
}

const states = new WeakMap<CaseStore, CaseState>();

/**
 * Team mode: `store` (a request's view of a case, opened as its user) shares `state`, the state
 * of every user who may read the case and sees the same rows; `locator` opens the case again as
 * that user (the workspace's writes, case.ts registerInProcessCase).
 */
export function shareCaseState(store: CaseStore, state: CaseState, locator?: string): void {
  states.set(store, state);
  if (locator !== undefined) requestLocators.set(store, locator);
}

const requestLocators = new WeakMap<CaseStore, string>();

/** Team mode: how each request's store ends its read transaction (see endRequestWith). */
const requestEnds = new WeakMap<CaseStore, () => Promise<void>>();

/**
 * Team mode: `end` ends the read transaction of the request whose store is `store` and gives its
 * connection back to the pool (never fails; its later reads run on their own). viaJob calls it
 * before it waits for a job.
 */
export function endRequestWith(store: CaseStore, end: () => Promise<void>): void {
  requestEnds.set(store, end);
}

/** The locator to open the case of `store` again with, as the same user (see CaseStateOptions.caseLocator). */
export function caseLocatorFor(store: CaseStore): string {
  return requestLocators.get(store) ?? caseState(store).caseLocator;
}

/** The state of the open case `store` (made on first use; the server passes its options once). */
export function caseState(store: CaseStore, opts?: CaseStateOptions): CaseState {
  let s = states.get(store);
  if (!s) states.set(store, (s = new CaseState(store)));
  if (opts) s.opts = opts;
  return s;
}

/**
 * What the API keeps of each case between requests (api/kept.ts: the name resolver's index, the
 * languages, the lexicon, dossiers) is kept in the state of each case the server has open, one per generation.
 */
export const REF_INDEX_FAMILY = KEPT.refIndex;
keepCaseAnswersWith((store, family, load, by) => {
  const s = states.get(store as CaseStore);
  return s ? s.cached(family, by?.key ?? null, load, by?.keep ?? 1) : load();
});

/** The generation of the open case as the server last saw it (see CaseState). */
export function caseGeneration(store: CaseStore): number {
  return caseState(store).generation;
}
