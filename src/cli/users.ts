/**
 * The team directory of a PostgreSQL database from the command line (issue 21 part 2):
 * `clew users add|disable|list`, `clew grant`, `clew revoke`, each with `--db URI` (the admin's:
 * the tables' owner). A password is read from standard input only, never from the arguments, and
 * is never printed, logged or put in an error.
 */
import type { Command } from 'commander';
import { ClewError } from '../model/errors.js';
import { jsonLine, safe } from './render.js';

const teamApi = () => import('../api/team.js');

/** Record an admin's change in the database's audit log (docs/audit.md), after it was made. */
async function record(db: string, action: string, caseName: string | null, detail: Record<string, string | null>): Promise<void> {
  const { recordAdminAction } = await import('../api/audit.js');
  await recordAdminAction(db, { action, case: caseName, detail: { ...detail, via: 'clew' } });
}

const DB_HELP = "the database's URI as its admin (postgres://USER:PASSWORD@HOST:PORT/DB, e.g. the one clew db start prints)";

/** Standard input whole (at most `max` bytes), without one final line break: a password piped in. */
async function readStdin(max = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > max) throw new ClewError('TOO_LARGE', `standard input is longer than ${max} bytes; a password is far shorter`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function withDirectory<T>(uri: string, fn: (d: Awaited<ReturnType<Awaited<ReturnType<typeof teamApi>>['openTeamDirectory']>>) => Promise<T>): Promise<T> {
  const { openTeamDirectory } = await teamApi();
  const d = await openTeamDirectory(uri, { maxConnections: 2 });
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

export function registerUsers(program: Command, json: () => boolean): void {
  const out = (value: unknown, human: () => string) => process.stdout.write(json() ? jsonLine(value) : `${human()}\n`);
  const users = program.command('users').description("the team server's users, in a PostgreSQL database (clew server; roles per case: clew grant)");

  users
    .command('add')
    .description('add a user, the password read from standard input (e.g. printf %s "$PASSWORD" | clew users add ...)')
    .argument('<name>', 'user name: letters, digits and . _ - @')
    .requiredOption('--db <uri>', DB_HELP)
    .option('--agency <agency>', "the user's agency (their group), e.g. NL-Politie")
    .option('--password-stdin', 'read the password from standard input (the only way to give it)')
    .action(async (name: string, o: { db: string; agency?: string; passwordStdin?: boolean }) => {
      if (!o.passwordStdin)
        throw new ClewError('INVALID_ARGUMENT', 'give the password on standard input with --password-stdin (never as an argument: other users of the machine see those)');
      const password = await readStdin();
      const u = await withDirectory(o.db, (d) => d.addUser(name, password, o.agency ?? null));
      await record(o.db, 'user-add', null, { user: u.name, agency: u.agency });
      out({ user: u }, () => `user ${safe(u.name)} added${u.agency ? ` (${safe(u.agency)})` : ''}; give them cases with: clew grant ${safe(u.name)} CASE ROLE --db URI`);
    });

  users
    .command('disable')
    .description('disable a user: they cannot sign in any more and every session of theirs ends now')
    .argument('<name>', 'user name')
    .requiredOption('--db <uri>', DB_HELP)
    .action(async (name: string, o: { db: string }) => {
      await withDirectory(o.db, (d) => d.disableUser(name));
      await record(o.db, 'user-disable', null, { user: name });
      out({ disabled: name }, () => `user ${safe(name)} disabled; their sessions are ended`);
    });

  users
    .command('list')
    .description('every user with their agency, state and roles per case (never a password or its hash)')
    .requiredOption('--db <uri>', DB_HELP)
    .action(async (o: { db: string }) => {
      const list = await withDirectory(o.db, (d) => d.users());
      out({ users: list }, () =>
        list.length === 0
          ? 'no users yet (clew users add NAME --password-stdin --db URI)'
          : list
              .map(
                (u) =>
                  `${safe(u.name)}${u.agency ? ` (${safe(u.agency)})` : ''}${u.disabled ? ' [disabled]' : ''}: ${
                    u.cases.length ? u.cases.map((c) => `${safe(c.name)} ${c.role}`).join(', ') : 'no cases'
                  }`,
              )
              .join('\n'),
      );
    });

  program
    .command('grant')
    .description("give a user a role on a case (replacing the role they had there): owner, analyst (read, annotate, run analyses), reader, auditor (the audit log only)")
    .argument('<name>', 'user name')
    .argument('<case>', 'case name in the database')
    .argument('<role>', 'owner, analyst, reader or auditor')
    .requiredOption('--db <uri>', DB_HELP)
    .action(async (name: string, caseName: string, role: string, o: { db: string }) => {
      const { CASE_ROLES } = await teamApi();
      if (!(CASE_ROLES as readonly string[]).includes(role)) throw new ClewError('INVALID_ARGUMENT', `a role is one of ${CASE_ROLES.join(', ')}`, { role: role.slice(0, 40) });
      await withDirectory(o.db, (d) => d.grant(name, caseName, role as (typeof CASE_ROLES)[number]));
      await record(o.db, 'grant', caseName, { user: name, role });
      out({ granted: { user: name, case: caseName, role } }, () => `${safe(name)} is ${role} of case ${safe(caseName)}`);
    });

  program
    .command('revoke')
    .description('take away every role a user had on a case; what they could read there ends at once')
    .argument('<name>', 'user name')
    .argument('<case>', 'case name in the database')
    .requiredOption('--db <uri>', DB_HELP)
    .action(async (name: string, caseName: string, o: { db: string }) => {
      await withDirectory(o.db, (d) => d.revoke(name, caseName));
      await record(o.db, 'revoke', caseName, { user: name });
      out({ revoked: { user: name, case: caseName } }, () => `${safe(name)} holds no role on case ${safe(caseName)} any more`);
    });
}
