/**
 * Schemas the API's answers share: accounts, messages, errors, jobs. Declared once with zod;
 * the answers' types derive from them (wire.ts), so the web app and the server cannot drift.
 */
import { z } from 'zod';
import { CHANNELS } from '../../model/records.js';

/** An integer (ids, counts, UTC ms). */
export const int = z.number().int();
export const count = z.number().int().nonnegative();

export const betweennessInfo = z.strictObject({ sampled: z.boolean(), samples: count, errorBound: z.number(), confidence: z.number() });

export const locator = z.strictObject({
  line: int.optional(),
  endLine: int.optional(),
  offset: int.optional(),
  length: int.optional(),
  path: z.string().optional(),
  entry: z.string().optional(),
});

/** An account (names and handles come from seized phones: render as text). */
export const accountView = z.strictObject({
  id: int,
  ref: z.string(),
  platform: z.string(),
  handle: z.string(),
  kind: z.string().nullable(),
  displayName: z.string().nullable(),
  /** The best name, when the API labelled the account. */
  label: z.string().optional(),
});

export const provenanceView = z.strictObject({ sourceId: int, path: z.string(), sha256: z.string(), format: z.string(), locator });

export const messageView = z.strictObject({
  id: int,
  ts: int,
  tzOffset: int.nullable(),
  tsLocal: z.string().nullable(),
  channel: z.enum(CHANNELS),
  sender: accountView,
  recipients: z.array(accountView),
  conversationId: int.nullable(),
  conversationTitle: z.string().nullable(),
  body: z.string(),
  subject: z.string().nullable(),
  flags: z.strictObject({ edited: z.boolean(), deleted: z.boolean() }),
  duplicateOf: int.nullable(),
  duplicates: z.array(int),
  lang: z.string().nullable(),
  /** Each with its EXIF capture time (`takenAt`: the camera's wall clock as ISO 8601, with its offset when recorded), null when unknown. */
  attachments: z.array(z.strictObject({ filename: z.string(), mime: z.string().nullable(), size: int.nullable(), sha256: z.string().nullable(), takenAt: z.string().nullable() })),
  provenance: provenanceView,
});

/** One of the accounts or persons an ambiguous reference names (AMBIGUOUS_REF). */
export const refChoice = z.strictObject({
  ref: z.string(),
  kind: z.enum(['account', 'person']),
  label: z.string(),
  handles: z.array(z.string()),
  how: z.array(z.string()),
  savedBy: count.optional(),
  activity: count.optional(),
});

/** Every refusal and failure: `{ error: { code, message } }` (errors.ts). */
export const errorResponse = z.strictObject({
  error: z.strictObject({
    /** A stable code (model/errors.ts, errors.ts HTTP_ONLY_CODES). */
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    /** AMBIGUOUS_REF (409): the accounts or persons the name could mean. */
    choices: z.array(refChoice).optional(),
  }),
});

export const itemKey = z.strictObject({ type: z.enum(['message', 'call', 'account', 'person', 'conversation', 'place', 'entity']), key: z.string() });

/** The analysts' tags, notes and star on an item (render as text). */
export const itemAnnotations = z.strictObject({
  tags: z.array(z.strictObject({ name: z.string(), key: z.string(), by: z.string(), at: int, eventId: int })),
  notes: z.array(z.strictObject({ id: z.string(), text: z.string(), by: z.string(), at: int, eventId: int })),
  star: z.strictObject({ by: z.string(), at: int, eventId: int }).nullable(),
});

export const annotationEvent = z.strictObject({
  id: int,
  item: itemKey,
  kind: z.enum(['tag', 'note', 'star']),
  action: z.enum(['add', 'remove']),
  key: z.string(),
  value: z.string(),
  by: z.string(),
  at: int,
  undoes: int.nullable(),
});

// ---------------------------------------------------------------- jobs

export const jobProgress = z.strictObject({
  /** What the job is doing now, in words ("hashing", "ingesting", "ranking"). */
  phase: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  unit: z.enum(['bytes', 'steps']),
  records: count,
  rejected: count,
  rate: z.number().nullable(),
  etaSeconds: z.number().nullable(),
});

/** What a finished ingest job reports. */
export const ingestResult = z.strictObject({
  file: z.string(),
  format: z.string(),
  outcome: z.enum(['ingested', 'resumed', 'already-ingested']),
  added: z.strictObject({ records: count, rejected: count, duplicates: count }),
  source: z.strictObject({ id: int, name: z.string(), sha256: z.string(), status: z.string(), records: count, rejected: count, duplicates: count }),
  warnings: z.array(z.strictObject({ code: z.string(), message: z.string() })),
});

export const JOB_KINDS = ['ingest', 'keyplayers', 'identity', 'disrupt', 'ocr'] as const;
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

export const wireJob = z.strictObject({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  /** What the job works on (a file name): untrusted text, render as text. */
  label: z.string(),
  state: z.enum(JOB_STATES),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  progress: jobProgress,
  /** ingest: what it ingested; the analyses: null (their endpoint answers once the job is done). */
  result: ingestResult.nullable(),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
});

/** One job; also the 202 answer of an endpoint whose result is being computed. */
export const jobResponse = z.strictObject({ job: wireJob });
