/** Dossier routes: one account's dossier, and the list of accounts to open one for. */
import { z } from 'zod';
import { dossier, findAccounts, MAX_REF_CHARS } from '../../api/dossier.js';
import type { Route } from '../route.js';
import { parseInput, queryObject, wholeNumber } from '../validate.js';
import type { DossierIndexResponse, DossierResponse } from '../wire/dossier.js';

const refParam = z.string().trim().min(1, { message: 'is empty' }).max(MAX_REF_CHARS, { message: `is longer than ${MAX_REF_CHARS} characters` });
const dossierQuery = z.strictObject({ contacts: wholeNumber(1, 500).optional(), entities: wholeNumber(1, 200).optional() });
const indexQuery = z.strictObject({ q: z.string().max(MAX_REF_CHARS, { message: `is longer than ${MAX_REF_CHARS} characters` }).optional(), top: wholeNumber(1, 100).optional() });

export const DOSSIER_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/dossier$/,
    async handle({ store, query }): Promise<DossierIndexResponse> {
      const q = parseInput(indexQuery, queryObject(query));
      return findAccounts(store, q.q ?? '', q.top ?? 25);
    },
  },
  {
    method: 'GET',
    // the path arrives decoded, and a reference may hold a slash: everything after /dossier/
    pattern: /^\/dossier\/(.+)$/s,
    async handle({ store, params, query }): Promise<DossierResponse> {
      const ref = parseInput(refParam, params[0]);
      const q = parseInput(dossierQuery, queryObject(query));
      // person:<id or name> is a person of identity resolution (all its accounts)
      const subject = ref.startsWith('person:') ? { person: ref.slice('person:'.length) } : { account: ref };
      const r = await dossier(store, subject, { contacts: q.contacts, entitiesPerType: q.entities });
      return { ...r, elapsedMs: Math.round(r.elapsedMs * 10) / 10 };
    },
  },
];
