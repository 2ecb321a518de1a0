/**
 * Request and response schemas of the API, declared once with zod: the routes validate their
 * input with them (validate.ts parseInput), wire.ts derives the response types from them (type
 * imports only, so the web app still pulls no server code in), and tests hold the real answers
 * to them. So far the case routes of routes.ts and GET /api/generation; the rest of the API's
 * schemas still live beside their routes and in wire/.
 */
import { z } from 'zod';
import { ENTITY_TYPES } from '../api/entities.js';
import { NETWORK_LEVELS } from '../api/network.js';
import { MAX_KEY_PLAYERS } from './keyplayers.js';
import { wholeNumber } from './validate.js';

export const MAX_QUERY_CHARS = 2000;

/** A record id in a path (/api/messages/ID). */
export const recordId = wholeNumber(1);

/** GET /api/stats */
export const statsQuery = z.strictObject({ top: wholeNumber(0, 100).optional() });

/** GET /api/search */
export const searchQuery = z.strictObject({
  q: z.string().trim().min(1, { message: 'is empty: type something to search for' }).max(MAX_QUERY_CHARS, { message: `is longer than ${MAX_QUERY_CHARS} characters` }),
  mode: z.enum(['folded', 'exact']).optional(),
  limit: wholeNumber(1, 200).optional(),
  cursor: wholeNumber(1).optional(),
  /** Count the matches up to this many (first page). */
  count: wholeNumber(1, 10_000).optional(),
  /** 1: also search the messages' stored machine translations (folded mode); each hit then carries its translation. */
  translated: z.enum(['0', '1']).optional(),
});

/** GET /api/languages (no parameters; any given are ignored): the case's languages, most messages first (null: none detected), for the language filter. */
export const languagesResponse = z.strictObject({
  languages: z.array(z.strictObject({ lang: z.string().nullable(), messages: z.number().int().nonnegative() })),
});

/** GET /api/messages/ID */
export const messageQuery = z.strictObject({ context: wholeNumber(0, 100).optional() });
/** GET /api/messages/ID/thread */
export const threadQuery = z.strictObject({ before: wholeNumber(0, 200).optional(), after: wholeNumber(0, 200).optional() });
/** GET /api/quarantine */
export const quarantineQuery = z.strictObject({ limit: wholeNumber(1, 1000).optional() });
/** GET /api/entities */
export const entitiesQuery = z.strictObject({ type: z.enum(ENTITY_TYPES).optional(), limit: wholeNumber(1, 1000).optional(), offset: wholeNumber(0, 1_000_000).optional() });
/** GET /api/keyplayers */
export const keyPlayersQuery = z.strictObject({ top: wholeNumber(1, MAX_KEY_PLAYERS).optional(), level: z.enum(NETWORK_LEVELS).optional() });

/** GET /api/generation */
export const generationQuery = z.strictObject({});
export const generationResponse = z.strictObject({
  /**
   * Grows each time the server sees the case change (an ingest, merge, lexicon edit or identity
   * decision, from the workspace, another tab or the CLI in another process): when it moves, what
   * a view shows is stale and is fetched again.
   */
  generation: z.number().int().nonnegative(),
});
