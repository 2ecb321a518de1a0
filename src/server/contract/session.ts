/**
 * The server's fixed points, not a case's routes: who is signed in, signing in and out (team
 * server), and the cases one may open. They live at /api/session and /api/cases, never under
 * /api/cases/CASE/; server.ts answers them (each mode its own way). User names, agencies and
 * case names are text: render them as text only.
 */
import { z } from 'zod';
import type { CaseRole } from '../../api/team.js';
import { endpoint } from '../endpoint.js';
import { int } from './common.js';

/** The roles on a case (src/store/team.ts CASE_ROLES: the server's answers are checked against it). */
const caseRole = z.enum(['owner', 'analyst', 'reader', 'auditor'] as const satisfies readonly CaseRole[]);

/** A case the caller may open, and their role on it. */
export const wireCase = z.strictObject({ name: z.string(), role: caseRole });

/**
 * Who is signed in. `mode` "single": `clew serve` (one case, the access token; no user, no CSRF
 * token); "team": `clew server --db`, a signed-in user whose every POST and DELETE must carry
 * `csrf` in the X-CSRF-Token header.
 */
export const sessionResponse = z.strictObject({
  mode: z.enum(['single', 'team']),
  user: z.strictObject({ name: z.string(), agency: z.string().nullable() }).nullable(),
  cases: z.array(wireCase),
  csrf: z.string().nullable(),
  /** Milliseconds since the epoch; null in single mode. */
  expiresAt: int.nullable(),
});

export const session = endpoint({
  method: 'GET',
  path: '/session',
  server: true,
  summary: 'Who is signed in, the cases they may open and the CSRF token their POST and DELETE requests carry (team server: 401 when nobody is)',
  response: sessionResponse,
});

export const signIn = endpoint({
  method: 'POST',
  path: '/session',
  server: true,
  summary: 'Sign in to a team server with a user name and password (rate-limited per address and per user name); sets the session cookie',
  body: z.strictObject({ user: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
  response: sessionResponse,
});

export const signOut = endpoint({
  method: 'DELETE',
  path: '/session',
  server: true,
  summary: 'Sign out of a team server: the session is revoked and its cookie cleared',
  response: z.strictObject({ signedOut: z.boolean() }),
});

export const cases = endpoint({
  method: 'GET',
  path: '/cases',
  server: true,
  summary: 'The cases the caller may open, with their role on each',
  response: z.strictObject({ cases: z.array(wireCase) }),
});
