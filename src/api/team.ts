/**
 * The team directory of a PostgreSQL database (users, their roles per case, sessions, a case as
 * one user sees it under row-level security): src/store/team.ts is the port,
 * src/store/postgres/team/ its implementation. The team server and `clew users` use it from here.
 */
export { CASE_ROLES, type CaseAsUser, type CaseRole, type TeamCase, type TeamDirectory, type TeamNotification, type TeamSession, type TeamUser } from '../store/team.js';
export { type ConnectedRole, MAX_SESSION_MS, type PgTeamDirectory, type TeamDirectoryOptions, openTeamDirectory } from '../store/postgres/team/directory.js';
export { MIN_PASSWORD } from '../store/postgres/team/password.js';
export { SERVER_ROLE } from '../store/postgres/team/rls.js';
