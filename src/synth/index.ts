/** Public API of the synthetic case generator (`clew synth`). */
export { generateCase, resolveSynthOptions } from './generate.js';
export type { SynthCase } from './generate.js';
export { writeCase } from './write.js';
export type { SynthProgress, WriteCaseResult } from './write.js';
export { DEFAULT_SYNTH_OPTIONS } from './types.js';
export type {
  PlantedEntity, PlantedEntry, ResolvedSynthOptions, Role, SynthChunk, SynthOptions, SynthStats, SynthTruth, TruthConversation, TruthDecoy,
  TruthGroup, TruthHandle, TruthPerson, TruthRotation, TruthShipment,
} from './types.js';
