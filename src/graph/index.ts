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
  mapWeights,
  maskWithout,
  reverse,
  toEdgeList,
  toUndirected,
  transpose,
} from './build.js';

// --- core: utilities
export { IndexedMinHeap } from './heap.js';
export type { Rng } from './random.js';
export { createRng, sampleWithoutReplacement } from './random.js';
export type { LocalityView, Relabelled } from './reorder.js';
export { RELABEL_MIN_NODES, bfsOrder, localityView, permute, toOriginalOrder } from './reorder.js';
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
export type { SampledHarmonic, SampledHarmonicOptions } from './measures/sampled-harmonic.js';
export { sampledHarmonic } from './measures/sampled-harmonic.js';
export type { EigenvectorOptions, EigenvectorResult } from './measures/eigenvector.js';
export { eigenvectorCentrality } from './measures/eigenvector.js';
export { coreness } from './measures/kcore.js';
export type { Triangles } from './measures/clustering.js';
export { localClustering, transitivity, triangles } from './measures/clustering.js';
export type { EfficiencyOptions } from './measures/efficiency.js';
export { globalEfficiency } from './measures/efficiency.js';
export type { EgoNetwork, EgoOptions } from './measures/ego.js';
export { egoNetwork } from './measures/ego.js';

// --- communities
export type { CommunityOptions, CommunityResult } from './communities/louvain.js';
export { louvain } from './communities/louvain.js';
export type { LeidenOptions } from './communities/leiden.js';
export { leiden } from './communities/leiden.js';
export { modularity } from './communities/modularity.js';

// --- investigation
export type { Brokerage, BrokerageOptions, BrokerageRole } from './investigate/brokerage.js';
export { BROKERAGE_ROLES, brokerage, dominantRole } from './investigate/brokerage.js';
export type { KeyPlayerContact, KeyPlayerOptions, KeyPlayerRow } from './investigate/keyplayer-rank.js';
export { DEFAULT_KEYPLAYER_WEIGHTS, keyPlayerRank, normalisedRanks, topContacts } from './investigate/keyplayer-rank.js';
export type { KeyPlayerMeasures } from './investigate/keyplayer-measures.js';
export { keyPlayerMeasures, rankKeyPlayers } from './investigate/keyplayer-measures.js';
export type { KppNegOptions, KppNegResult } from './investigate/kpp-neg.js';
export { distanceFragmentation, fragmentation, kppNeg } from './investigate/kpp-neg.js';
export type { DisruptOptions, DisruptStep, EfficiencyFn, Scorer } from './investigate/disrupt.js';
export { CAVALLARO_2020, disrupt } from './investigate/disrupt.js';
export type { DisruptByOptions, StrategyName } from './investigate/strategies.js';
export { betweennessScorer, cavallaro2020, degreeScorer, disruptBy, efficiencyOf, pagerankScorer } from './investigate/strategies.js';

// --- temporal
export type { Mover, TemporalEdges, WindowMeasure, WindowOptions, WindowResult, WindowUnit } from './temporal/windows.js';
export { distinctDegree, windows } from './temporal/windows.js';
export { windowPagerank, windowStrength } from './temporal/window-measures.js';
export type { EdgeContacts } from './temporal/contacts.js';
export { edgeContacts } from './temporal/contacts.js';

// --- io
export type { EdgeCsvOptions, LabelledEdges } from './io/edges-csv.js';
export { parseEdgeCsv } from './io/edges-csv.js';
export type { MatrixCsvOptions } from './io/matrix-csv.js';
export { parseMatrixCsv } from './io/matrix-csv.js';

// --- export
export type { Column, NetworkExport } from './export/types.js';
export type { GexfOptions } from './export/gexf.js';
export { toGexf } from './export/gexf.js';
export { toGraphml } from './export/graphml.js';
export type { CsvExport, CsvOptions } from './export/csv.js';
export { toCsv } from './export/csv.js';
export type { I2Options } from './export/i2.js';
export { I2_COLUMNS, toI2Csv } from './export/i2.js';
export type { FtmAccount, FtmCall, FtmEntity, FtmInput, FtmMessage, FtmPerson } from './export/ftm.js';
export { ftmId, toFtmEntities, toFtmNdjson } from './export/ftm.js';

// --- scopes: analyses on a community, ego network, time window or node set (issue 17 part 3)
export type { Scope, ScopeSpec } from './scope/scope.js';
export { resolveScope, toParent, toScope } from './scope/scope.js';
export type { BrokerRow, CutOff, ScopeFigures, ScopedDisruption, ScopedDisruptionOptions, WatchedSet } from './scope/disruption.js';
export { competitionRanks, scopedDisruption } from './scope/disruption.js';
export type { ScopeRequest } from './scope/parse.js';
export { MAX_SCOPE_LENGTH, SCOPE_FORMS, parseScope, parseWindowBound } from './scope/parse.js';
