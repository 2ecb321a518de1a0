/**
 * `clew report`: an evidence report (self-contained HTML) and its manifest, or the same report
 * rebuilt from a manifest (docs/report.md). Thin: the work is in src/api/report.ts.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ClewError } from '../model/errors.js';
import { CASE_HELP } from './case-help.js';
import { jsonLine, safe } from './render.js';

const MAX_CONTEXT = 50;

function context(v: string): number {
  const n = Number(v);
  if (!/^\d{1,3}$/.test(v) || n > MAX_CONTEXT) throw new InvalidArgumentError(`--context must be a whole number from 0 to ${MAX_CONTEXT}`);
  return n;
}

interface Opts {
  case: string;
  tag?: string;
  items?: string;
  manifest?: string;
  out: string;
  pdf?: string;
  manifestOut?: string;
  context?: number;
  figure: string[];
}

export function registerReport(program: Command, json: () => boolean): void {
  program
    .command('report')
    .description('an evidence report (self-contained HTML) of tagged or listed messages and calls with provenance, and its manifest; or the report rebuilt from a manifest (docs/report.md)')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--tag <tag>', 'cite the messages and calls with this tag')
    .option('--items <file>', 'cite the messages and calls (call:ID) this file lists, in order, with commentary and the queries that found them (docs/report.md)')
    .option('--manifest <file>', 'rebuild the report this manifest was written with (byte for byte from the same case)')
    .requiredOption('--out <file>', 'the report (HTML)')
    .option('--pdf <file>', "also print the report to PDF (by Debian's Chromium, offline; CLEW_CHROMIUM names another)")
    .option('--manifest-out <file>', 'where the manifest goes (default: beside the report, report.html → report.manifest.json)')
    .option('--context <n>', `thread messages shown before and after each cited message, and calls and messages between its parties around each cited call (0–${MAX_CONTEXT}, default 3)`, context)
    .option('--figure <spec>', 'add a network figure: rank:MEASURE[:top=N][:seed=S][:scope=SPEC], the key-players table of graph rank (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .action(async (o: Opts) => {
      const chosen = [o.tag, o.items, o.manifest].filter((x) => x !== undefined).length;
      if (chosen !== 1) throw new ClewError('INVALID_ARGUMENT', 'give one of --tag T, --items FILE (a new report) or --manifest M (a rebuild)');
      if (o.manifest !== undefined && (o.context !== undefined || o.manifestOut !== undefined || o.figure.length > 0))
        throw new ClewError('INVALID_ARGUMENT', 'a rebuild takes everything from its manifest: --context, --figure and --manifest-out are for a new report');
      const [{ withCase }, api] = await Promise.all([import('../api/case.js'), import('../api/report.js')]);
      const out = (value: unknown, human: string) => process.stdout.write(json() ? jsonLine(value) : `${human}\n`);
      if (o.manifest !== undefined) {
        const manifestPath = o.manifest;
        const text = await api.readManifestFile(manifestPath);
        const r = await withCase(o.case, { readonly: true }, (store) => api.rebuildReport(store, text, manifestPath));
        const pdf = o.pdf !== undefined ? await api.printPdf(r.html) : null;
        await api.writeRebuilt(r.html, o.out, manifestPath);
        if (pdf && o.pdf !== undefined) await api.writePdf(pdf, o.pdf, [o.out, manifestPath]);
        const summary = { out: o.out, ...(o.pdf !== undefined ? { pdf: o.pdf } : {}), sha256: r.htmlSha256, manifestSha256: r.manifest.manifestSha256, expectedSha256: r.manifest.reportSha256, identical: r.identical, changes: r.changes };
        out(
          { rebuilt: summary },
          r.identical
            ? `rebuilt ${safe(o.out)}: identical to the report the manifest was written with (SHA-256 ${r.htmlSha256})`
            : `rebuilt ${safe(o.out)}: DIFFERS from the report the manifest was written with (SHA-256 ${r.htmlSha256}, expected ${r.manifest.reportSha256 ?? 'none recorded'})${
                r.changes.length ? `\nchanged since the manifest was written:\n${r.changes.map((c) => `  - ${safe(c)}`).join('\n')}` : ''
              }`,
        );
        return;
      }
      const manifestOut = o.manifestOut ?? api.manifestPathFor(o.out);
      const files = await withCase(o.case, { readonly: true }, (store) =>
        api.buildReport(store, { locator: o.case, ...(o.tag !== undefined ? { tag: o.tag } : {}), ...(o.items !== undefined ? { itemsFile: o.items } : {}), ...(o.context !== undefined ? { context: o.context } : {}), figures: o.figure }),
      );
      if (o.pdf !== undefined && [o.out, manifestOut].some((f) => resolve(f) === resolve(o.pdf!))) throw new ClewError('INVALID_ARGUMENT', 'the PDF needs a file of its own (not the report or its manifest)');
      // printed first: without Chromium nothing is written
      const pdf = o.pdf !== undefined ? await api.printPdf(files.html) : null;
      await api.writeReport(files, o.out, manifestOut);
      if (pdf && o.pdf !== undefined) await api.writePdf(pdf, o.pdf, [o.out, manifestOut]);
      const n = files.manifest.items.length;
      const calls = files.manifest.items.filter((i) => i.type === 'call').length;
      out(
        { report: { out: o.out, ...(o.pdf !== undefined ? { pdf: o.pdf } : {}), sha256: files.htmlSha256, manifest: manifestOut, manifestSha256: files.manifest.manifestSha256, items: n } },
        `wrote ${safe(o.out)} (${n - calls} message${n - calls === 1 ? '' : 's'}${calls ? `, ${calls} call${calls === 1 ? '' : 's'}` : ''}, SHA-256 ${files.htmlSha256})\nand its manifest ${safe(manifestOut)} (SHA-256 ${files.manifest.manifestSha256})${o.pdf !== undefined ? `\nand its PDF ${safe(o.pdf)}` : ''}`,
      );
    });
}
