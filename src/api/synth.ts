/** Synthetic cases with ground truth (`clew synth`). */
export { writeCase } from '../synth/index.js';
export type { SynthOptions, SynthProgress, WriteCaseResult } from '../synth/index.js';
