/**
 * The Audit view's routes (issue 21 part 5): an auditor (or the case's owner) reads the audit log's
 * entries of the case, filtered by user, action and time, newest first, each with its leaf index
 * and whether the latest signed head covers it; and downloads an entry's inclusion proof (the
 * document `clew audit check-proof` checks without the database). An entry of another case is
 * NOT_FOUND in the same words as one that does not exist. The case itself is never opened: an
 * auditor reads none of its rows (roles.ts, route.ts defineAuditRoute).
 */
import { keyFingerprint } from '../../api/audit.js';
import { ClewError } from '../../model/errors.js';
import * as api from '../contract/audit.js';
import { AUDIT_RECORDS_SHOWN, MAX_AUDIT_PAGE } from '../contract/audit.js';
import { defineAuditRoute, type Route } from '../route.js';

/** A time as the view sends it: ISO 8601 or milliseconds since 1970. */
function timeOf(v: string | undefined, parameter: string): number | undefined {
  if (v === undefined) return undefined;
  const ms = /^[0-9]{1,15}$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isSafeInteger(ms) || ms < 0) throw new ClewError('INVALID_ARGUMENT', `${parameter} must be an ISO 8601 time (2026-01-31T12:00Z) or milliseconds since 1970`, { parameter });
  return ms;
}

export const AUDIT_ROUTES: Route[] = [
  defineAuditRoute(api.auditEntries, async ({ caseName, audit, query: q }) => {
    const limit = q.limit ?? 50;
    const [head, rows] = await Promise.all([
      audit.head(),
      audit.query({
        case: caseName,
        user: q.user,
        action: q.action,
        since: timeOf(q.since, 'since'),
        until: timeOf(q.until, 'until'),
        before: q.before,
        newestFirst: true,
        // one more than the page: whether there is a next one
        limit: Math.min(limit, MAX_AUDIT_PAGE) + 1,
      }),
    ]);
    const page = rows.slice(0, limit);
    return {
      entries: page.map((e) => ({
        index: e.index,
        at: e.at,
        user: e.user,
        agency: e.agency,
        action: e.action,
        query: e.query,
        filters: e.filters,
        records: { count: e.records.length, first: e.records.slice(0, AUDIT_RECORDS_SHOWN) },
        detail: e.detail,
        signed: head !== null && e.index < head.size,
      })),
      next: rows.length > limit ? page[page.length - 1]!.index : null,
      head: head
        ? { size: head.size, at: head.at, root: head.root.toString('hex'), publicKey: head.publicKey.toString('base64'), fingerprint: keyFingerprint(head.publicKey) }
        : null,
    };
  }),
  defineAuditRoute(api.auditProof, async ({ caseName, audit, params }) => {
    const notFound = () => new ClewError('NOT_FOUND', `no audit entry ${params.index} of this case`, { index: params.index });
    // the entry must be of this case: another case's entries are not this auditor's to see
    const [entry] = await audit.query({ case: caseName, after: params.index - 1, limit: 1 });
    if (!entry || entry.index !== params.index) throw notFound();
    const proof = await audit.proof(params.index);
    return { ...proof, entry: { ...proof.entry } };
  }),
];
