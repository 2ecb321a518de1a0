/** Exports from the workspace: files to save, not JSON (routes/export.ts). */
import { z } from 'zod';
import { MAX_REF_CHARS } from '../../api/dossier.js';
import { ENTITY_TYPES } from '../../api/entities.js';
import { endpoint } from '../endpoint.js';
import { MAX_QUERY_CHARS } from './case.js';
import { filterShape } from './network.js';
import { activityQuery } from './timeline.js';

/** The network formats the workspace offers (the CLI's `csv` pair of files is not one file to download). */
export const NETWORK_DOWNLOAD_FORMATS = ['gexf', 'graphml', 'i2', 'ftm'] as const;
export type NetworkDownloadFormat = (typeof NETWORK_DOWNLOAD_FORMATS)[number];

export const NETWORK_DOWNLOAD_TYPES: Record<NetworkDownloadFormat, { type: string; ext: string }> = {
  gexf: { type: 'application/gexf+xml; charset=utf-8', ext: 'gexf' },
  graphml: { type: 'application/graphml+xml; charset=utf-8', ext: 'graphml' },
  i2: { type: 'text/csv; charset=utf-8', ext: 'i2.csv' },
  ftm: { type: 'application/x-ndjson; charset=utf-8', ext: 'ftm.json' },
};

export const CSV_TYPE = 'text/csv; charset=utf-8';
const CSV = [CSV_TYPE] as const;

export const networkExport = endpoint({
  method: 'GET',
  path: '/network/export',
  summary: 'The contact network with its measures as a file (GEXF, GraphML, i2 CSV, FollowTheMoney), with the Network view’s filters and scope',
  query: z.strictObject({ ...filterShape, format: z.enum(NETWORK_DOWNLOAD_FORMATS) }),
  produces: [...new Set(Object.values(NETWORK_DOWNLOAD_TYPES).map((t) => t.type))],
});

export const csvSearch = endpoint({
  method: 'GET',
  path: '/csv/search',
  summary: 'Every hit of a query as CSV, newest first (RFC 4180, UTF-8 with a BOM, formula cells guarded; row cap in X-Clew-Row-Cap)',
  query: z.strictObject({
    q: z.string().trim().min(1, { message: 'is empty: type something to search for' }).max(MAX_QUERY_CHARS, { message: `is longer than ${MAX_QUERY_CHARS} characters` }),
    mode: z.enum(['folded', 'exact']).optional(),
  }),
  produces: CSV,
});

export const csvContacts = endpoint({
  method: 'GET',
  path: '/csv/contacts',
  summary: "A dossier's contacts as CSV (an account, or person:<id>)",
  query: z.strictObject({ subject: z.string().trim().min(1, { message: 'is empty' }).max(MAX_REF_CHARS, { message: `is longer than ${MAX_REF_CHARS} characters` }) }),
  produces: CSV,
});

export const csvTimeline = endpoint({
  method: 'GET',
  path: '/csv/timeline',
  summary: 'Messages and calls per bucket and series as CSV (the Timeline view’s query)',
  query: activityQuery,
  produces: CSV,
});

export const csvEntities = endpoint({
  method: 'GET',
  path: '/csv/entities',
  summary: 'Entities, most mentioned first, as CSV',
  query: z.strictObject({ type: z.enum(ENTITY_TYPES).optional() }),
  produces: CSV,
});

export const csvQuarantine = endpoint({
  method: 'GET',
  path: '/csv/quarantine',
  summary: 'Quarantined records as CSV',
  query: z.strictObject({}),
  produces: CSV,
});
