import type { z } from 'zod';
import type { generationResponse } from '../schemas.js';

/** GET /api/generation: how the workspace learns that its case changed (see routes/changes.ts; schemas.ts). */
export type GenerationResponse = z.output<typeof generationResponse>;
