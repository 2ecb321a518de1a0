/** Dossier routes: one account's dossier, and the list of accounts to open one for. */
import { dossier, findAccounts } from '../../api/dossier.js';
import * as api from '../contract/views.js';
import { defineRoute, type Route } from '../route.js';

export const DOSSIER_ROUTES: Route[] = [
  defineRoute(api.dossierIndex, ({ store, query: q }) => findAccounts(store, q.q ?? '', q.top ?? 25)),
  // the path arrives decoded, and a reference may hold a slash: everything after /dossier/
  defineRoute(api.dossier, async ({ store, params, query: q }) => {
    // person:<id or name> is a person of identity resolution (all its accounts)
    const subject = params.ref.startsWith('person:') ? { person: params.ref.slice('person:'.length) } : { account: params.ref };
    const r = await dossier(store, subject, { contacts: q.contacts, entitiesPerType: q.entities });
    return { ...r, elapsedMs: Math.round(r.elapsedMs * 10) / 10 };
  }),
];
