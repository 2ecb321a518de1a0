/** `clew case migrate`: bring a case written by an older clew to this clew's schema. */
import type { Command } from 'commander';
import { CASE_HELP } from './case-help.js';
import { safe } from './render.js';

export function registerCase(program: Command, json: () => boolean): void {
  const c = program.command('case').description('the case itself: its schema version');
  c.command('migrate')
    .description('migrate a case written by an older clew to this clew\'s schema, in one transaction (opening a writable case does it too)')
    .requiredOption('--case <case>', CASE_HELP)
    .action(async (o: { case: string }) => {
      const { migrateCase, printableLocator } = await import('../api/case.js'); // loaded when the command runs: `clew --help` stays fast
      const r = await migrateCase(o.case);
      if (json()) process.stdout.write(`${JSON.stringify(r)}\n`);
      else
        process.stdout.write(
          r.applied.length === 0
            ? `${safe(printableLocator(o.case))}: schema ${r.to}, nothing to migrate\n`
            : `${safe(printableLocator(o.case))}: schema ${r.from} → ${r.to}\n${r.applied.map((a) => `  ${a.to}: ${a.what}\n`).join('')}`,
        );
    });
}
