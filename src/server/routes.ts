/**
 * The JSON API under /api. Each route validates its input with zod and calls the typed API;
 * responses follow the contract in wire.ts. Routes are a table so new views add one entry.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { search } from '../api/search.js';
import { show } from '../api/show.js';
import { threadPage } from '../api/thread.js';
import type { CaseStore } from '../api/types.js';
import { parseInput, queryObject, wholeNumber } from './validate.js';
import type { MessageResponse, QuarantineResponse, SearchResponse, StatsResponse, ThreadResponse } from './wire.js';

export interface RouteContext {
  store: CaseStore;
  params: string[];
  query: URLSearchParams;
}

export interface Route {
  method: 'GET';
  /** Matched against the path after /api; capture groups become `params`. */
  pattern: RegExp;
  handle(ctx: RouteContext): unknown;
}

const MAX_QUERY_CHARS = 2000;
const id = wholeNumber(1);

const statsQuery = z.strictObject({ top: wholeNumber(0, 100).optional() });

const searchQuery = z.strictObject({
  q: z.string().trim().min(1, { message: 'is empty: type something to search for' }).max(MAX_QUERY_CHARS, { message: `is longer than ${MAX_QUERY_CHARS} characters` }),
  mode: z.enum(['folded', 'exact']).optional(),
  limit: wholeNumber(1, 200).optional(),
  cursor: wholeNumber(1).optional(),
});

const messageQuery = z.strictObject({ context: wholeNumber(0, 100).optional() });
const threadQuery = z.strictObject({ before: wholeNumber(0, 200).optional(), after: wholeNumber(0, 200).optional() });
const quarantineQuery = z.strictObject({ limit: wholeNumber(1, 1000).optional() });

export const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/stats$/,
    handle({ store, query }): StatsResponse {
      const q = parseInput(statsQuery, queryObject(query));
      return {
        case: { path: store.path, name: basename(store.path) },
        stats: store.stats({ top: q.top ?? 10 }),
        sources: store.sources().map((s) => ({
          id: s.id,
          name: s.name,
          path: s.path,
          sha256: s.sha256,
          format: s.format,
          status: s.status,
          records: s.records,
          rejected: s.rejected,
          duplicates: s.duplicates,
        })),
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/search$/,
    handle({ store, query }): SearchResponse {
      const q = parseInput(searchQuery, queryObject(query));
      const r = search(store, { query: q.q, mode: q.mode ?? 'folded', limit: q.limit ?? 50, cursor: q.cursor });
      return { query: r.query, hits: r.hits, nextCursor: r.nextCursor, notes: r.notes, elapsedMs: Math.round(r.elapsedMs * 10) / 10 };
    },
  },
  {
    method: 'GET',
    pattern: /^\/messages\/([^/]+)$/,
    async handle({ store, params, query }): Promise<MessageResponse> {
      const mid = parseInput(id, params[0]);
      const q = parseInput(messageQuery, queryObject(query));
      const r = await show(store, mid, { context: q.context ?? 20 });
      return { message: r.message, mentions: r.mentions, thread: r.thread, raw: r.raw };
    },
  },
  {
    method: 'GET',
    pattern: /^\/messages\/([^/]+)\/thread$/,
    handle({ store, params, query }): ThreadResponse {
      const mid = parseInput(id, params[0]);
      const q = parseInput(threadQuery, queryObject(query));
      return threadPage(store, mid, { before: q.before ?? 20, after: q.after ?? 20 });
    },
  },
  {
    method: 'GET',
    pattern: /^\/quarantine$/,
    handle({ store, query }): QuarantineResponse {
      const q = parseInput(quarantineQuery, queryObject(query));
      return { rows: store.quarantine({ limit: q.limit ?? 100 }) };
    },
  },
];
