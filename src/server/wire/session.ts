/** Wire contract of the session and the case list (GET/POST/DELETE /api/session, GET /api/cases). */

export type WireCaseRole = 'owner' | 'analyst' | 'reader' | 'auditor';

/** A case the signed-in user may open, and their role on it. */
export interface WireCase {
  name: string;
  role: WireCaseRole;
}

export interface CasesResponse {
  cases: WireCase[];
}

/**
 * Who is signed in. `mode` "single": `clew serve` (one case, the access token; no user, no CSRF
 * token); "team": `clew server --db`, a signed-in user whose every POST and DELETE must carry
 * `csrf` in the X-CSRF-Token header.
 */
export interface SessionResponse {
  mode: 'single' | 'team';
  user: { name: string; agency: string | null } | null;
  cases: WireCase[];
  csrf: string | null;
  /** Milliseconds since the epoch; null in single mode. */
  expiresAt: number | null;
}

/** POST /api/session. */
export interface SignInBody {
  user: string;
  password: string;
}
