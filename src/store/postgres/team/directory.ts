/**
 * The team directory of a PostgreSQL database (src/store/team.ts): users (argon2id password
 * hashes: password.ts), their role per case, their sessions, and each case as one user sees it,
 * through one pool shared by every user (scoped.ts sets the user in each transaction, row-level
 * security does the rest: rls.ts).
 *
 * The directory opens with either URI of the database:
 * - the admin's (the tables' owner; the CLI: `clew users …`, `clew grant`): it creates or
 *   migrates the schema when needed, and may add, disable and grant;
 * - the team server's role (`clew server`): the schema must be current; it authenticates, keeps
 *   sessions and opens cases as users, and its attempts to add users or grant are refused by
 *   the database (it has no privilege on them).
 */
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { ClewError } from '../../../model/errors.js';
import type { PostgresLocator } from '../../locator.js';
import { CASE_ROLES, type CaseAsUser, type CaseRole, type TeamCase, type TeamDirectory, type TeamNotification, type TeamSession, type TeamUser } from '../../team.js';
import { listNotifications, markNotificationsSeen } from '../discovery.js';
import type { CaseStore } from '../../types.js';
import { ensureSchema, findCase } from '../cases.js';
import { connectPool, one, pgCode, rows, transaction } from '../db.js';
import { redactUrl } from '../locator.js';
import { PG_SCHEMA_VERSION } from '../schema.js';
import { PostgresCaseStore } from '../store.js';
import { checkPassword, dummyHash, hashPassword, verifyPassword } from './password.js';
import { SERVER_ROLE } from './rls.js';
import { grantServerRole } from './roles.js';
import { userReadRequest, userScopedPool } from './scoped.js';

const MAX_NAME = 64;
const MAX_AGENCY = 100;
const MAX_CASE_NAME = 200;
const MAX_SESSION_ID = 128;
/** The longest a session may live: 30 days. */
export const MAX_SESSION_MS = 30 * 24 * 3600 * 1000;

/** A user name: letters, digits and . _ - @ (1 to 64), so it prints and logs safely everywhere. */
const USER_NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

export function checkUserName(name: string): void {
  if (!USER_NAME.test(name))
    throw new ClewError('INVALID_ARGUMENT', `a user name is 1 to ${MAX_NAME} letters, digits and . _ - @`, { name: name.slice(0, MAX_NAME) });
}

function checkAgency(agency: string | null): void {
  if (agency === null) return;
  if (agency.length === 0 || agency.length > MAX_AGENCY || /[\p{Cc}\p{Cf}]/u.test(agency))
    throw new ClewError('INVALID_ARGUMENT', `an agency is 1 to ${MAX_AGENCY} printable characters`, { agency: agency.slice(0, MAX_AGENCY) });
}

function checkRole(role: string): asserts role is CaseRole {
  if (!(CASE_ROLES as readonly string[]).includes(role)) throw new ClewError('INVALID_ARGUMENT', `a role is one of ${CASE_ROLES.join(', ')}`, { role: role.slice(0, 40) });
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

interface UserRow {
  id: number;
  name: string;
  agency: string | null;
  disabled: boolean;
}

const toUser = (r: UserRow): TeamUser => ({ id: r.id, name: r.name, agency: r.agency, disabled: r.disabled });

/** The role the directory is connected as, and whether row-level security binds it. */
export interface ConnectedRole {
  name: string;
  superuser: boolean;
  bypassRls: boolean;
  /** A member of the role that owns the case tables (their owner, or one who may act as it). */
  ownsTables: boolean;
}

export class PgTeamDirectory implements TeamDirectory {
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    /** The database's URI without its password, for messages. */
    readonly printable: string,
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Whether row-level security binds the role this directory is connected as (the team server's must be bound). */
  async connectedRole(): Promise<ConnectedRole> {
    const r = await one<{ name: string; superuser: boolean; bypass: boolean; owns: boolean }>(
      this.pool,
      `SELECT current_user AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
              pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'messages'::regclass), 'MEMBER') AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    return { name: r!.name, superuser: r!.superuser, bypassRls: r!.bypass, ownsTables: r!.owns };
  }

  private async userId(name: string, q: pg.Pool | pg.PoolClient = this.pool): Promise<number> {
    const r = await one<{ id: number }>(q, 'SELECT id FROM clew_users WHERE name = $1', [name]);
    if (!r) throw new ClewError('USER_NOT_FOUND', `no user "${name.slice(0, MAX_NAME)}"`, { user: name.slice(0, MAX_NAME) });
    return r.id;
  }

  async addUser(name: string, password: string, agency: string | null = null): Promise<TeamUser> {
    checkUserName(name);
    checkAgency(agency);
    checkPassword(password);
    const hash = await hashPassword(password);
    try {
      const r = await one<UserRow>(
        this.pool,
        'INSERT INTO clew_users (name, agency, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id, name, agency, disabled',
        [name, agency, hash, Date.now()],
      );
      return toUser(r!);
    } catch (e) {
      if (pgCode(e) === '23505') throw new ClewError('USER_EXISTS', `a user "${name}" exists already`, { user: name });
      throw e;
    }
  }

  async disableUser(name: string): Promise<void> {
    await transaction(this.pool, async (c) => {
      const r = await one<{ id: number }>(c, 'UPDATE clew_users SET disabled = true WHERE name = $1 RETURNING id', [name]);
      if (!r) throw new ClewError('USER_NOT_FOUND', `no user "${name.slice(0, MAX_NAME)}"`, { user: name.slice(0, MAX_NAME) });
      await c.query('UPDATE clew_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [r.id, Date.now()]);
    });
  }

  private async caseId(caseName: string, q: pg.PoolClient): Promise<number> {
    const row = caseName.length <= MAX_CASE_NAME ? await findCase(q, caseName) : null;
    if (!row) throw new ClewError('CASE_NOT_FOUND', `no case "${caseName.slice(0, MAX_CASE_NAME)}" in ${this.printable}`, { case: caseName.slice(0, MAX_CASE_NAME) });
    return row.id;
  }

  async grant(user: string, caseName: string, role: CaseRole): Promise<void> {
    checkRole(role);
    await transaction(this.pool, async (c) => {
      const userId = await this.userId(user, c);
      const caseId = await this.caseId(caseName, c);
      await c.query(
        `INSERT INTO clew_grants (user_id, case_id, role, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, case_id) DO UPDATE SET role = excluded.role, granted_at = excluded.granted_at`,
        [userId, caseId, role, Date.now()],
      );
    });
  }

  async revoke(user: string, caseName: string): Promise<void> {
    await transaction(this.pool, async (c) => {
      const userId = await this.userId(user, c);
      const caseId = await this.caseId(caseName, c);
      // every query of the user's after this commits reads the grants again (rls.ts): nothing more of the case
      await c.query('DELETE FROM clew_grants WHERE user_id = $1 AND case_id = $2', [userId, caseId]);
    });
  }

  /**
   * As user `actorId` (signed in to the team server), give `user` `role` on `caseName`: only an
   * owner of the case may (NOT_OWNER otherwise; CASE_NOT_FOUND, in the same words as openCaseAs,
   * when the actor holds no role there). The database checks it too: the server's role may write
   * only the grants of cases its user owns (rls.ts policy clew_owner).
   */
  async grantAs(actorId: number, user: string, caseName: string, role: CaseRole): Promise<void> {
    checkRole(role);
    await this.asOwner(actorId, caseName, async (c, caseId) => {
      const userId = await this.userId(user, c);
      await c.query(
        `INSERT INTO clew_grants (user_id, case_id, role, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, case_id) DO UPDATE SET role = excluded.role, granted_at = excluded.granted_at`,
        [userId, caseId, role, Date.now()],
      );
    });
  }

  /** As user `actorId`, take away `user`'s role on `caseName` (an owner of the case only, as grantAs). */
  async revokeAs(actorId: number, user: string, caseName: string): Promise<void> {
    await this.asOwner(actorId, caseName, async (c, caseId) => {
      const userId = await this.userId(user, c);
      await c.query('DELETE FROM clew_grants WHERE user_id = $1 AND case_id = $2', [userId, caseId]);
    });
  }

  private async asOwner(actorId: number, caseName: string, fn: (c: pg.PoolClient, caseId: number) => Promise<void>): Promise<void> {
    const shown = caseName.slice(0, MAX_CASE_NAME);
    await transaction(userScopedPool(this.pool, actorId), async (c) => {
      const r =
        caseName.length <= MAX_CASE_NAME
          ? await one<{ id: number; role: CaseRole }>(
              c,
              `SELECT c.id, g.role FROM clew_grants g JOIN clew_cases c ON c.id = g.case_id JOIN clew_users u ON u.id = g.user_id
               WHERE g.user_id = $1 AND c.name = $2 AND NOT u.disabled`,
              [actorId, caseName],
            )
          : null;
      if (!r) throw new ClewError('CASE_NOT_FOUND', `no case "${shown}" that you may open`, { case: shown });
      if (r.role !== 'owner') throw new ClewError('NOT_OWNER', `only an owner of case "${shown}" may grant or revoke roles on it`, { case: shown });
      try {
        await fn(c, r.id);
      } catch (e) {
        if (pgCode(e) === '42501') throw new ClewError('NOT_OWNER', `only an owner of case "${shown}" may grant or revoke roles on it`, { case: shown });
        throw e;
      }
    });
  }

  async authenticate(name: string, password: string): Promise<TeamUser | null> {
    const row =
      typeof name === 'string' && name.length <= MAX_NAME
        ? await one<UserRow & { password_hash: string }>(this.pool, 'SELECT id, name, agency, disabled, password_hash FROM clew_users WHERE name = $1', [name])
        : null;
    // an unknown user costs one verification too, against a hash of nothing anyone knows
    const ok = await verifyPassword(row?.password_hash ?? (await dummyHash()), typeof password === 'string' ? password : '');
    return ok && row && !row.disabled ? toUser(row) : null;
  }

  /** Every user with their cases (the admin's listing: `clew users list`); never a password hash. */
  async users(): Promise<(TeamUser & { cases: TeamCase[] })[]> {
    const users = await rows<UserRow>(this.pool, 'SELECT id, name, agency, disabled FROM clew_users ORDER BY name');
    const grants = await rows<{ user_id: number; name: string; role: CaseRole }>(
      this.pool,
      'SELECT g.user_id, c.name, g.role FROM clew_grants g JOIN clew_cases c ON c.id = g.case_id ORDER BY c.name',
    );
    return users.map((u) => ({ ...toUser(u), cases: grants.filter((g) => g.user_id === u.id).map((g) => ({ name: g.name, role: g.role })) }));
  }

  async casesOf(userId: number): Promise<TeamCase[]> {
    return rows<TeamCase>(
      userScopedPool(this.pool, userId),
      `SELECT c.name, g.role FROM clew_grants g JOIN clew_cases c ON c.id = g.case_id JOIN clew_users u ON u.id = g.user_id
       WHERE g.user_id = $1 AND NOT u.disabled ORDER BY c.name`,
      [userId],
    );
  }

  async roleIn(userId: number, caseName: string): Promise<CaseRole | null> {
    if (caseName.length > MAX_CASE_NAME) return null;
    const r = await one<{ role: CaseRole }>(
      userScopedPool(this.pool, userId),
      `SELECT g.role FROM clew_grants g JOIN clew_cases c ON c.id = g.case_id JOIN clew_users u ON u.id = g.user_id
       WHERE g.user_id = $1 AND c.name = $2 AND NOT u.disabled`,
      [userId, caseName],
    );
    return r?.role ?? null;
  }

  async openCaseAs(userId: number, caseName: string): Promise<CaseStore> {
    const shown = caseName.slice(0, MAX_CASE_NAME);
    const r = await this.caseAs(userId, caseName);
    // the same words whether the case does not exist or the user may not open it
    if (!r) throw new ClewError('CASE_NOT_FOUND', `no case "${shown}" that you may open`, { case: shown });
    return r.open();
  }

  async caseAs(userId: number, caseName: string, opts: { readRequest?: boolean } = {}): Promise<CaseAsUser | null> {
    // one read-only request: this query and every read of the store in one transaction on one connection (scoped.ts)
    const request = opts.readRequest ? userReadRequest(this.pool, userId) : null;
    const scoped = request ? request.pool : userScopedPool(this.pool, userId);
    const end = request ? () => request.end() : async () => {};
    const shown = caseName.slice(0, MAX_CASE_NAME);
    let r: { id: number; name: string; schema_version: number; role: CaseRole; hidden: number[] | null } | null = null;
    try {
      r =
        caseName.length <= MAX_CASE_NAME
          ? await one(
              scoped,
              `SELECT c.id, c.name, c.schema_version, g.role, clew_legal_hidden_filters(c.id) AS hidden FROM clew_grants g JOIN clew_cases c ON c.id = g.case_id JOIN clew_users u ON u.id = g.user_id
             WHERE g.user_id = $1 AND c.name = $2 AND NOT u.disabled`,
              [userId, caseName],
            )
          : null;
    } finally {
      if (!r) await end();
    }
    if (!r) return null;
    const found = r;
    return {
      role: found.role,
      open: () => {
        if (found.schema_version !== PG_SCHEMA_VERSION)
          throw new ClewError('CASE_MIGRATION_NEEDED', `case "${shown}" has clew schema ${found.schema_version}; this server reads ${PG_SCHEMA_VERSION}: its admin runs clew case migrate`, {
            case: shown,
          });
        const writes = found.role === 'owner' || found.role === 'analyst';
        // the legal filters hiding messages from the user (team/legal.ts): the server keys what it caches by them
        return new PostgresCaseStore({ pool: scoped, caseId: found.id, caseName: found.name }, `case "${found.name}"`, !writes, (found.hidden ?? []).map(Number));
      },
      end,
    };
  }

  async createSession(userId: number, ttlMs: number): Promise<TeamSession> {
    if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0 || ttlMs > MAX_SESSION_MS)
      throw new ClewError('INVALID_ARGUMENT', `a session lives 1 ms to ${MAX_SESSION_MS / 86_400_000} days`);
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const now = Date.now();
    const expiresAt = now + ttlMs;
    const r = await one<{ user_id: number }>(
      this.pool,
      `INSERT INTO clew_sessions (id_sha256, user_id, csrf, created_at, expires_at)
       SELECT $1, id, $3, $4, $5 FROM clew_users WHERE id = $2 AND NOT disabled RETURNING user_id`,
      [sha256(id), userId, csrf, now, expiresAt],
    );
    if (!r) throw new ClewError('USER_NOT_FOUND', `no enabled user ${userId}`, { userId });
    // the user's sessions that ended more than a day ago are of no more use
    await this.pool.query('DELETE FROM clew_sessions WHERE user_id = $1 AND expires_at < $2', [userId, now - 86_400_000]);
    return { id, userId, csrf, expiresAt };
  }

  async session(id: string): Promise<(TeamSession & { user: TeamUser }) | null> {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_SESSION_ID) return null;
    const r = await one<UserRow & { csrf: string; expires_at: number }>(
      this.pool,
      `SELECT u.id, u.name, u.agency, u.disabled, s.csrf, s.expires_at FROM clew_sessions s JOIN clew_users u ON u.id = s.user_id
       WHERE s.id_sha256 = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND NOT u.disabled`,
      [sha256(id), Date.now()],
    );
    if (!r) return null;
    return { id, userId: r.id, csrf: r.csrf, expiresAt: r.expires_at, user: toUser(r) };
  }

  async notifications(userId: number, limit: number): Promise<{ notifications: TeamNotification[]; unseen: number }> {
    return listNotifications(userScopedPool(this.pool, userId), limit);
  }

  async markNotificationsSeen(userId: number, upTo: number): Promise<void> {
    await markNotificationsSeen(userScopedPool(this.pool, userId), upTo);
  }

  async revokeSession(id: string): Promise<void> {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_SESSION_ID) return;
    await this.pool.query('UPDATE clew_sessions SET revoked_at = $2 WHERE id_sha256 = $1 AND revoked_at IS NULL', [sha256(id), Date.now()]);
  }
}

/** A locator of the database itself (no case): for connection errors. */
function dbLocator(uri: string): PostgresLocator {
  let url: string;
  try {
    const u = new URL(uri);
    if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('not postgres');
    u.searchParams.delete('case');
    url = u.toString();
  } catch {
    throw new ClewError('INVALID_ARGUMENT', 'the team directory lives in a PostgreSQL database: give its URI, postgres://USER:PASSWORD@HOST:PORT/DB');
  }
  return { kind: 'postgres', url, case: '', printable: redactUrl(url) };
}

export interface TeamDirectoryOptions {
  /** Connections of the pool every user shares (default 10). */
  maxConnections?: number;
}

/**
 * The team directory of the database at `uri`: with the admin's URI, its schema is created or
 * migrated when needed; with the team server role's, it must be current (CASE_MIGRATION_NEEDED
 * otherwise, naming the command).
 */
export async function openTeamDirectory(uri: string, opts: TeamDirectoryOptions = {}): Promise<PgTeamDirectory> {
  const loc = dbLocator(uri);
  const pool = await connectPool(loc, opts.maxConnections ?? 10);
  try {
    try {
      await ensureSchema(pool, false, loc.printable);
    } catch (e) {
      if (pgCode(e) === '42501')
        throw new ClewError('DB_UNAVAILABLE', `${loc.printable} holds no clew schema yet and this role may not create it: run clew users add with the admin's URI first`, {
          locator: loc.printable,
        });
      throw e;
    }
    const d = new PgTeamDirectory(pool, loc.printable);
    // the admin (who may) grants the team server's role what it needs, made by hand or after the schema
    const role = await d.connectedRole();
    if (role.superuser || role.ownsTables) await grantServerRole(pool, SERVER_ROLE);
    return d;
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}
