/**
 * `clew tag`, `clew note`, `clew star` and `clew annotation`: the analyst's tags, notes and stars
 * on messages, calls, accounts, persons, conversations, places and entities (issue 20), with
 * their log and undo. Thin: the work is in src/api/annotations.ts. The author is the OS user
 * unless --author says otherwise.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { AnnotationResult, ItemAnnotations } from '../api/annotations.js';
import type { AnnotationEvent, CaseStore } from '../api/types.js';
import { CASE_HELP } from './case-help.js';
import { jsonLine, safe, time } from './render.js';

// The API loads when a command runs: `clew --help` stays fast.
const load = async () => ({ ...(await import('../api/case.js')), ...(await import('../api/annotations.js')), ...(await import('../api/identity.js')) });
const withApi = <T>(fn: (api: Awaited<ReturnType<typeof load>>) => T | Promise<T>): Promise<T> => load().then(fn);

const ITEM_HELP = 'the item: message:ID, call:ID, conversation:ID, person:ID|name, place:NAME, entity:TYPE=VALUE, or an account (handle, reference or name)';
const AUTHOR_HELP = 'who writes it (default: the OS user)';

export function renderAnnotations(a: ItemAnnotations): string {
  const lines: string[] = [];
  if (a.star) lines.push(`★ starred by ${safe(a.star.by)} ${time(a.star.at)}`);
  for (const t of a.tags) lines.push(`#${safe(t.name)}  (${safe(t.by)} ${time(t.at)}, event ${t.eventId})`);
  for (const n of a.notes) lines.push(`note ${n.id} (${safe(n.by)} ${time(n.at)}, event ${n.eventId}):\n${safe(n.text, true).split('\n').map((l) => `    ${l}`).join('\n')}`);
  return lines.length ? lines.join('\n') : 'no tags, notes or star';
}

function renderEvent(e: AnnotationEvent): string {
  const what = e.kind === 'star' ? 'star' : e.kind === 'tag' ? `tag #${safe(e.value)}` : `note ${e.key}: ${safe(e.value.length > 60 ? `${e.value.slice(0, 60)}…` : e.value)}`;
  return `event ${e.id}  ${time(e.at)}  ${safe(e.by)}  ${e.action === 'add' ? 'added' : 'removed'} ${what} on ${e.item.type}:${safe(e.item.key)}${e.undoes !== null ? ` (undoes event ${e.undoes})` : ''}`;
}

function renderResult(r: AnnotationResult, nothing: string): string {
  const head = r.event ? `${renderEvent(r.event)}\n(undo: clew annotation undo ${r.event.id})` : nothing;
  return `${head}\n${r.item.type}:${safe(r.item.key)} now:\n${renderAnnotations(r.annotations)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}`;
}

function positive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
    return n;
  };
}

export function registerAnnotate(program: Command, json: () => boolean): void {
  const out = (value: unknown, human: () => string) => process.stdout.write(json() ? jsonLine(value) : `${human()}\n`);
  type Opts = { case: string; author?: string };
  type Api = Awaited<ReturnType<typeof load>>;
  const change = (fn: (api: Api, store: CaseStore, by: string) => Promise<AnnotationResult>, nothing: string) => (o: Opts) =>
    withApi((api) =>
      api.withCase(o.case, {}, async (store) => {
        const r = await fn(api, store, o.author ?? api.defaultUser());
        out(r, () => renderResult(r, nothing));
      }),
    );

  const tag = program.command('tag').description('tags on messages, calls, accounts, persons, conversations, places and entities (tag:NAME finds tagged messages in search)');
  tag
    .command('add')
    .description('tag an item (a tag name is matched in any case; at most 64 characters)')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--author <name>', AUTHOR_HELP)
    .argument('<item>', ITEM_HELP)
    .argument('<tag>', 'the tag')
    .action((item: string, name: string, o: Opts) => change((api, s, by) => api.addTag(s, item, name, by), 'the item has that tag already')(o));
  tag
    .command('remove')
    .description('take a tag off an item')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--author <name>', AUTHOR_HELP)
    .argument('<item>', ITEM_HELP)
    .argument('<tag>', 'the tag')
    .action((item: string, name: string, o: Opts) => change((api, s, by) => api.removeTag(s, item, name, by), 'the item does not have that tag')(o));
  tag
    .command('list')
    .description("the case's tags with how many items carry each; with an ITEM, its tags, notes and star; with --tag, the items carrying it")
    .requiredOption('--case <case>', CASE_HELP)
    .option('--tag <tag>', 'list the items carrying this tag')
    .argument('[item]', ITEM_HELP)
    .action((item: string | undefined, o: { case: string; tag?: string }) =>
      withApi((api) =>
        api.withCase(o.case, { readonly: true }, async (store) => {
          if (item !== undefined) {
            const r = await api.itemAnnotations(store, item);
            out(r, () => `${r.item.type}:${safe(r.item.key)}\n${renderAnnotations(r.annotations)}`);
          } else if (o.tag !== undefined) {
            const items = await api.taggedItems(store, o.tag);
            out({ tag: o.tag, items }, () => (items.length ? items.map((i) => `${i.type}:${safe(i.key)}`).join('\n') : 'no item has that tag'));
          } else {
            const tags = await api.listTags(store);
            out({ tags }, () => (tags.length ? tags.map((t) => `#${safe(t.name)}  ${t.items} item${t.items === 1 ? '' : 's'}`).join('\n') : 'no tags in this case'));
          }
        }),
      ),
    );

  const note = program.command('note').description('notes on messages, calls, accounts, persons, conversations, places and entities (note:WORD finds messages by their notes)');
  note
    .command('add')
    .description('write a note on an item (plain text, at most 10,000 characters)')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--author <name>', AUTHOR_HELP)
    .argument('<item>', ITEM_HELP)
    .argument('<text...>', 'the note')
    .action((item: string, text: string[], o: Opts) => change((api, s, by) => api.addNote(s, item, text.join(' '), by), '')(o));
  note
    .command('remove')
    .description('remove a note (by its number, as tag list ITEM shows it)')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--author <name>', AUTHOR_HELP)
    .argument('<item>', ITEM_HELP)
    .argument('<note>', 'the note number')
    .action((item: string, id: string, o: Opts) => change((api, s, by) => api.removeNote(s, item, id, by), '')(o));

  const star = program.command('star').description('stars on items');
  star
    .command('add')
    .description('star an item')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--author <name>', AUTHOR_HELP)
    .argument('<item>', ITEM_HELP)
    .action((item: string, o: Opts) => change((api, s, by) => api.setStar(s, item, true, by), 'the item is starred already')(o));
  star
    .command('remove')
    .description('take the star off an item')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--author <name>', AUTHOR_HELP)
    .argument('<item>', ITEM_HELP)
    .action((item: string, o: Opts) => change((api, s, by) => api.setStar(s, item, false, by), 'the item is not starred')(o));

  const ann = program.command('annotation').description('the log of tags, notes and stars, and undo');
  ann
    .command('log')
    .description('the annotation log, newest first: of the case, or of one item')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--limit <n>', 'events listed', positive('--limit'), 50)
    .argument('[item]', ITEM_HELP)
    .action((item: string | undefined, o: { case: string; limit: number }) =>
      withApi((api) =>
        api.withCase(o.case, { readonly: true }, async (store) => {
          const events = await api.annotationHistory(store, { ...(item !== undefined ? { ref: item } : {}), limit: o.limit });
          out({ events }, () => (events.length ? events.map(renderEvent).join('\n') : 'no annotations yet'));
        }),
      ),
    );
  ann
    .command('undo')
    .description('undo an event of the log (writes the opposite event; undoing an undo redoes)')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--author <name>', AUTHOR_HELP)
    .argument('<event>', 'the event number (annotation log lists them)', positive('event'))
    .action((event: number, o: Opts) => change((api, s, by) => api.undoAnnotation(s, event, by), '')(o));
}
