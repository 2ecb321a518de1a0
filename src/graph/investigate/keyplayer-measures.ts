/**
 * The four measure vectors keyPlayerRank combines by default, from the engine: PageRank
 * (weighted), betweenness (hop counts; `samples` pivots on large graphs), degree (distinct
 * contacts, in + out) and eigenvector centrality (weighted, on the undirected view for a
 * directed graph, where the leading eigenvector of a non-symmetric matrix is ill-suited to
 * sparse call graphs).
 */
import { toUndirected } from '../build.js';
import type { CSRGraph } from '../csr.js';
import { betweenness, sampledBetweenness } from '../measures/betweenness.js';
import { degree } from '../measures/degree.js';
import { eigenvectorCentrality } from '../measures/eigenvector.js';
import { pagerank } from '../measures/pagerank.js';
import { keyPlayerRank, type KeyPlayerOptions, type KeyPlayerRow } from './keyplayer-rank.js';

export interface KeyPlayerMeasures {
  pagerank: Float64Array;
  betweenness: Float64Array;
  degree: Float64Array;
  eigenvector: Float64Array;
}

export function keyPlayerMeasures(g: CSRGraph, opts: { samples?: number; seed?: number } = {}): KeyPlayerMeasures {
  return {
    pagerank: pagerank(g).scores,
    betweenness: opts.samples !== undefined ? sampledBetweenness(g, { samples: opts.samples, seed: opts.seed ?? 1 }).scores : betweenness(g),
    degree: degree(g, 'all'),
    eigenvector: eigenvectorCentrality(toUndirected(g)).scores,
  };
}

/** keyPlayerRank with the engine's measures. */
export function rankKeyPlayers(g: CSRGraph, opts: KeyPlayerOptions & { samples?: number; seed?: number } = {}): KeyPlayerRow[] {
  const { samples, seed, ...rest } = opts;
  return keyPlayerRank(g, { ...keyPlayerMeasures(g, { samples, seed }) }, rest);
}
