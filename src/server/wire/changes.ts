// Wire types of GET /api/generation, derived from the contract (contract/case.ts).
import type { ResponseOf } from '../endpoint.js';
import type { generation } from '../contract/case.js';

/** GET /api/generation: how the workspace learns that its case changed (see routes/changes.ts). */
export type GenerationResponse = ResponseOf<typeof generation>;
