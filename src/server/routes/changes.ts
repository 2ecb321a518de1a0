/**
 * GET /api/generation: the case's generation as the server sees it (case-state.ts). The server
 * reads the case's change counter before answering any request, so this answer is current; the
 * workspace polls it (web/src/lib/changes.ts) and refetches what it shows when it moves.
 */
import { caseState } from '../case-state.js';
import type { Route } from '../route.js';
import { generationQuery } from '../schemas.js';
import { parseInput, queryObject } from '../validate.js';
import type { GenerationResponse } from '../wire/changes.js';

export const CHANGES_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/generation$/,
    async handle({ store, query }): Promise<GenerationResponse> {
      parseInput(generationQuery, queryObject(query));
      return { generation: await caseState(store).sync() };
    },
  },
];
