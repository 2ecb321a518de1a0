/** `clew case migrate`: bring a case written by an older clew to this clew's schema; `clew case copy`: move a case between locators. */
import type { Command } from 'commander';
import { CASE_HELP } from './case-help.js';
import { copyProgressLine, formatDuration, ttyProgress } from './progress.js';
import { safe, jsonLine } from './render.js';

export function registerCase(program: Command, json: () => boolean): void {
  const c = program.command('case').description('the case itself: its schema version, copying it whole');
  c.command('migrate')
    .description('migrate a case written by an older clew to this clew\'s schema, in one transaction (opening a writable case does it too)')
    .requiredOption('--case <case>', CASE_HELP)
    .action(async (o: { case: string }) => {
      const { migrateCase, printableLocator } = await import('../api/case.js'); // loaded when the command runs: `clew --help` stays fast
      const r = await migrateCase(o.case);
      if (json()) process.stdout.write(jsonLine(r));
      else
        process.stdout.write(
          r.applied.length === 0
            ? `${safe(printableLocator(o.case))}: schema ${r.to}, nothing to migrate\n`
            : `${safe(printableLocator(o.case))}: schema ${r.from} → ${r.to}\n${r.applied.map((a) => `  ${a.to}: ${a.what}\n`).join('')}`,
        );
    });

  c.command('copy')
    .description(
      'copy a case whole into a new or empty case, between backends or not (a case file, postgres://…?case=NAME): every record with its provenance, identity decisions, lexicon, quarantine; the full-text index and statistics are rebuilt. Stopped midway, the destination stays empty: run the same command again',
    )
    .argument('<from>', 'the case to copy (a case file or a postgres:// URI)')
    .argument('<to>', 'the new or empty case to copy into (a case file or a postgres:// URI)')
    .action(async (from: string, to: string) => {
      const { copyCase } = await import('../api/case.js');
      const bar = ttyProgress(process.stderr, copyProgressLine);
      let r;
      try {
        r = await copyCase(from, to, { onProgress: (p) => bar.update(p) });
      } finally {
        bar.done();
      }
      if (json()) process.stdout.write(jsonLine(r));
      else
        process.stdout.write(
          `${safe(r.from)} → ${safe(r.to)}: ${new Intl.NumberFormat('en-US').format(r.rows)} rows in ${formatDuration(r.seconds)} (${Object.entries(r.tables)
            .filter(([t]) => ['sources', 'messages', 'calls', 'accounts'].includes(t))
            .map(([t, n]) => `${t} ${n}`)
            .join(', ')})\n`,
        );
    });

  c.command('place')
    .description(
      "spread a PostgreSQL case over two servers: its messages older than --before move to the node (a table of the node's, with its full-text index) and are read through the case's server (postgres_fdw), so every command works on the case unchanged; see docs/scale.md",
    )
    .requiredOption('--case <case>', 'the case: postgres://USER:PASSWORD@HOST:PORT/DB?case=NAME')
    .requiredOption('--node <uri>', 'the second server: postgres://USER:PASSWORD@HOST:PORT/DB (it needs no clew schema)')
    .requiredOption('--before <date>', 'messages before this date and time (UTC unless it says otherwise: 2024-01-01, 2024-01-01T12:00:00Z) go to the node')
    .action(async (o: { case: string; node: string; before: string }) => {
      const { placeCase } = await import('../api/case.js');
      const r = await placeCase(o.case, o.node, o.before);
      if (json()) process.stdout.write(jsonLine(r));
      else
        process.stdout.write(
          `${safe(r.case)}: ${new Intl.NumberFormat('en-US').format(r.moved)} messages before ${r.before} moved to ${safe(r.node)}, ${new Intl.NumberFormat('en-US').format(r.kept)} stay (${formatDuration(r.seconds)})\n`,
        );
    });
}
