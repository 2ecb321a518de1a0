// Wire types of the jobs endpoints, derived from the contract (contract/common.ts, contract/views.ts):
// long work (an upload's ingest, the key-player ranking) runs as a job the workspace polls and can cancel.
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { ingestResult, jobProgress, jobResponse, wireJob } from '../contract/common.js';
import type { jobs, upload } from '../contract/views.js';

export type WireJob = z.output<typeof wireJob>;
export type WireJobKind = WireJob['kind'];
export type WireJobState = WireJob['state'];
export type WireJobProgress = z.output<typeof jobProgress>;
export type WireJobError = NonNullable<WireJob['error']>;
export type WireIngestResult = z.output<typeof ingestResult>;
/** GET /api/jobs */
export type JobsResponse = ResponseOf<typeof jobs>;
/** GET/DELETE /api/jobs/:id; also the 202 answer of an endpoint whose result is being computed. */
export type JobResponse = z.output<typeof jobResponse>;
/** POST /api/uploads?name=… (the body is the file) */
export type UploadResponse = ResponseOf<typeof upload>;
