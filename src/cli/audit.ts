/**
 * `clew audit verify|proof|check-proof|log`: the team server's audit log (docs/audit.md).
 * verify and check-proof exit 10 (AUDIT_INVALID, AUDIT_PROOF_INVALID) naming what failed.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ClewError } from '../model/errors.js';
import { jsonLine } from './render.js';

const auditApi = () => import('../api/audit.js');

function index(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('ENTRY must be an entry index, a whole number ≥ 0');
  return n;
}

function time(name: string) {
  return (v: string): number => {
    const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isSafeInteger(ms) || ms < 0) throw new InvalidArgumentError(`${name} must be an ISO 8601 time (2026-01-31T12:00Z) or milliseconds since the epoch`);
    return ms;
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function registerAudit(program: Command, json: () => boolean): void {
  const audit = program.command('audit').description('the team server\'s audit log: verify it, prove an entry, list entries (docs/audit.md)');
  const DB = 'the PostgreSQL database: postgres://USER[:PASSWORD]@HOST[:PORT]/DB';
  const KEY = 'accept only heads signed by this Ed25519 public key (base64 of its 32 bytes, or the file holding it: audit-key.pem.pub)';

  audit
    .command('verify')
    .description('check every entry and every signed tree head; exit 10 naming the first bad entry')
    .requiredOption('--db <uri>', DB)
    .option('--public-key <key>', KEY)
    .option('--grace <seconds>', 'entries newer than this may still be unsigned', (v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('--grace must be a number of seconds ≥ 0');
      return n;
    })
    .option('--threads <n>', 'threads checking entries (default: one per core; 0: none, all in the main thread)', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 0 || n > 64) throw new InvalidArgumentError('--threads must be a whole number from 0 to 64');
      return n;
    })
    .action(async (o: { db: string; publicKey?: string; grace?: number; threads?: number }) => {
      const { verifyAuditLog, parsePublicKey } = await auditApi();
      const r = await verifyAuditLog(o.db, { publicKey: o.publicKey ? parsePublicKey(o.publicKey) : undefined, graceMs: o.grace === undefined ? undefined : o.grace * 1000, threads: o.threads });
      if (r.problem) throw new ClewError('AUDIT_INVALID', `audit log: ${r.problem.message}`, { index: r.problem.index, kind: r.problem.kind, head: r.problem.head ?? null, entries: r.entries });
      if (json()) process.stdout.write(jsonLine(r));
      else {
        const unsigned = r.unsigned ? `; entries ${r.unsigned.from} to ${r.unsigned.to} are not signed yet` : '';
        process.stdout.write(`audit log verified: ${r.entries} entries, ${r.heads} signed heads (key ${r.keys.join(', ') || 'none'}), ${r.signed} entries signed${unsigned} (${Math.round(r.ms)} ms)\n`);
      }
    });

  audit
    .command('proof')
    .description('an inclusion proof of entry ENTRY in the latest signed head, as JSON a third party checks without the database')
    .argument('<entry>', 'entry index', index)
    .requiredOption('--db <uri>', DB)
    .option('--out <file>', 'write the proof to this file instead of stdout')
    .action(async (entry: number, o: { db: string; out?: string }) => {
      const { auditProof } = await auditApi();
      const proof = await auditProof(o.db, entry);
      const text = `${JSON.stringify(proof, null, 2)}\n`;
      if (o.out) {
        writeFileSync(o.out, text);
        if (json()) process.stdout.write(jsonLine({ entry, file: o.out, head: proof.head.size }));
        else process.stdout.write(`proof of entry ${entry} in the head of ${proof.head.size} entries written to ${o.out}\n`);
      } else process.stdout.write(text);
    });

  audit
    .command('check-proof')
    .description('check an inclusion proof (from clew audit proof) without the database; exit 10 when it does not verify')
    .argument('<file>', 'the proof (JSON)')
    .option('--public-key <key>', KEY)
    .action(async (file: string, o: { publicKey?: string }) => {
      const { checkAuditProof, parsePublicKey } = await auditApi();
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw new ClewError('SOURCE_NOT_FOUND', `cannot read the proof ${file} (${(e as NodeJS.ErrnoException).code})`, { file });
      }
      const c = checkAuditProof(text, { publicKey: o.publicKey ? parsePublicKey(o.publicKey) : undefined });
      if (json()) process.stdout.write(jsonLine({ ok: true, index: c.index, entry: c.entry, head: { size: c.head.size, at: c.head.at }, key: c.keyFingerprint }));
      else
        process.stdout.write(
          `proof verified: entry ${c.index} (${c.entry.action} by ${c.entry.user} at ${iso(c.entry.at)}) is in the log of ${c.head.size} entries signed at ${iso(c.head.at)} by key ${c.keyFingerprint}${o.publicKey ? ' (the key given)' : ' (compare it with the server\'s published key, or pass --public-key)'}\n`,
        );
    });

  audit
    .command('log')
    .description('list entries, oldest first, filtered by user, case, action and time')
    .requiredOption('--db <uri>', DB)
    .option('--user <name>', 'entries of this user')
    .option('--case <name>', 'entries about this case')
    .option('--action <word>', 'entries of this action (search, export, grant…)')
    .option('--since <time>', 'at or after this time', time('--since'))
    .option('--until <time>', 'before this time', time('--until'))
    .option('--after <entry>', 'entries after this index (the previous page\'s last)', index)
    .option('--limit <n>', 'how many (at most 10000)', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('--limit must be a whole number from 1 to 10000');
      return n;
    }, 100)
    .action(async (o: { db: string; user?: string; case?: string; action?: string; since?: number; until?: number; after?: number; limit: number }) => {
      const { queryAuditLog } = await auditApi();
      const entries = await queryAuditLog(o.db, { user: o.user, case: o.case, action: o.action, since: o.since, until: o.until, after: o.after, limit: o.limit });
      if (json()) process.stdout.write(jsonLine({ entries }));
      else
        process.stdout.write(
          entries
            .map((e) => {
              const what = [e.query !== null ? JSON.stringify(e.query) : null, e.records.length ? `${e.records.length} records` : null].filter(Boolean).join(', ');
              return `${e.index}\t${iso(e.at)}\t${e.user}${e.agency ? ` (${e.agency})` : ''}\t${e.case ?? '-'}\t${e.action}${what ? `\t${what}` : ''}`;
            })
            .join('\n') + (entries.length ? '\n' : ''),
        );
    });
}
