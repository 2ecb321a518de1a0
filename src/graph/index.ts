// Public API of the network analytics engine. Append-only: add your exports in a block of your own.

// --- core: representation and building
export type { Adjacency, CSRGraph, EdgeList } from './csr.js';
export type { BuildOptions, Mode, NodeMask } from './build.js';
export {
  MAX_EDGES,
  adjacencies,
  buildCSR,
  checkMask,
  checkNode,
  checkPositiveWeights,
  edgeCount,
  findArc,
  maskWithout,
  toEdgeList,
  toUndirected,
  transpose,
} from './build.js';

// --- core: utilities
export { IndexedMinHeap } from './heap.js';
export type { Rng } from './random.js';
export { createRng, sampleWithoutReplacement } from './random.js';
export type { Subgraph } from './subgraph.js';
export { inducedSubgraph } from './subgraph.js';

// --- core: measures
export type { Components } from './measures/components.js';
export { largestComponent, strongComponents, weakComponents } from './measures/components.js';
export { degree, strength } from './measures/degree.js';
export type { PageRankOptions, PageRankResult } from './measures/pagerank.js';
export { pagerank } from './measures/pagerank.js';
export type { BetweennessOptions, SampledBetweenness, SampledBetweennessOptions } from './measures/betweenness.js';
export { betweenness, sampledBetweenness } from './measures/betweenness.js';
export type { PathOptions, Traversal } from './measures/paths.js';
export { createTraversal, shortestPath, shortestPathLengths } from './measures/paths.js';
export type { ClosenessOptions } from './measures/closeness.js';
export { closeness } from './measures/closeness.js';
export type { HarmonicOptions } from './measures/harmonic.js';
export { harmonic } from './measures/harmonic.js';
export type { EigenvectorOptions, EigenvectorResult } from './measures/eigenvector.js';
export { eigenvectorCentrality } from './measures/eigenvector.js';
export { coreness } from './measures/kcore.js';
export type { Triangles } from './measures/clustering.js';
export { localClustering, transitivity, triangles } from './measures/clustering.js';
export type { EfficiencyOptions } from './measures/efficiency.js';
export { globalEfficiency } from './measures/efficiency.js';
export type { EgoNetwork, EgoOptions } from './measures/ego.js';
export { egoNetwork } from './measures/ego.js';
