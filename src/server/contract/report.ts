/**
 * The evidence-report endpoints (routes/report.ts; one code path with `clew report`). Bodies,
 * names, tags and commentary come from seized phones and from analysts: render them as text only.
 */
import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { accountView, int } from './common.js';

/** A report request's body: 5,000 items with 10,000 characters of commentary each fit. */
export const MAX_REPORT_BODY_BYTES = 64 * 1024 * 1024;

/** A message or call the Report view can cite: enough to recognise it in the list. */
export const wireReportCandidate = z.strictObject({
  type: z.enum(['message', 'call']),
  id: int,
  ts: int,
  /** The sender of a message, the caller of a call. */
  sender: accountView,
  /** A call's called account and its duration in seconds (null for a message). */
  callee: accountView.nullable(),
  duration: z.number().nullable(),
  conversationTitle: z.string().nullable(),
  /** A message's body, cut to 400 characters ('' for a call). */
  body: z.string(),
  /** The tags on it (names as written). */
  tags: z.array(z.string()),
});

export const reportItems = endpoint({
  method: 'GET',
  path: '/report/items',
  summary: "Messages and calls to cite, in order: a tag's (oldest tagging first), the message or call ids given, or the calls of an account or person (oldest first)",
  query: z.strictObject({
    tag: z.string().trim().min(1, { message: 'is empty' }).max(400, { message: 'is too long' }).optional(),
    ids: z.string().regex(/^[0-9]{1,16}(,[0-9]{1,16}){0,499}$/, { message: 'is not a list of message ids (1,2,3; at most 500)' }).optional(),
    calls: z.string().regex(/^[0-9]{1,16}(,[0-9]{1,16}){0,499}$/, { message: 'is not a list of call ids (1,2,3; at most 500)' }).optional(),
    /** The calls of an account or person (a name, handle or reference), with `with` on the other end when given. */
    account: z.string().trim().min(1, { message: 'is empty' }).max(500, { message: 'is too long' }).optional(),
    with: z.string().trim().min(1, { message: 'is empty' }).max(500, { message: 'is too long' }).optional(),
  }),
  response: z.strictObject({ items: z.array(wireReportCandidate) }),
});

/** POST /api/report: what the view sends to make a report (read by the route from its own stream: larger than the JSON cap). */
export const reportMakeRequest = z.strictObject({
  items: z
    .array(z.strictObject({ type: z.enum(['message', 'call']).optional(), id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), commentary: z.string().nullable() }))
    .min(1, { message: 'is empty: pick the items to cite' }),
  introduction: z.string().nullable().optional(),
  /** `--figure` specs, e.g. rank:pagerank:top=10:scope=tag:evidence */
  figures: z.array(z.string().max(1100, { message: 'is too long' })).max(20, { message: 'has more than 20 figures' }).optional(),
  context: z.number().int().min(0).max(50).optional(),
  queries: z.array(z.string()).optional(),
});

export const reportMake = endpoint({
  method: 'POST',
  path: '/report',
  summary: 'Make an evidence report (kept in memory, the newest 8 per case); download it by its manifest SHA-256 (GET /report/:sha/:what)',
  upload: { contentTypes: ['application/json'], maxBytes: MAX_REPORT_BODY_BYTES, json: reportMakeRequest },
  response: z.strictObject({
    manifestSha256: z.string(),
    htmlSha256: z.string(),
    items: int,
    figures: int,
    htmlBytes: int,
  }),
});

export const reportDownload = endpoint({
  method: 'GET',
  path: '/report/:sha/:what',
  summary: 'A report made here, by its manifest SHA-256: its HTML, its PDF (printed by Chromium on demand) or its manifest',
  params: z.strictObject({ sha: z.string(), what: z.enum(['html', 'pdf', 'manifest']) }),
  produces: ['text/html; charset=utf-8', 'application/pdf', 'application/json; charset=utf-8'],
});

export const reportRebuild = endpoint({
  method: 'POST',
  path: '/report/rebuild',
  summary: 'Rebuild a report from its manifest (the body) and compare it with the one the manifest was written with',
  upload: { contentTypes: ['application/json', 'application/octet-stream'], maxBytes: MAX_REPORT_BODY_BYTES },
  response: z.strictObject({
    manifestSha256: z.string(),
    htmlSha256: z.string(),
    expectedSha256: z.string().nullable(),
    identical: z.boolean(),
    /** What changed in the case (or clew) since the manifest was written, when not identical. */
    changes: z.array(z.string()),
  }),
});
