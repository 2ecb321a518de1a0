/**
 * Translation routes (issue 23 part 1): messages of the case shown beside their machine translation.
 * GET /api/translations answers from what the case holds (the server's handle is read-only, so it
 * translates nothing); POST /api/translate translates what the case does not hold yet and stores it,
 * through a short-lived writable handle (as annotations do). Apertium runs offline, on this machine.
 */
import { withCase } from '../../api/case.js';
import { MAX_TRANSLATE_MESSAGES, translateMessages, translationEngine } from '../../api/translate.js';
import { ClewError } from '../../model/errors.js';
import * as api from '../contract/views.js';
import { defineRoute, type Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';

function parseIds(s: string): number[] {
  const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
  if (ids.length > MAX_TRANSLATE_MESSAGES) throw new ClewError('INVALID_ARGUMENT', `at most ${MAX_TRANSLATE_MESSAGES} messages at once`, { parameter: 'ids' });
  return ids.map((x) => {
    if (!/^[0-9]{1,16}$/.test(x) || !Number.isSafeInteger(Number(x)) || Number(x) < 1) throw new ClewError('INVALID_ARGUMENT', `"${x.slice(0, 20)}" is not a message id`, { parameter: 'ids' });
    return Number(x);
  });
}

export const TRANSLATE_ROUTES: Route[] = [
  defineRoute(api.translations, async ({ store, query: q }) => translateMessages(store, { ids: parseIds(q.ids), to: q.to, cachedOnly: true }, await translationEngine())),
  defineRoute(api.translate, async ({ store, body: b }) => {
    const engine = await translationEngine();
    return withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => translateMessages(w, { ids: b.ids, to: b.to }, engine));
  }),
];
