/**
 * `clew watch`: watchlists (selector lists checked against the case) and saved searches (run
 * again after every ingest; their new hits are listed here). Thin: the work is in
 * src/api/watch.ts and src/api/saved-search.ts.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { SavedSearchReport } from '../api/saved-search.js';
import type { AddWatchlistResult, WatchResult, WatchRow } from '../api/watch.js';
import { ClewError } from '../model/errors.js';
import { CASE_HELP } from './case-help.js';
import { account, num, safe, time, jsonLine } from './render.js';

/** The largest selector file read (a list of a million selectors is ~40 MB). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

// The API loads when a command runs (it brings the store and more): `clew --help` stays fast.
const load = async () => ({ ...(await import('../api/case.js')), ...(await import('../api/watch.js')), ...(await import('../api/saved-search.js')) });
const withApi = <T>(fn: (api: Awaited<ReturnType<typeof load>>) => T | Promise<T>): Promise<T> => load().then(fn);

function readList(file: string): Buffer {
  if (file === '-') return readFileSync(0);
  if (!existsSync(file)) throw new ClewError('SOURCE_NOT_FOUND', `no file at ${file}`, { file });
  const st = statSync(file);
  if (!st.isFile()) throw new ClewError('INVALID_ARGUMENT', `${file} is not a file`, { file });
  if (st.size > MAX_FILE_BYTES) throw new ClewError('INVALID_ARGUMENT', `${file} is ${num(st.size)} bytes; a selector list holds at most ${num(MAX_FILE_BYTES)}`, { file });
  return readFileSync(file);
}

function renderAdded(r: AddWatchlistResult): string {
  const lines = [`watchlist "${safe(r.summary.name)}": ${num(r.summary.selectors)} selectors stored${r.encoding !== 'utf-8' ? ` (read as ${r.encoding})` : ''}`];
  if (r.legacyLines.length) lines.push(`  ${num(r.legacyLines.length)} line(s) were not UTF-8 and were read as Windows-1252: ${r.legacyLines.slice(0, 10).join(', ')}${r.legacyLines.length > 10 ? ', …' : ''}`);
  for (const p of r.problems.slice(0, 50)) lines.push(`  line ${p.line}: ${safe(p.reason)}${p.excerpt ? `: ${safe(p.excerpt)}` : ''}`);
  if (r.problems.length > 50) lines.push(`  … and ${num(r.problems.length - 50)} more refused lines (--json lists them all)`);
  return lines.join('\n');
}

function renderRow(r: WatchRow): string {
  const head = `line ${String(r.line).padEnd(5)} ${r.type.padEnd(9)} ${safe(r.value)}${r.raw !== r.value ? `  [as ${safe(r.raw)}]` : ''}${r.note ? `  (${safe(r.note)})` : ''}`;
  if (r.messages === 0 && r.accountsTotal === 0) return `${head}\n      no match`;
  const who = r.accountsTotal ? `accounts: ${r.accounts.slice(0, 5).map(account).join(', ')}${r.accountsTotal > 5 ? ` and ${num(r.accountsTotal - 5)} more` : ''}` : 'no account';
  const when = r.first !== null && r.last !== null ? `, ${time(r.first)} … ${time(r.last)}` : '';
  return `${head}\n      ${who}; ${num(r.messages)} messages${when}${r.ids.length ? `; first: ${r.ids.join(' ')}` : ''}`;
}

function renderRun(r: WatchResult, all: boolean): string {
  const shown = all ? r.rows : r.rows.filter((x) => x.messages > 0 || x.accountsTotal > 0);
  const lines = [`${num(r.matched)} of ${num(r.rows.length)} selectors match in this case (${(r.elapsedMs / 1000).toFixed(1)} s)`, ...shown.map(renderRow)];
  return lines.join('\n');
}

function renderSaved(rows: SavedSearchReport[]): string {
  if (rows.length === 0) return 'no saved searches';
  return rows
    .map((s) => {
      const head = `saved search "${safe(s.name)}": ${safe(s.query)}${s.mode === 'exact' ? ' (exact)' : ''}${s.scope ? ` [scope ${safe(s.scope)}]` : ''}`;
      if (s.error) return `${head}\n      could not run: ${safe(s.error.message)} [${s.error.code}]`;
      const state = `${num(s.hits)} hits; last run ${s.lastRunAt ? time(s.lastRunAt) : 'never'}; ${s.newHits ? `${num(s.newHits)} NEW` : 'nothing new'}`;
      return [head, `      ${state}`, ...s.newHitList.map((h) => `      new #${h.id} ${time(h.ts)} ${account(h.sender)}: ${safe(h.snippet.text)}`)].join('\n');
    })
    .join('\n');
}

function int(name: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
}

export function registerWatch(program: Command, json: () => boolean): void {
  const out = (value: unknown, human: () => string) => process.stdout.write(json() ? jsonLine(value) : `${human()}\n`);
  const watch = program.command('watch').description('watchlists (lists of phones, PINs, e-mails, IBANs, wallets, containers, vessels, names checked against the case) and saved searches');

  watch
    .command('add')
    .description('store a selector list in the case (one selector a line; bad lines are reported by number, the rest used)')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('<file>', "the list (UTF-8 or UTF-16; '-' reads standard input)")
    .option('--name <name>', 'the watchlist name (default: the file name)')
    .option('--region <cc>', 'default country for phone numbers without a country code, e.g. RS')
    .action((file: string, o: { case: string; name?: string; region?: string }) =>
      withApi(({ withCase, addWatchlist }) =>
        withCase(o.case, { create: false }, async (store) => {
          const name = o.name ?? (file === '-' ? 'stdin' : basename(file, extname(file)));
          const r = await addWatchlist(store, name, readList(file), { defaultRegion: o.region });
          out(r, () => renderAdded(r));
        }),
      ),
    );

  watch
    .command('list')
    .description("the case's watchlists and saved searches (with their new hits)")
    .requiredOption('--case <case>', CASE_HELP)
    .action((o: { case: string }) =>
      withApi(({ withCase, savedSearchReport }) =>
        withCase(o.case, { readonly: true }, async (store) => {
          const lists = await store.watchlists();
          const saved = await savedSearchReport(store, { hits: 0 });
          out({ watchlists: lists, savedSearches: saved }, () =>
            [
              lists.length ? lists.map((w) => `watchlist "${safe(w.name)}": ${num(w.selectors)} selectors, added ${time(w.addedAt)} by ${safe(w.addedBy)}`).join('\n') : 'no watchlists',
              renderSaved(saved),
            ].join('\n'),
          );
        }),
      ),
    );

  watch
    .command('run')
    .description('match watchlists against the case (all stored ones, the ones named, or a FILE not stored), and list the saved searches with their new hits')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('[lists...]', 'watchlist names, or selector files')
    .option('--csv <file>', 'also write the matches as CSV to this file')
    .option('--all', 'list selectors that match nothing too')
    .option('--ids <n>', 'message ids listed per selector', int('--ids', 0, 100), 5)
    .option('--hits <n>', 'new hits listed per saved search', int('--hits', 0, 500), 10)
    .option('--region <cc>', 'default country for phone numbers in a FILE')
    .action((lists: string[], o: { case: string; csv?: string; all?: boolean; ids: number; hits: number; region?: string }) =>
      withApi(({ withCase, matchSelectors, runWatchlist, watchCsv, savedSearchReport }) =>
        withCase(o.case, { readonly: true }, async (store) => {
          const { parseSelectorList } = await import('../text/watch/selector-list.js');
          const names = lists.length ? lists : (await store.watchlists()).map((w) => w.name);
          const results: (WatchResult & { watchlist: string; problems?: unknown[] })[] = [];
          for (const n of names) {
            if ((await store.watchlist(n)) === null && existsSync(n)) {
              const list = parseSelectorList(readList(n), { defaultRegion: o.region });
              results.push({ ...(await matchSelectors(store, list.selectors, { ids: o.ids })), watchlist: n, problems: list.problems });
            } else results.push({ ...(await runWatchlist(store, n, { ids: o.ids })), watchlist: n });
          }
          if (o.csv) writeFileSync(o.csv, watchCsv(results.flatMap((r) => r.rows)));
          const saved = await savedSearchReport(store, { hits: o.hits });
          out({ watchlists: results, savedSearches: saved }, () =>
            [
              ...results.map((r) => `== ${safe(r.watchlist)}\n${renderRun(r, o.all ?? false)}`),
              ...(o.csv ? [`CSV written to ${safe(o.csv)}`] : []),
              renderSaved(saved),
            ].join('\n'),
          );
        }),
      ),
    );

  watch
    .command('remove')
    .description('remove a stored watchlist')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('<name>')
    .action((name: string, o: { case: string }) =>
      withApi(({ withCase }) =>
        withCase(o.case, {}, async (store) => {
          if (!(await store.removeWatchlist(name))) throw new ClewError('NOT_FOUND', `no watchlist named "${name}"`, { name });
          out({ removed: name }, () => `removed watchlist "${safe(name)}"`);
        }),
      ),
    );

  watch
    .command('save')
    .description('save a search (filters included) under a name: it runs again after every ingest and flags its new hits')
    .requiredOption('--case <case>', CASE_HELP)
    .requiredOption('--name <name>', 'the saved search name')
    .argument('<query...>', 'the query, as for clew search (docs/search.md)')
    .option('--exact', 'match exactly as written')
    .option('--scope <scope>', 'where it applies, kept with it (today: this case)')
    .action((words: string[], o: { case: string; name: string; exact?: boolean; scope?: string }) =>
      withApi(({ withCase, saveSearch }) =>
        withCase(o.case, {}, async (store) => {
          const r = await saveSearch(store, { name: o.name, query: words.join(' '), mode: o.exact ? 'exact' : 'folded', scope: o.scope ?? null });
          out(r, () => `saved search "${safe(r.name)}": ${num(r.hits)} hits now; new ones are flagged after each ingest`);
        }),
      ),
    );

  watch
    .command('unsave')
    .description('remove a saved search')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('<name>')
    .action((name: string, o: { case: string }) =>
      withApi(({ withCase }) =>
        withCase(o.case, {}, async (store) => {
          if (!(await store.removeSavedSearch(name))) throw new ClewError('NOT_FOUND', `no saved search named "${name}"`, { name });
          out({ removed: name }, () => `removed saved search "${safe(name)}"`);
        }),
      ),
    );
}
