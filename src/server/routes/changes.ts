/**
 * GET /api/generation: the case's generation as the server sees it (case-state.ts). The server
 * reads the case's change counter before answering any request, so this answer is current; the
 * workspace polls it (web/src/lib/changes.ts) and refetches what it shows when it moves.
 */
import { caseState } from '../case-state.js';
import { generation } from '../contract/case.js';
import { defineRoute, type Route } from '../route.js';

export const CHANGES_ROUTES: Route[] = [defineRoute(generation, async ({ store }) => ({ generation: await caseState(store).sync() }))];
