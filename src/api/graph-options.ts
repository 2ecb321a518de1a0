/**
 * The choices `clew graph` offers, in a module of their own that imports nothing at run time:
 * the CLI lists them in its help without loading the graph API (and with it the store and the
 * engine), so `clew --help` stays fast.
 */
import type { WindowUnit } from '../graph/index.js';

export const RANK_MEASURES = ['pagerank', 'degree', 'betweenness', 'eigenvector', 'harmonic', 'composite'] as const;
export type RankMeasure = (typeof RANK_MEASURES)[number];

export const DISRUPT_STRATEGIES = ['degree', 'betweenness', 'pagerank', 'cavallaro'] as const;
export type DisruptStrategy = (typeof DISRUPT_STRATEGIES)[number];

export const EXPORT_FORMATS = ['gexf', 'graphml', 'csv', 'ftm', 'i2'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const WINDOW_UNITS: readonly WindowUnit[] = ['day', 'week', 'month'];

export type NetworkLevel = 'account' | 'person';
export const NETWORK_LEVELS: readonly NetworkLevel[] = ['account', 'person'];
