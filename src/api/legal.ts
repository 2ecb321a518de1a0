/**
 * Legal filters (issue 21 part 4; store/postgres/team/legal.ts says what they hide and how the
 * database enforces it): what `clew filter` and the team server's owner routes call. A filter
 * lives in a PostgreSQL database of cases only: a SQLite case has one analyst, who owns the file
 * and reads all of it, so there is nobody to hide messages from (CASE_BACKEND_UNAVAILABLE).
 *
 * Accounts are named as anywhere in clew (a reference, else a handle, else a display name: one
 * account each, AMBIGUOUS_REF otherwise); threads by their conversation id; a window by its UTC
 * times (from inclusive, to exclusive); a search by its query, evaluated once now, as the caller
 * sees the case, and fixed.
 */
import { ClewError } from '../model/errors.js';
import { PostgresCaseStore } from '../store/postgres/store.js';
import {
  type LegalFilter,
  type LegalKind,
  type LegalSelection,
  MAX_LEGAL_MESSAGES,
  addLegalFilter,
  grantLegalFilter,
  hiddenFilters,
  listLegalFilters,
  removeLegalFilter,
  revokeLegalFilter,
} from '../store/postgres/team/legal.js';
import type { CaseStore } from '../store/types.js';
import { parseLocator } from '../store/locator.js';
import { MAX_PAGE, search } from './search.js';

export { LEGAL_KINDS, MAX_LEGAL_IDS, type LegalFilter, type LegalKind, type LegalSelection } from '../store/postgres/team/legal.js';

/** What a new filter selects, as a person names it (exactly one of accounts, threads, a window, a query). */
export interface LegalFilterRequest {
  kind: LegalKind;
  label: string;
  accounts?: readonly string[];
  threads?: readonly number[];
  from?: number;
  to?: number;
  query?: string;
}

function pgCase(store: CaseStore): PostgresCaseStore {
  if (!(store instanceof PostgresCaseStore)) throw unsupported();
  return store;
}

async function accountIds(store: CaseStore, names: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const found = await store.resolveAccounts(name);
    if (found.length === 0) throw new ClewError('NOT_FOUND', `no account ${JSON.stringify(name.slice(0, 200))} in this case`);
    if (found.length > 1) throw new ClewError('AMBIGUOUS_REF', `${JSON.stringify(name.slice(0, 200))} names ${found.length} accounts: give its reference (${found.slice(0, 3).map((a) => a.ref).join(', ')}…)`);
    ids.push(found[0]!.id);
  }
  return ids;
}

/** The message ids a query hits now, as `store`'s user sees the case (every page; at most MAX_LEGAL_MESSAGES). */
async function evaluate(store: CaseStore, query: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: number | undefined;
  do {
    const r = await search(store, { query, mode: 'folded', limit: MAX_PAGE, cursor });
    for (const h of r.hits) ids.push(h.id);
    if (ids.length > MAX_LEGAL_MESSAGES) throw new ClewError('TOO_LARGE', `the search selects more than ${MAX_LEGAL_MESSAGES} messages: narrow it`);
    cursor = r.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return ids;
}

/** Make a filter on the case `store` is open on (as its admin, or as an owner: the database refuses anyone else). */
export async function addFilter(store: CaseStore, req: LegalFilterRequest, by: string): Promise<LegalFilter> {
  const s = pgCase(store);
  const given = [req.accounts !== undefined, req.threads !== undefined, req.from !== undefined || req.to !== undefined, req.query !== undefined].filter(Boolean).length;
  if (given !== 1) throw new ClewError('INVALID_ARGUMENT', 'a filter selects exactly one of: accounts, threads, a time window (from and to), a search query');
  let selection: LegalSelection;
  let messageIds: number[] | undefined;
  const evaluatedAt = Date.now();
  if (req.accounts !== undefined) selection = { accounts: await accountIds(store, req.accounts) };
  else if (req.threads !== undefined) selection = { threads: [...req.threads] };
  else if (req.query !== undefined) {
    selection = { query: req.query.trim() };
    messageIds = await evaluate(store, selection.query);
  } else {
    if (req.from === undefined || req.to === undefined) throw new ClewError('INVALID_ARGUMENT', 'a time window needs both from and to');
    selection = { window: { from: req.from, to: req.to } };
  }
  return addLegalFilter(s.db.pool, s.db.caseId, { kind: req.kind, label: req.label, selection, createdBy: by, ...(messageIds ? { messageIds, evaluatedAt } : {}) });
}

/** The case's filters the caller may see (an owner or the admin: all). */
export function listFilters(store: CaseStore): Promise<LegalFilter[]> {
  const s = pgCase(store);
  return listLegalFilters(s.db.pool, s.db.caseId);
}

export function removeFilter(store: CaseStore, id: number): Promise<LegalFilter> {
  const s = pgCase(store);
  return removeLegalFilter(s.db.pool, s.db.caseId, id);
}

export function grantFilter(store: CaseStore, id: number, user: string, by: string): Promise<LegalFilter> {
  const s = pgCase(store);
  return grantLegalFilter(s.db.pool, s.db.caseId, id, user, by);
}

export function revokeFilter(store: CaseStore, id: number, user: string): Promise<LegalFilter> {
  const s = pgCase(store);
  return revokeLegalFilter(s.db.pool, s.db.caseId, id, user);
}

/** The ids of the case's filters hiding messages from the store's user now ([] for the admin). */
export function filtersHiddenFrom(store: CaseStore): Promise<number[]> {
  const s = pgCase(store);
  return hiddenFilters(s.db.pool, s.db.caseId);
}

/** A change to a case's legal filters, as the audit log names it (`legal-filter-CHANGE`). */
export type LegalChange = 'add' | 'remove' | 'grant' | 'revoke';

/**
 * What the audit log records of a change to filter `f` (`clew filter` and the team server's owner
 * routes alike): the action, the filter's id, and what it is (made or removed: its kind, label
 * and selection) or whose grant changed.
 */
export function legalAuditEntry(change: LegalChange, f: LegalFilter, user?: string): { action: string; records: number[]; detail: Record<string, string | number | null> } {
  const detail: Record<string, string | number | null> =
    change === 'add'
      ? { kind: f.kind, label: f.label, selection: JSON.stringify(f.selection), evaluatedAt: f.evaluatedAt }
      : change === 'remove'
        ? { kind: f.kind, label: f.label, selection: JSON.stringify(f.selection) }
        : { label: f.label, user: user ?? null };
  return { action: `legal-filter-${change}`, records: [f.id], detail };
}

/** The case a `clew filter` command names: `--db URI --case NAME`, or `--case LOCATOR` alone; refused on a SQLite case before it is opened. */
export function filterCaseLocator(db: string | undefined, caseName: string): { locator: string; url: string; name: string } {
  let locator = caseName;
  if (db !== undefined) {
    let u: URL;
    try {
      u = new URL(db);
    } catch {
      u = new URL('sqlite:/');
    }
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw unsupported();
    u.searchParams.set('case', caseName);
    locator = u.toString();
  }
  const loc = parseLocator(locator);
  if (loc.kind !== 'postgres') throw unsupported();
  return { locator, url: loc.url, name: loc.case };
}

function unsupported(): ClewError {
  return new ClewError(
    'CASE_BACKEND_UNAVAILABLE',
    'legal filters need a PostgreSQL database of cases (team mode): a SQLite case has one analyst, who reads all of it; put the case in a database (clew case copy) to hide messages from some of its users',
  );
}
