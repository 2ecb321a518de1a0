/** `clew entities` and `clew lexicon`. */
import type { Command } from 'commander';
import type { EntityRow } from '../api/entities.js';
import { account, num, safe, time, jsonLine } from './render.js';
import { CASE_HELP } from './case-help.js';

function renderEntities(rows: EntityRow[]): string {
  if (rows.length === 0) return 'no entities';
  return rows
    .map((e) => {
      const who = e.accounts.map((a) => `${account(a.account)} (${num(a.mentions)})`).join(', ');
      const spelled = e.raw.filter((r) => r !== e.value).slice(0, 3);
      return `${e.type.padEnd(13)} ${safe(e.value)}${spelled.length ? `  [as ${spelled.map((r) => safe(r)).join(' | ')}]` : ''}\n${' '.repeat(14)}${num(e.mentions)} mentions in ${num(e.messages)} messages, ${time(e.first)} … ${time(e.last)}; by ${who}`;
    })
    .join('\n');
}

// The API loads when a command runs (it brings the store and more): `clew --help` stays fast.
const load = async () => ({ ...(await import('../api/case.js')), ...(await import('../api/entities.js')) });
const withApi = <T>(fn: (api: Awaited<ReturnType<typeof load>>) => T | Promise<T>): Promise<T> => load().then(fn);

export function registerEntities(program: Command, json: () => boolean): void {
  const out = (value: unknown, human: () => string) => process.stdout.write(json() ? jsonLine(value) : `${human()}\n`);
  program
    .command('entities')
    .description('entities found in the messages (phones, IBANs, wallets, containers, places, money, code words, …), most mentioned first')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--type <type>', 'only this type, e.g. iban')
    .option('--limit <n>', 'how many', (v) => Number(v), 50)
    .action((o: { case: string; type?: string; limit: number }) =>
      withApi(({ withCase, listEntities }) => withCase(o.case, { readonly: true }, async (store) => {
        const rows = await listEntities(store, { type: o.type, limit: o.limit });
        out(rows, () => renderEntities(rows));
      })),
    );

  const lex = program.command('lexicon').description("the case's code words: what the suspects' words mean");
  lex
    .command('add')
    .description('add a code word and apply it to every message already in the case')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('<term>', 'the word as written (any script; inflected forms match too)')
    .requiredOption('--means <meaning>', 'what it stands for, e.g. cocaine')
    .option('--type <type>', 'entity type of the meaning, e.g. drug')
    .action((term: string, o: { case: string; means: string; type?: string }) =>
      withApi(({ withCase, addCodeword }) => withCase(o.case, {}, async (store) => {
        const r = await addCodeword(store, term, o.means, o.type);
        out({ term, means: o.means, ...r }, () => `"${safe(term)}" means ${safe(o.means)}: found ${num(r.mentions)} times in ${num(r.messages)} messages`);
      })),
    );
  lex
    .command('remove')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('<term>')
    .action((term: string, o: { case: string }) =>
      withApi(({ withCase, removeCodeword }) => withCase(o.case, {}, async (store) => {
        await removeCodeword(store, term);
        out({ removed: term }, () => `removed "${safe(term)}" and its mentions`);
      })),
    );
  lex
    .command('list')
    .requiredOption('--case <case>', CASE_HELP)
    .action((o: { case: string }) =>
      withApi(({ withCase, lexicon }) => withCase(o.case, { readonly: true }, async (store) => {
        const rows = await lexicon(store);
        out(rows, () => (rows.length ? rows.map((r) => `${safe(r.term)} = ${safe(r.means)}${r.type ? ` (${safe(r.type)})` : ''}`).join('\n') : 'the lexicon is empty'));
      })),
    );
}
