// Wire types of the session and the case list (GET/POST/DELETE /api/session, GET /api/cases), derived from the contract (contract/session.ts).
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { cases, session, wireCase } from '../contract/session.js';

/** A case the signed-in user may open, and their role on it. */
export type WireCase = z.output<typeof wireCase>;
export type WireCaseRole = WireCase['role'];
/** GET /api/cases */
export type CasesResponse = ResponseOf<typeof cases>;
/** GET /api/session (and POST's answer): who is signed in. */
export type SessionResponse = ResponseOf<typeof session>;
