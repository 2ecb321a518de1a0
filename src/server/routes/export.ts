/**
 * Exports from the workspace: files to save, not JSON (download.ts).
 *
 * GET /api/network/export?format=gexf|graphml|i2|ftm&<the Network view's filters>&scope=SPEC
 *   The contact network with its measures, the same file `clew graph export` writes (one code
 *   path: src/api/graph.ts exportNetwork), for the network the Network and Key players views show:
 *   the same filters, parsed by the same schema, and the same scope. GEXF and GraphML say inside
 *   which case, filters and scope they are, and how each measure was computed.
 *
 * GET /api/csv/search?q=&mode=       every hit of a query, newest first, up to MAX_CSV_SEARCH_ROWS
 * GET /api/csv/contacts?subject=REF  a dossier's contacts (an account, or person:<id>)
 * GET /api/csv/timeline?<the Timeline view's query>   messages and calls per bucket and series
 * GET /api/csv/entities?type=        entities, most mentioned first, up to MAX_CSV_ROWS
 * GET /api/csv/quarantine            quarantined records, up to MAX_CSV_ROWS
 *   CSV per src/api/csv.ts: RFC 4180, UTF-8 with a BOM, formula cells guarded.
 */
import { caseName } from '../../api/case.js';
import { type CsvColumn, csvChunks, csvTable, csvTime } from '../../api/csv.js';
import { dossier } from '../../api/dossier.js';
import { listEntities } from '../../api/entities.js';
import { exportNetwork } from '../../api/graph.js';
import { search, type SearchResultHit } from '../../api/search.js';
import type { AccountView, CaseStore, EntityRow, QuarantineRow } from '../../api/types.js';
import { Download, fileName } from '../download.js';
import * as api from '../contract/export.js';
import { CSV_TYPE, NETWORK_DOWNLOAD_FORMATS, NETWORK_DOWNLOAD_TYPES, type NetworkDownloadFormat } from '../contract/export.js';
import { defineRoute, type Route } from '../route.js';
import { filterOf, scopedViewNetwork } from './network.js';
import { activityAnswer } from './timeline.js';

export { NETWORK_DOWNLOAD_FORMATS, NETWORK_DOWNLOAD_TYPES, type NetworkDownloadFormat };

/** Search hits in one CSV (all pages of the query, newest first). */
export const MAX_CSV_SEARCH_ROWS = 50_000;
/** Entities and quarantined records in one CSV. */
export const MAX_CSV_ROWS = 100_000;
/** Contacts in one dossier CSV. */
export const MAX_CSV_CONTACTS = 10_000;
const SEARCH_PAGE = 500;
const ENTITY_PAGE = 2_000;

const name = (a: AccountView) => a.label ?? a.displayName ?? '';
const caseOf = (store: CaseStore) => caseName(store.locator);

const SEARCH_COLUMNS: CsvColumn<SearchResultHit>[] = [
  { header: 'message_id', value: (h) => h.id },
  { header: 'time_utc', value: (h) => csvTime(h.ts) },
  { header: 'sender_ref', value: (h) => h.sender.ref },
  { header: 'sender_name', value: (h) => name(h.sender) },
  { header: 'conversation_id', value: (h) => h.conversationId },
  { header: 'conversation_title', value: (h) => h.conversationTitle },
  { header: 'body', value: (h) => h.body ?? h.snippet.text },
  { header: 'code_words', value: (h) => (h.via ?? []).map((v) => `${v.codeword} = ${v.means}`).join('; ') },
];

type Contact = Awaited<ReturnType<typeof dossier>>['contacts'][number];
const CONTACT_COLUMNS: CsvColumn<Contact>[] = [
  { header: 'contact_ref', value: (c) => c.account.ref },
  { header: 'contact_name', value: (c) => name(c.account) },
  { header: 'platform', value: (c) => c.account.platform },
  { header: 'handle', value: (c) => c.account.handle },
  { header: 'total', value: (c) => c.total },
  { header: 'sent', value: (c) => c.sent },
  { header: 'received', value: (c) => c.received },
  { header: 'calls', value: (c) => c.calls },
  { header: 'first_utc', value: (c) => csvTime(c.first) },
  { header: 'last_utc', value: (c) => csvTime(c.last) },
];

interface TimelineRow {
  series: string;
  label: string;
  start: number;
  end: number;
  messages: number;
  calls: number;
}
const TIMELINE_COLUMNS: CsvColumn<TimelineRow>[] = [
  { header: 'series', value: (r) => r.series },
  { header: 'label', value: (r) => r.label },
  { header: 'start_utc', value: (r) => csvTime(r.start) },
  { header: 'end_utc', value: (r) => csvTime(r.end) },
  { header: 'messages', value: (r) => r.messages },
  { header: 'calls', value: (r) => r.calls },
];

const ENTITY_COLUMNS: CsvColumn<EntityRow>[] = [
  { header: 'type', value: (e) => e.type },
  { header: 'entity', value: (e) => e.value },
  { header: 'as_written', value: (e) => e.raw.join(' | ') },
  { header: 'mentions', value: (e) => e.mentions },
  { header: 'messages', value: (e) => e.messages },
  { header: 'first_utc', value: (e) => csvTime(e.first) },
  { header: 'last_utc', value: (e) => csvTime(e.last) },
  { header: 'top_accounts', value: (e) => e.accounts.map((a) => `${a.account.ref} (${a.mentions})`).join('; ') },
];

const QUARANTINE_COLUMNS: CsvColumn<QuarantineRow>[] = [
  { header: 'file', value: (q) => q.sourcePath },
  { header: 'line', value: (q) => q.locator.line },
  { header: 'place', value: (q) => q.locator.path ?? q.locator.entry ?? '' },
  { header: 'code', value: (q) => q.code },
  { header: 'reason', value: (q) => q.message },
  { header: 'excerpt', value: (q) => q.excerpt },
];

/** Every page of a search, up to the cap. */
async function* searchPages(store: CaseStore, q: string, mode: 'folded' | 'exact'): AsyncGenerator<SearchResultHit[]> {
  let cursor: number | undefined;
  let rows = 0;
  for (;;) {
    const limit = Math.min(SEARCH_PAGE, MAX_CSV_SEARCH_ROWS - rows);
    const r = await search(store, { query: q, mode, limit, cursor, withBody: true });
    rows += r.hits.length;
    yield r.hits;
    if (r.nextCursor === null || rows >= MAX_CSV_SEARCH_ROWS || r.hits.length === 0) return;
    cursor = r.nextCursor;
  }
}

async function* entityPages(store: CaseStore, type: string | undefined): AsyncGenerator<EntityRow[]> {
  for (let offset = 0; offset < MAX_CSV_ROWS; ) {
    const rows = await listEntities(store, { type, limit: Math.min(ENTITY_PAGE, MAX_CSV_ROWS - offset), offset });
    yield rows;
    if (rows.length < ENTITY_PAGE) return;
    offset += rows.length;
  }
}

/**
 * The pages with the first one already read: a bad request (a query that does not parse, a name
 * that means several people) is a JSON error before the file's headers go out.
 */
async function primed<T>(pages: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await pages.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      yield* pages;
    },
  };
}

export const EXPORT_ROUTES: Route[] = [
  defineRoute(api.networkExport, async ({ store, query: q }) => {
    const { ctx, scope } = await scopedViewNetwork(store, filterOf(q), q.scope);
    const r = exportNetwork(ctx, q.format, { caseName: caseOf(store), scope: scope ?? null });
    const t = NETWORK_DOWNLOAD_TYPES[q.format];
    const what = ['network', ...(q.level === 'person' ? ['persons'] : []), ...(scope ? ['scoped'] : [])];
    return new Download(t.type, fileName(caseOf(store), what, t.ext), r.files[0]!.content);
  }),
  defineRoute(
    api.csvSearch,
    async ({ store, query: q }) =>
      new Download(CSV_TYPE, fileName(caseOf(store), ['search'], 'csv'), csvChunks(SEARCH_COLUMNS, await primed(searchPages(store, q.q, q.mode ?? 'folded'))), {
        'X-Clew-Row-Cap': String(MAX_CSV_SEARCH_ROWS),
      }),
  ),
  defineRoute(api.csvContacts, async ({ store, query: q }) => {
    const subject = q.subject.startsWith('person:') ? { person: q.subject.slice('person:'.length) } : { account: q.subject };
    const d = await dossier(store, subject, { contacts: MAX_CSV_CONTACTS, conversations: 1, entitiesPerType: 1, names: 1, places: 1 });
    return new Download(CSV_TYPE, fileName(caseOf(store), ['contacts', q.subject], 'csv'), csvTable(CONTACT_COLUMNS, d.contacts), { 'X-Clew-Row-Cap': String(MAX_CSV_CONTACTS) });
  }),
  defineRoute(api.csvTimeline, async ({ store, query }) => {
    const r = await activityAnswer(store, query);
    const rows: TimelineRow[] = [];
    for (const s of r.series) {
      r.buckets.forEach((b, i) => rows.push({ series: s.key, label: s.label, start: b.start, end: b.end, messages: s.messages[i]!, calls: s.calls[i]! }));
    }
    return new Download(CSV_TYPE, fileName(caseOf(store), ['timeline', r.unit], 'csv'), csvTable(TIMELINE_COLUMNS, rows));
  }),
  defineRoute(
    api.csvEntities,
    async ({ store, query: q }) =>
      new Download(CSV_TYPE, fileName(caseOf(store), ['entities', ...(q.type ? [q.type] : [])], 'csv'), csvChunks(ENTITY_COLUMNS, await primed(entityPages(store, q.type))), {
        'X-Clew-Row-Cap': String(MAX_CSV_ROWS),
      }),
  ),
  defineRoute(
    api.csvQuarantine,
    async ({ store }) =>
      new Download(CSV_TYPE, fileName(caseOf(store), ['quarantine'], 'csv'), csvTable(QUARANTINE_COLUMNS, await store.quarantine({ limit: MAX_CSV_ROWS })), {
        'X-Clew-Row-Cap': String(MAX_CSV_ROWS),
      }),
  ),
];
