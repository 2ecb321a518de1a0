/** `clew export`: a case in an exchange format (CASE/UCO JSON-LD), to a file or stdout. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { ClewError } from '../model/errors.js';
import { CASE_HELP } from './case-help.js';
import { jsonLine } from './render.js';

export function registerExport(program: Command, json: () => boolean): void {
  program
    .command('export')
    .description('write a case, or some of its messages, as a CASE/UCO JSON-LD bundle with its provenance (docs/formats/case-uco.md)')
    .requiredOption('--case <case>', CASE_HELP)
    .requiredOption('--format <name>', 'export format: case-uco')
    .option('--items <file>', 'only the messages whose ids this file lists, one a line (with the accounts, conversations and attachments they reference)')
    .option('--tag <tag>', 'only the messages with this tag (clew tag add), with what they reference')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--at <time>', 'the time the bundle records for the export (ISO 8601 with a zone, or epoch seconds); default $SOURCE_DATE_EPOCH, else now: give it for byte-identical exports')
    .action(async (o: { case: string; format: string; items?: string; tag?: string; out?: string; at?: string }) => {
      if (o.tag !== undefined && o.items !== undefined) throw new ClewError('INVALID_ARGUMENT', '--tag and --items each choose the messages: give one of them');
      const [{ withCase, caseName }, { exportCase, parseExportTime, readItemsFile }] = await Promise.all([import('../api/case.js'), import('../api/export.js')]);
      const atText = o.at ?? process.env.SOURCE_DATE_EPOCH;
      const at = atText !== undefined && atText !== '' ? parseExportTime(atText) : undefined;
      let messageIds = o.items !== undefined ? await readItemsFile(o.items) : undefined;
      const summary = await withCase(o.case, { readonly: true }, async (store) => {
        if (o.tag !== undefined) messageIds = await (await import('../api/annotations.js')).taggedMessageIds(store, o.tag);
        if (o.out === undefined) return exportCase(store, process.stdout, { format: o.format, messageIds, at, caseName: caseName(o.case) });
        // written beside the target and renamed when complete: a failed export leaves no half file
        const tmp = `${o.out}.partial-${process.pid}`;
        const file = createWriteStream(tmp, { flags: 'wx' });
        try {
          const s = await exportCase(store, file, { format: o.format, messageIds, at, caseName: caseName(o.case) });
          file.end();
          await finished(file);
          await rename(tmp, o.out);
          return s;
        } catch (e) {
          // the file opens asynchronously: an export refused at once would otherwise remove it
          // before it exists, and its open would then create it, empty
          if (!file.closed) {
            const closed = new Promise<void>((r) => file.once('close', () => r()));
            file.destroy();
            await closed;
          }
          await rm(tmp, { force: true });
          throw e;
        }
      });
      const line = `exported ${summary.records} records (${summary.nodes} graph nodes) from ${summary.sources} source file${summary.sources === 1 ? '' : 's'} as ${summary.format}${o.out ? ` to ${o.out}` : ''}${
        Object.keys(summary.notExported).length ? `; not exported (no CASE class): ${Object.entries(summary.notExported).map(([k, n]) => `${n} ${k}${n === 1 ? '' : 's'}`).join(', ')}` : ''
      }`;
      // the bundle may be on stdout: the summary then goes to stderr
      const stream = o.out === undefined ? process.stderr : process.stdout;
      stream.write(json() ? jsonLine({ exported: summary }) : `${line}\n`);
    });
}
