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

// --- core: measures
export type { Components } from './measures/components.js';
export { largestComponent, strongComponents, weakComponents } from './measures/components.js';
