/**
 * The Audit view's endpoints (issue 21 part 5): the audit log's entries of one case, for its
 * auditors and owners (roles.ts), filtered by user, action and time, newest first; and the
 * inclusion proof of one entry in the latest signed head (the document `clew audit check-proof`
 * checks without the database). Only a team server with an audit log answers them.
 */
import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { wholeNumber } from '../validate.js';
import { count, int } from './common.js';

/** Entries in one page at most. */
export const MAX_AUDIT_PAGE = 200;
/** Record ids listed per entry (the rest are counted). */
export const AUDIT_RECORDS_SHOWN = 5;

const name = z.string().trim().min(1, { message: 'is empty' }).max(200, { message: 'is longer than 200 characters' });
/** A time: ISO 8601 (2026-12-07, 2026-12-07T10:00Z) or milliseconds since 1970. */
const time = z.string().trim().min(1, { message: 'is empty' }).max(40, { message: 'is longer than 40 characters' });

export const auditEntriesQuery = z.strictObject({
  user: name.optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.:-]{0,63}$/, { message: 'is not an action (a lower-case word such as get:search)' })
    .optional(),
  /** From this time on (inclusive). */
  since: time.optional(),
  /** Before this time (exclusive). */
  until: time.optional(),
  /** Entries before this index (the previous page's `next`). */
  before: wholeNumber(0).optional(),
  limit: wholeNumber(1, MAX_AUDIT_PAGE).optional(),
});

const json = z.unknown();

export const wireAuditEntry = z.strictObject({
  /** The entry's leaf index in the log. */
  index: count,
  /** UTC ms. */
  at: int,
  user: z.string(),
  agency: z.string().nullable(),
  action: z.string(),
  /** The query text as the user gave it (untrusted: render as text). */
  query: z.string().nullable(),
  filters: z.record(z.string(), json).nullable(),
  records: z.strictObject({ count, first: z.array(z.union([int, z.string()])) }),
  detail: z.record(z.string(), json).nullable(),
  /** Covered by the latest signed head (a proof can be made). */
  signed: z.boolean(),
});

export const wireAuditHead = z.strictObject({
  size: count,
  /** UTC ms. */
  at: int,
  root: z.string(),
  /** The signer's raw Ed25519 public key, base64. */
  publicKey: z.string(),
  /** Its fingerprint (as clew audit verify prints it). */
  fingerprint: z.string(),
});

export const auditEntries = endpoint({
  method: 'GET',
  path: '/audit',
  summary: "The audit log's entries of the case, newest first, filtered by user, action and time (auditors and owners)",
  query: auditEntriesQuery,
  response: z.strictObject({
    entries: z.array(wireAuditEntry),
    /** `before` of the next page; null on the last. */
    next: count.nullable(),
    /** The latest signed tree head of the whole log; null before the first. */
    head: wireAuditHead.nullable(),
  }),
});

export const auditProof = endpoint({
  method: 'GET',
  path: '/audit/:index/proof',
  summary: 'The inclusion proof of one entry of the case in the latest signed head (clew-audit-inclusion-proof/1, for clew audit check-proof)',
  params: z.strictObject({ index: wholeNumber(0) }),
  response: z.strictObject({
    format: z.literal('clew-audit-inclusion-proof/1'),
    entry: z.record(z.string(), json),
    leaf: z.string(),
    leafHash: z.string(),
    head: z.strictObject({ size: count, root: z.string(), at: int, signature: z.string(), publicKey: z.string() }),
    path: z.array(z.string()),
  }),
});
