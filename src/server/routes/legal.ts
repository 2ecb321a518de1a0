/**
 * Legal filters in the workspace (contract/legal.ts; what they hide: docs/team.md). The case is
 * open as its owner (roles.ts lets nobody else call these routes, and the database's policy
 * clew_owner refuses anyone else again), so each change is made as that user; each is recorded in
 * the audit log as `clew filter` records it (api/legal.ts legalAuditEntry). A SQLite case (`clew
 * serve`) has no filters: CASE_BACKEND_UNAVAILABLE.
 */
import { WORKSPACE_AUTHOR } from '../../api/annotations.js';
import { addFilter, grantFilter, type LegalChange, type LegalFilter, legalAuditEntry, listFilters, removeFilter, revokeFilter } from '../../api/legal.js';
import type { CaseStore } from '../../api/types.js';
import * as api from '../contract/legal.js';
import { defineRoute, type Route } from '../route.js';

/** A filter as the wire shows it: a filter by account with its accounts' references. */
async function wire(store: CaseStore, f: LegalFilter) {
  const ids = 'accounts' in f.selection ? f.selection.accounts : null;
  const refs = ids ? await store.accountsByIds(ids) : null;
  return { ...f, accountRefs: ids ? ids.map((id) => refs?.get(id)?.ref ?? `#${id}`) : null };
}

/** The route, its audit entry being the change it made to the filter it answers (and the user of a grant or revoke). */
function audited(route: Route, change: LegalChange): Route {
  return {
    ...route,
    auditAs: (value) => {
      const v = value as { filter?: LegalFilter; removed?: LegalFilter; user?: string };
      return legalAuditEntry(change, (v.filter ?? v.removed)!, v.user);
    },
  };
}

const by = (user: { name: string } | null) => user?.name ?? WORKSPACE_AUTHOR;

export const LEGAL_ROUTES: Route[] = [
  defineRoute(api.legalFilters, async ({ store }) => ({ filters: await Promise.all((await listFilters(store)).map((f) => wire(store, f))) })),
  audited(
    defineRoute(api.legalFilterAdd, async ({ store, user, body }) => ({ filter: await wire(store, await addFilter(store, body, by(user))) })),
    'add',
  ),
  audited(
    defineRoute(api.legalFilterRemove, async ({ store, params }) => ({ removed: await wire(store, await removeFilter(store, params.id)) })),
    'remove',
  ),
  audited(
    defineRoute(api.legalFilterGrant, async ({ store, user, params, body }) => ({ filter: await wire(store, await grantFilter(store, params.id, body.user, by(user))), user: body.user })),
    'grant',
  ),
  audited(
    defineRoute(api.legalFilterRevoke, async ({ store, params }) => ({ filter: await wire(store, await revokeFilter(store, params.id, params.user)), user: params.user })),
    'revoke',
  ),
];
