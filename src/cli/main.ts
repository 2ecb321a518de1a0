/**
 * The `clew` command line: parses arguments, calls the typed API, renders results or errors.
 * Exit codes: docs/cli.md.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { IngestSummary } from '../api/ingest.js';
import { exitCodeFor, isClewError } from '../model/errors.js';
import { ttyProgress } from './progress.js';
import { renderError, renderIngest, renderQuarantine, renderSearch, renderShow, renderStats, jsonLine } from './render.js';
import { CASE_HELP } from './case-help.js';
import { registerDb } from './db.js';
import { registerCase } from './case.js';
import { registerDossier } from './dossier.js';
import { registerEntities } from './entities.js';
import { registerExport } from './export.js';
import { registerGraph } from './graph.js';
import { registerIdentity } from './identity.js';
import { registerServe } from './serve.js';
import { registerSynth } from './synth.js';
import { registerTranslate } from './translate.js';
import { registerOcr } from './ocr.js';
import { registerWatch } from './watch.js';
import { registerAnnotate } from './annotate.js';
import { registerReport } from './report.js';
import { registerUsers } from './users.js';
import { registerAudit } from './audit.js';
import { registerFilter } from './filter.js';

// The API loads when a command runs (it brings the store, ingest and text analysis): `clew --help` stays fast.
const caseApi = () => import('../api/case.js');

function int(name: string, min = 0) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    return n;
  };
}

function out(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? jsonLine(value) : `${human()}\n`);
}

export function buildProgram(): Command {
  const program = new Command('clew')
    .description('Investigation workbench for seized and leaked communications')
    .option('--json', 'machine-readable output (one JSON document on stdout)')
    .showHelpAfterError()
    .exitOverride();
  const json = () => Boolean(program.opts().json);

  registerSynth(program, json);
  registerServe(program, json);
  registerEntities(program, json);
  registerGraph(program, json);
  registerIdentity(program, json);
  registerDossier(program, json);
  registerDb(program, json);
  registerCase(program, json);
  registerExport(program, json);
  registerWatch(program, json);
  registerAnnotate(program, json);
  registerTranslate(program, json);
  registerOcr(program, json);
  registerReport(program, json);
  registerUsers(program, json);
  registerAudit(program, json);
  registerFilter(program, json);

  program
    .command('ingest')
    .description('ingest source files into a case (created if missing); idempotent and resumable')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('<files...>', 'source files')
    .option('--format <name>', 'parser to use instead of detecting the format')
    .option('--tz <zone>', 'IANA time zone of local times without an offset (default UTC)')
    .option('--region <cc>', 'default country for phone numbers without a country code, e.g. RS')
    .option('--map <spec>', 'CSV column mapping: field=column,... or mapping.json (docs/formats/csv.md)')
    .option('--batch <n>', 'records per transaction (default: 5000 into a case file, 20000 into PostgreSQL)', int('--batch', 1))
    .option('--max-line-bytes <n>', 'longest line accepted', int('--max-line-bytes', 1024), 1024 * 1024)
    .option('--no-analyse', 'skip language detection and entity extraction (faster)')
    .option('--analyse-workers <n>', 'threads reading entities (default: one per core; 0: in the main thread)', int('--analyse-workers', 0))
    .action(async (files: string[], o: { case: string; format?: string; tz?: string; region?: string; map?: string; batch?: number; maxLineBytes: number; analyse: boolean; analyseWorkers?: number }) => {
      const [{ withCase }, { ingestFile, loadMappingArgument }] = await Promise.all([caseApi(), import('../api/ingest.js')]);
      const csvMapping = o.map ? await loadMappingArgument(o.map) : undefined;
      const summaries: IngestSummary[] = [];
      await withCase(o.case, { create: true }, async (store) => {
        for (const f of files) {
          const bar = json() ? { update() {}, done() {} } : ttyProgress();
          try {
            const s = await ingestFile(store, f, {
              format: o.format,
              timeZone: o.tz,
              defaultRegion: o.region,
              csvMapping,
              batchSize: o.batch,
              maxLineBytes: o.maxLineBytes,
              analyse: o.analyse,
              analyseWorkers: o.analyseWorkers,
              onProgress: (p) => bar.update(p),
            });
            bar.done();
            summaries.push(s);
            if (!json()) process.stdout.write(`${renderIngest(s)}\n`);
          } finally {
            bar.done();
          }
        }
      });
      if (json()) out(true, { ingested: summaries }, () => '');
    });

  program
    .command('search')
    .description('full-text search, newest first (syntax: docs/search.md)')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('<query...>', 'query words, "phrases", AND/OR/NOT, prefix*, from: to: after: before: channel:')
    .option('--exact', 'match exactly as written (case and accents count)')
    .option('--limit <n>', 'hits per page', int('--limit', 1), 20)
    .option('--cursor <id>', 'continue after this hit (from the previous page)', int('--cursor', 1))
    .option('--translated', "also search the messages' stored machine translations (clew translate), each hit shown with its translation")
    .action(async (words: string[], o: { case: string; exact?: boolean; limit: number; cursor?: number; translated?: boolean }) => {
      const [{ withCase }, { search }] = await Promise.all([caseApi(), import('../api/search.js')]);
      return withCase(o.case, { readonly: true }, async (store) => {
        const r = await search(store, { query: words.join(' '), mode: o.exact ? 'exact' : 'folded', limit: o.limit, cursor: o.cursor, translated: o.translated === true });
        out(json(), r, () => renderSearch(r));
      });
    });

  program
    .command('stats')
    .description('counts, time span, top talkers and the quarantine summary')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--top <n>', 'how many top talkers', int('--top', 0), 10)
    .action(async (o: { case: string; top: number }) =>
      (await caseApi()).withCase(o.case, { readonly: true }, async (store) => {
        const s = await store.stats({ top: o.top });
        out(json(), { ...s, sourcesList: await store.sources() }, () => renderStats(s));
      }),
    );

  program
    .command('show')
    .description('a message in its thread, with its provenance and raw source record')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('<id>', 'message id (from search)', int('id', 1))
    .option('--context <n>', 'messages before and after', int('--context', 0), 5)
    .action(async (id: number, o: { case: string; context: number }) => {
      const [{ withCase }, { show }] = await Promise.all([caseApi(), import('../api/show.js')]);
      return withCase(o.case, { readonly: true }, async (store) => {
        const r = await show(store, id, { context: o.context });
        out(json(), r, () => renderShow(r));
      });
    });

  program
    .command('quarantine')
    .description('records that could not be ingested, with file, place and reason')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--limit <n>', 'how many', int('--limit', 1), 100)
    .action(async (o: { case: string; limit: number }) =>
      (await caseApi()).withCase(o.case, { readonly: true }, async (store) => {
        const rows = await store.quarantine({ limit: o.limit });
        out(json(), rows, () => renderQuarantine(rows));
      }),
    );

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const asJson = argv.includes('--json');
    if (isClewError(e)) {
      if (asJson) process.stdout.write(jsonLine({ error: { code: e.code, message: e.message, details: e.details, ...(e.choices ? { choices: e.choices } : {}) } }));
      else process.stderr.write(`${renderError(e)}\n`);
      return exitCodeFor(e.code);
    }
    process.stderr.write(`clew: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}
