/**
 * Who may call which case route, by role on the case (team mode; `clew serve`'s analyst is the
 * owner of their one case). A reader reads; an analyst also annotates, tags, runs analyses and
 * jobs, translates; an owner also ingests (uploads) and manages; an auditor reads none of the
 * case routes, only the case's audit log (the audit routes, which the owner may also call). Decided here from the route tables, so a new route is
 * classified without touching its file: a GET reads, a POST or DELETE writes unless listed.
 */
import type { CaseRole } from '../api/team.js';
import type { Route } from './route.js';

const READERS: readonly CaseRole[] = ['owner', 'analyst', 'reader'];
const ANALYSTS: readonly CaseRole[] = ['owner', 'analyst'];
const OWNERS: readonly CaseRole[] = ['owner'];
const AUDITORS: readonly CaseRole[] = ['owner', 'auditor'];

/** POST routes that only read (a list of items too long for a URL). */
// /discovery: looks selectors up in other cases (writing only their owners' notifications): a reader may
const READING_POSTS = new Set([String(/^\/annotations\/lookup$/), String(/^\/discovery$/)]);
/** Writes only an owner may make: ingesting a file into the case. */
const OWNER_WRITES = new Set([String(/^\/uploads$/)]);
/** Routes only an owner may call at all, reads included: the case's legal filters (/legal-filters…), which nobody else may learn of. */
const OWNER_ROUTES = [String.raw`/^\/legal-filters`];

/** The roles that may call `route`. */
export function rolesFor(route: Pick<Route, 'method' | 'pattern' | 'audit'>): readonly CaseRole[] {
  if (route.audit) return AUDITORS;
  const key = String(route.pattern);
  if (OWNER_ROUTES.some((p) => key.startsWith(p))) return OWNERS;
  if (route.method === 'GET' || READING_POSTS.has(key)) return READERS;
  if (OWNER_WRITES.has(key)) return OWNERS;
  return ANALYSTS;
}

/** Roles that may read the case's rows. */
export function readsCase(role: CaseRole): boolean {
  return READERS.includes(role);
}

/** Roles that see the case in GET /api/cases and may open it in the workspace (an auditor: its Audit view only). */
export function listsCase(role: CaseRole): boolean {
  return READERS.includes(role) || AUDITORS.includes(role);
}
