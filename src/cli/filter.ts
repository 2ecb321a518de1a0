/**
 * `clew filter add|list|remove|grant|revoke` (issue 21 part 4): legal filters on a case of a
 * PostgreSQL database, as its admin (src/api/legal.ts; what they hide: docs/team.md). Each change
 * is appended to the database's audit log (the team server's; src/api/audit.ts) after it is made,
 * signed with --audit-key as the server signs it; a SQLite case is refused (CASE_BACKEND_UNAVAILABLE).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { CaseStore } from '../api/case.js';
import type { LegalChange, LegalFilter } from '../api/legal.js';
import { ClewError } from '../model/errors.js';
import { jsonLine, safe } from './render.js';

const legalApi = () => import('../api/legal.js');

const DB_HELP = "the database's URI as its admin (postgres://USER:PASSWORD@HOST:PORT/DB); with --case NAME";
const CASE_HELP = 'the case: its name in --db, or a postgres:// locator naming it (?case=NAME)';

interface Common {
  db?: string;
  case: string;
  auditKey?: string;
  by?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];
const filterId = (s: string) => {
  if (!/^[1-9][0-9]{0,9}$/.test(s)) throw new ClewError('INVALID_ARGUMENT', `a filter id is a whole number (clew filter list), not ${JSON.stringify(s.slice(0, 40))}`);
  return Number(s);
};

function who(o: Common): string {
  return (o.by ?? `admin:${userInfo().username}`).slice(0, 200);
}

/** Open the case as the admin, run `fn`, append the change it made to the audit log (api/legal.ts legalAuditEntry; a list: none), close both. */
async function withCase<T>(o: Common, change: LegalChange | 'list', fn: (store: CaseStore) => Promise<T>, user?: string): Promise<T> {
  const { filterCaseLocator, legalAuditEntry } = await legalApi();
  // refused on a SQLite case before anything is opened
  const loc = filterCaseLocator(o.db, o.case);
  const [{ openCase }, { openAuditLog }] = await Promise.all([import('../api/case.js'), import('../api/audit.js')]);
  const store = await openCase(loc.locator, {});
  try {
    const r = await fn(store);
    if (change !== 'list') {
      const log = await openAuditLog(loc.url, { keyFile: o.auditKey });
      try {
        await log.append({ user: who(o), agency: null, case: loc.name, ...legalAuditEntry(change, r as LegalFilter, user) });
      } finally {
        await log.close();
      }
    }
    return r;
  } finally {
    await store.close();
  }
}

export function registerFilter(program: Command, json: () => boolean): void {
  const out = (value: unknown, human: () => string) => process.stdout.write(json() ? jsonLine(value) : `${human()}\n`);
  const filter = program.command('filter').description('legal filters: messages of a case hidden from every user not granted them (team mode, PostgreSQL; docs/team.md)');
  const common = (c: Command) =>
    c
      .option('--db <uri>', DB_HELP)
      .requiredOption('--case <case>', CASE_HELP)
      .option('--audit-key <file>', "the Ed25519 key signing the audit log's tree heads (as clew server's; default ~/.local/share/clew/audit-key.pem)")
      .option('--by <name>', 'who does it, as the audit log records it (default admin:OS-USER)');
  const line = (f: LegalFilter) =>
    `#${f.id} ${f.kind} ${JSON.stringify(safe(f.label))}: ${safe(JSON.stringify(f.selection))}${f.evaluatedAt !== null ? ` (evaluated ${new Date(f.evaluatedAt).toISOString()}, ${f.fixedMessages} messages)` : ''}; granted to ${
      f.grantees.length ? f.grantees.map((g) => safe(g)).join(', ') : 'nobody'
    }`;
  const when = async (s: string | undefined, name: string) => (s === undefined ? undefined : (await import('../api/graph.js')).parseTimeBound(s, name));

  common(filter.command('add').description('mark messages: by account, thread, time window or search (exactly one)'))
    .requiredOption('--kind <kind>', 'privileged (e.g. lawyer–client) or outside_period (outside the court-authorised period)')
    .requiredOption('--label <label>', 'what it is, as owners see it')
    .option('--account <account>', 'an account (reference, handle or name): its messages sent and received; repeat for several', collect)
    .option('--thread <id>', 'a conversation id; repeat for several', collect)
    .option('--from <time>', 'a window from this UTC time (inclusive), e.g. 2021-03-01 or 2021-03-01T10:00')
    .option('--to <time>', 'a window to this UTC time (exclusive)')
    .option('--query <query>', 'a search, evaluated once now and fixed')
    .action(async (o: Common & { kind: string; label: string; account?: string[]; thread?: string[]; from?: string; to?: string; query?: string }) => {
      const { addFilter, LEGAL_KINDS } = await legalApi();
      if (!(LEGAL_KINDS as readonly string[]).includes(o.kind)) throw new ClewError('INVALID_ARGUMENT', `--kind is ${LEGAL_KINDS.join(' or ')}`);
      const threads = o.thread?.map((t) => filterId(t));
      const from = await when(o.from, 'from');
      const to = await when(o.to, 'to');
      const f = await withCase(
        o,
        'add',
        (s) =>
          addFilter(
            s,
            {
              kind: o.kind as (typeof LEGAL_KINDS)[number],
              label: o.label,
              ...(o.account ? { accounts: o.account } : {}),
              ...(threads ? { threads } : {}),
              ...(from !== undefined ? { from } : {}),
              ...(to !== undefined ? { to } : {}),
              ...(o.query !== undefined ? { query: o.query } : {}),
            },
            who(o),
          ),
      );
      out({ filter: f }, () => `added ${line(f)}`);
    });

  common(filter.command('list').description("the case's filters, with who is granted each")).action(async (o: Common) => {
    const { listFilters } = await legalApi();
    const list = await withCase(o, 'list', listFilters);
    out({ filters: list }, () => (list.length ? list.map(line).join('\n') : 'no legal filters on this case'));
  });

  common(filter.command('remove').description('remove a filter: its messages show again to every user of the case').argument('<id>', 'the filter id')).action(async (id: string, o: Common) => {
    const { removeFilter } = await legalApi();
    const f = await withCase(o, 'remove', (s) => removeFilter(s, filterId(id)));
    out({ removed: f }, () => `removed ${line(f)}`);
  });

  common(filter.command('grant').description("let a user see a filter's messages").argument('<id>', 'the filter id').argument('<user>', 'the user name')).action(async (id: string, user: string, o: Common) => {
    const { grantFilter } = await legalApi();
    const f = await withCase(o, 'grant', (s) => grantFilter(s, filterId(id), user, who(o)), user);
    out({ filter: f }, () => `granted: ${line(f)}`);
  });

  common(filter.command('revoke').description("take a filter back from a user: its messages vanish for them").argument('<id>', 'the filter id').argument('<user>', 'the user name')).action(
    async (id: string, user: string, o: Common) => {
      const { revokeFilter } = await legalApi();
      const f = await withCase(o, 'revoke', (s) => revokeFilter(s, filterId(id), user), user);
      out({ filter: f }, () => `revoked: ${line(f)}`);
    },
  );
}
