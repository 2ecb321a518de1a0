/**
 * Legal filters (docs/team.md): an owner of the case lists, adds and removes the sets of messages
 * hidden from every user not granted them (privileged, outside the authorised period), and grants
 * or revokes them to users. Owners only (roles.ts); every change is in the audit log as
 * `legal-filter-add|remove|grant|revoke`, as `clew filter` records it. Labels, account references
 * and user names are people's text: render them as text only.
 */
import { z } from 'zod';
import { MAX_REF_CHARS } from '../../api/dossier.js';
import { LEGAL_KINDS, MAX_LEGAL_IDS } from '../../api/legal.js';
import { endpoint } from '../endpoint.js';
import { wholeNumber } from '../validate.js';
import { int } from './common.js';

/** Accounts one filter made in the workspace names (each resolved as anywhere in clew). */
export const MAX_FILTER_ACCOUNTS = 100;

const selection = z.union([
  z.strictObject({ accounts: z.array(int) }),
  z.strictObject({ threads: z.array(int) }),
  z.strictObject({ window: z.strictObject({ from: int, to: int }) }),
  z.strictObject({ query: z.string() }),
]);

export const wireLegalFilter = z.strictObject({
  id: int,
  kind: z.enum(LEGAL_KINDS),
  label: z.string(),
  selection,
  /** A filter by account: the accounts' references, in the order of `selection.accounts` (null for the other kinds). */
  accountRefs: z.array(z.string()).nullable(),
  createdBy: z.string(),
  createdAt: int,
  /** A search: when it was evaluated (its messages fixed then); null for the others, evaluated on every query. */
  evaluatedAt: int.nullable(),
  /** A search: how many messages it fixed. */
  fixedMessages: int.nullable(),
  /** The users who still see its messages. */
  grantees: z.array(z.string()),
});

const filterParams = z.strictObject({ id: wholeNumber(1, 2 ** 31 - 1) });
const oneFilter = z.strictObject({ filter: wireLegalFilter });
/** A grant or revoke: the filter as it is now, and whose grant changed. */
const granted = z.strictObject({ filter: wireLegalFilter, user: z.string() });
/** A user name as the team directory takes it. */
const userName = z.string().min(1).max(64);

export const legalFilters = endpoint({
  method: 'GET',
  path: '/legal-filters',
  summary: "The case's legal filters, with who is granted each (owners of the case only)",
  response: z.strictObject({ filters: z.array(wireLegalFilter) }),
});

export const legalFilterAdd = endpoint({
  method: 'POST',
  path: '/legal-filters',
  summary:
    'Mark messages as privileged or outside the authorised period: by accounts (their messages, calls, events and locations), threads, a UTC time window (from inclusive, to exclusive) or a search evaluated now and fixed; exactly one. Hidden at once from every user not granted the filter, owners included (owners only)',
  body: z.strictObject({
    kind: z.enum(LEGAL_KINDS),
    label: z.string().trim().min(1).max(200),
    accounts: z.array(z.string().min(1).max(MAX_REF_CHARS)).min(1).max(MAX_FILTER_ACCOUNTS).optional(),
    threads: z.array(int.min(0)).min(1).max(MAX_LEGAL_IDS).optional(),
    from: int.min(0).optional(),
    to: int.min(0).optional(),
    query: z.string().trim().min(1).max(2000).optional(),
  }),
  response: oneFilter,
});

export const legalFilterRemove = endpoint({
  method: 'DELETE',
  path: '/legal-filters/:id',
  summary: "Remove a legal filter: its messages show again to every user of the case (owners only)",
  params: filterParams,
  response: z.strictObject({ removed: wireLegalFilter }),
});

export const legalFilterGrant = endpoint({
  method: 'POST',
  path: '/legal-filters/:id/grants',
  summary: "Let a user see a legal filter's messages again (owners only)",
  params: filterParams,
  body: z.strictObject({ user: userName }),
  response: granted,
});

export const legalFilterRevoke = endpoint({
  method: 'DELETE',
  path: '/legal-filters/:id/grants/:user',
  summary: "Take a legal filter back from a user: its messages vanish for them at once (owners only)",
  params: z.strictObject({ id: filterParams.shape.id, user: userName }),
  response: granted,
});
