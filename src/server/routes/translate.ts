/**
 * Translation routes (issue 23 part 1): messages of the case shown beside their machine translation.
 * GET /api/translations answers from what the case holds (the server's handle is read-only, so it
 * translates nothing); POST /api/translate translates what the case does not hold yet and stores it,
 * through a short-lived writable handle (as annotations do). Apertium runs offline, on this machine.
 */
import { z } from 'zod';
import { withCase } from '../../api/case.js';
import { MAX_TRANSLATE_MESSAGES, translateMessages, translationEngine } from '../../api/translate.js';
import { ClewError } from '../../model/errors.js';
import type { Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';
import { parseInput, queryObject } from '../validate.js';
import type { TranslateResponse } from '../wire/translate.js';

const lang = z.string().regex(/^[a-z]{2,3}$/, { message: 'is not a language code like en' });
const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const translateBody = z.strictObject({ ids: z.array(id).min(1).max(MAX_TRANSLATE_MESSAGES), to: lang.optional() });
const translationsQuery = z.strictObject({ ids: z.string().max(MAX_TRANSLATE_MESSAGES * 17, { message: 'is too long' }), to: lang.optional() });

function parseIds(s: string): number[] {
  const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
  if (ids.length > MAX_TRANSLATE_MESSAGES) throw new ClewError('INVALID_ARGUMENT', `at most ${MAX_TRANSLATE_MESSAGES} messages at once`, { parameter: 'ids' });
  return ids.map((x) => {
    if (!/^[0-9]{1,16}$/.test(x) || !Number.isSafeInteger(Number(x)) || Number(x) < 1) throw new ClewError('INVALID_ARGUMENT', `"${x.slice(0, 20)}" is not a message id`, { parameter: 'ids' });
    return Number(x);
  });
}

export const TRANSLATE_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/translations$/,
    async handle({ store, query }): Promise<TranslateResponse> {
      const q = parseInput(translationsQuery, queryObject(query));
      return translateMessages(store, { ids: parseIds(q.ids), to: q.to, cachedOnly: true }, await translationEngine());
    },
  },
  {
    method: 'POST',
    pattern: /^\/translate$/,
    async handle({ store, body }): Promise<TranslateResponse> {
      const b = parseInput(translateBody, body);
      const engine = await translationEngine();
      return withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => translateMessages(w, { ids: b.ids, to: b.to }, engine));
    },
  },
];
