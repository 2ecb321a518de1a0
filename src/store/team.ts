/**
 * The team directory of a PostgreSQL database (clew server --db URI): its users, their grants per
 * case, their sessions, and each case as one user may see it. Need-to-know is enforced by the
 * database (row-level security on every case table, the user set with SET LOCAL in each
 * transaction), so a store opened with `openCaseAs` cannot return a row of a case its user may not
 * read, whatever the code above it asks.
 */
import type { CaseStore } from './types.js';

/** Roles per case: owner (all, and grants), analyst (read, annotate, run analyses), reader (read), auditor (the audit log only). */
export const CASE_ROLES = ['owner', 'analyst', 'reader', 'auditor'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export interface TeamUser {
  id: number;
  name: string;
  /** The user's agency (their group), e.g. "NL-Politie"; null when none was given. */
  agency: string | null;
  disabled: boolean;
}

export interface TeamSession {
  /** Opaque, random (at least 128 bits), the HttpOnly cookie's value; stored only as its hash. */
  id: string;
  userId: number;
  /** The CSRF token bound to this session (sent back by the web app in a header on every POST/DELETE). */
  csrf: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface TeamCase {
  name: string;
  role: CaseRole;
}

/** A user's role on a case and the way to open it as them (TeamDirectory.caseAs). */
export interface CaseAsUser {
  role: CaseRole;
  open(): CaseStore;
  /**
   * End the read request (caseAs with readRequest: its one read-only transaction committed, its
   * connection given back; the store's queries after it run each on its own); nothing otherwise.
   * Never fails; call it once the request is answered, failed or refused.
   */
  end(): Promise<void>;
}

export interface TeamDirectory {
  /** A new user; USER_EXISTS (INVALID_ARGUMENT) when the name is taken. The password is hashed with argon2id. */
  addUser(name: string, password: string, agency?: string | null): Promise<TeamUser>;
  /** Disable a user: they can no longer sign in and all their sessions are revoked at once. */
  disableUser(name: string): Promise<void>;
  /** Give `user` `role` on `caseName` (replacing a role they had there). */
  grant(user: string, caseName: string, role: CaseRole): Promise<void>;
  /** Take away every role `user` had on `caseName`, and end what they could read there at once. */
  revoke(user: string, caseName: string): Promise<void>;
  /**
   * `grant` done by signed-in user `actorId` (the team server): only an owner of the case may
   * (NOT_OWNER; CASE_NOT_FOUND as openCaseAs when the actor holds no role there); the database
   * refuses the server's role any other grant.
   */
  grantAs(actorId: number, user: string, caseName: string, role: CaseRole): Promise<void>;
  /** `revoke` done by signed-in user `actorId`: an owner of the case only, as grantAs. */
  revokeAs(actorId: number, user: string, caseName: string): Promise<void>;
  /** The user when the password is theirs and they are enabled; null otherwise (unknown, wrong or disabled, in the same time). */
  authenticate(name: string, password: string): Promise<TeamUser | null>;
  /** The cases the user holds a role on, by name. */
  casesOf(userId: number): Promise<TeamCase[]>;
  roleIn(userId: number, caseName: string): Promise<CaseRole | null>;
  /**
   * The case as this user sees it: every query of the returned store runs in a transaction that
   * first sets the user (SET LOCAL), so row-level security filters it. Cheap (a shared pool, no
   * schema check): the server may call it for each request. CASE_NOT_FOUND when the user holds no
   * role on the case, the same whether or not the case exists.
   */
  openCaseAs(userId: number, caseName: string): Promise<CaseStore>;
  /**
   * The user's role on the case and the way to open it as them, in one query (what the team server
   * does for each request: roleIn then openCaseAs, one round trip less); null when they hold no role
   * on it (whether or not it exists). `open()` fails as openCaseAs does on a case of another schema.
   * `readRequest`: for one request that only reads, this query and every plain read of the store
   * run in one READ ONLY transaction on one connection, the user set once, until `end()`.
   */
  caseAs(userId: number, caseName: string, opts?: { readRequest?: boolean }): Promise<CaseAsUser | null>;
  createSession(userId: number, ttlMs: number): Promise<TeamSession>;
  /** The live session with its user; null when unknown, expired, revoked or the user is disabled. */
  session(id: string): Promise<(TeamSession & { user: TeamUser }) | null>;
  revokeSession(id: string): Promise<void>;
  /** The user's newest notifications (cross-case discovery: someone looked at a selector a case of theirs holds), and how many are unseen. */
  notifications(userId: number, limit: number): Promise<{ notifications: TeamNotification[]; unseen: number }>;
  /** Mark the user's notifications up to id `upTo` seen. */
  markNotificationsSeen(userId: number, upTo: number): Promise<void>;
  close(): Promise<void>;
}

/** A notification of one user's: someone who may not read their case looked at a selector it holds. */
export interface TeamNotification {
  id: number;
  at: number;
  kind: 'discovery';
  looker: { name: string; agency: string | null };
  /** The case the looker was working in (null when they named none). */
  fromCase: string | null;
  /** The recipient's case that holds the selector. */
  case: string;
  selector: string;
  seenAt: number | null;
}

