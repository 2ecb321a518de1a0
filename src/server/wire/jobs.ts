// Wire types of the jobs endpoints (see ../wire.ts): long work (an upload's ingest, the
// key-player ranking) runs as a job the workspace polls and can cancel.

export type WireJobKind = 'ingest' | 'keyplayers' | 'identity' | 'disrupt';
export type WireJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface WireJobProgress {
  /** What the job is doing now, in words ("hashing", "ingesting", "ranking"). */
  phase: string;
  done: number;
  /** null when unknown. */
  total: number | null;
  /** What `done` and `total` count: bytes of the file, or steps of an analysis. */
  unit: 'bytes' | 'steps';
  /** Records written so far (ingest). */
  records: number;
  /** Records set aside in quarantine so far (ingest). */
  rejected: number;
  /** Records per second (ingest) or null. */
  rate: number | null;
  /** Seconds left, estimated; null when unknown. */
  etaSeconds: number | null;
}

export interface WireJobError {
  code: string;
  message: string;
}

/** What a finished ingest job reports (a summary of the typed API's IngestSummary). */
export interface WireIngestResult {
  file: string;
  format: string;
  outcome: 'ingested' | 'resumed' | 'already-ingested';
  added: { records: number; rejected: number; duplicates: number };
  source: { id: number; name: string; sha256: string; status: string; records: number; rejected: number; duplicates: number };
  warnings: { code: string; message: string }[];
}

export interface WireJob {
  id: string;
  kind: WireJobKind;
  /** What the job works on (a file name, "key players"): untrusted text, render as text. */
  label: string;
  state: WireJobState;
  startedAt: string;
  endedAt: string | null;
  progress: WireJobProgress;
  /** ingest: WireIngestResult; keyplayers: null (GET /api/keyplayers answers once it is done). */
  result: WireIngestResult | null;
  error: WireJobError | null;
}

/** GET /api/jobs */
export interface JobsResponse {
  jobs: WireJob[];
  /** The case generation: grows each time an ingest changes the case (caches key on it). */
  generation: number;
}

/** GET/DELETE /api/jobs/:id; also the 202 answer of an endpoint whose result is being computed. */
export interface JobResponse {
  job: WireJob;
}

/** POST /api/uploads?name=… (the body is the file) */
export interface UploadResponse {
  job: WireJob;
  /** The name the file was stored under, beside the case. */
  stored: string;
  bytes: number;
}
