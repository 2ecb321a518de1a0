/**
 * Evidence reports (issue 20 part 2): `clew report`. Reads from the case what a manifest names
 * (the cited messages with their thread context, provenance, raw source record and annotations;
 * the source inventory, each cited source file checked against its ingest hash) and renders the
 * report (src/report/html.ts, a pure function of manifest and content). Making a report writes the
 * HTML and its manifest; rebuilding reads a manifest back (refused when edited by hand), renders
 * again from the case and says whether the bytes are the ones the manifest was written with, and
 * if not, what in the case changed.
 */
import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseTag } from '../model/annotations.js';
import { ClewError } from '../model/errors.js';
import { egoSelection } from '../report/ego-select.js';
import { renderReport, type FigureContent, type ReportAnnotation, type ReportContent, type ReportItemContent, type ReportSource, type SourceCheck } from '../report/html.js';
import { parseItemsText } from '../report/items.js';
import {
  canonicalJson,
  MAX_CONTEXT,
  MAX_MANIFEST_BYTES,
  MANIFEST_FORMAT,
  type Manifest,
  type ManifestAnnotation,
  type ManifestBody,
  type ManifestFigure,
  MAX_FIGURE_ROWS,
  MAX_FIGURES,
  MAX_COMMENTARY_CHARS,
  MAX_INTRODUCTION_CHARS,
  MAX_QUERIES,
  MAX_REPORT_ITEMS,
  type ManifestItem,
  type ManifestSource,
  parseManifest,
  REPORT_FORMAT_VERSION,
  sealManifest,
  serialiseManifest,
  sha256,
} from '../report/manifest.js';
import type { AnnotationPort, CallPort, CallView, CaseStore, IdentityPort, ItemKey, MessagePort, MessageView, SourceRow } from '../store/types.js';
import { taggedItems } from './annotations.js';
import { callContext } from './call-context.js';
import { resolveSubjectAccountsOf } from './resolve.js';
import { DEFAULT_SAMPLES, graphContext, type GraphContext, type GraphStore, RANK_MEASURES, rank, type RankResult } from './graph.js';
import { scopedContext } from './graph-scope.js';
import { checkSourceFile } from './report-sources.js';
import { loadCaseNetwork } from './network.js';
import { caseName, printableLocator } from './case.js';
import { clewVersion } from './export.js';
import { readRaw } from './show.js';
import { type ThreadPage, threadPages } from './thread.js';

export { REPORT_FORMAT_VERSION, MAX_CONTEXT, serialiseManifest };
export type { Manifest };

/** The largest items file read. */
export const MAX_ITEMS_FILE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_CONTEXT = 3;

export type ReportStore = MessagePort & CallPort & IdentityPort & AnnotationPort & GraphStore & Pick<CaseStore, 'sources' | 'backend'>;

const FIGURE_HELP = 'rank:MEASURE[:top=N][:seed=S][:scope=SPEC] (scope last), e.g. rank:pagerank:top=10:scope=ego:Kum:2';

/**
 * A `--figure` spec: `rank:MEASURE[:top=N][:seed=S][:scope=SPEC]`, the key-players table of
 * `clew graph rank`. `scope=` takes the rest of the spec (a scope SPEC has colons of its own).
 */
export function parseFigure(spec: string): ManifestFigure {
  const bad = (why: string) => new ClewError('INVALID_ARGUMENT', `--figure ${JSON.stringify(spec.slice(0, 80))}: ${why} (${FIGURE_HELP})`);
  if (spec.length > 1100) throw bad('too long');
  const scopeAt = spec.indexOf(':scope=');
  const head = scopeAt >= 0 ? spec.slice(0, scopeAt) : spec;
  const scope = scopeAt >= 0 ? spec.slice(scopeAt + ':scope='.length).trim() : null;
  if (scope === '') throw bad('scope= needs a SPEC');
  const [kind, measure, ...opts] = head.split(':');
  if (kind !== 'rank') throw bad('the one figure so far is rank');
  if (!(RANK_MEASURES as readonly string[]).includes(measure ?? '')) throw bad(`the measure is one of ${RANK_MEASURES.join(', ')}`);
  const f: ManifestFigure = { kind: 'rank', measure: measure!, top: 10, scope, seed: 1, samples: DEFAULT_SAMPLES };
  for (const o of opts) {
    const m = /^(top|seed)=(\d{1,9})$/.exec(o);
    if (!m) throw bad(`unknown option ${JSON.stringify(o.slice(0, 40))}`);
    const n = Number(m[2]);
    if (m[1] === 'top') {
      if (n < 1 || n > MAX_FIGURE_ROWS) throw bad(`top is 1 to ${MAX_FIGURE_ROWS}`);
      f.top = n;
    } else f.seed = n;
  }
  return f;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(6));

/**
 * The figures of a report, computed from the case (deterministic: the same case, parameters and
 * clew give the same tables). The case network is loaded once for all of them, a scope's network
 * is cut once, and a ranking is computed once for the figures that differ only in `top`: the top
 * N rows are the first N of the longer ranking. A figure scoped to an ego network also gets the
 * picture of that network (ego-select.ts, laid out from the figure's seed).
 */
async function computeFigures(store: ReportStore, figures: readonly ManifestFigure[]): Promise<FigureContent[]> {
  let net: GraphContext | undefined;
  const base = async () => (net ??= graphContext(await loadCaseNetwork(store, {}), store, {}));
  const ctxKey = (f: ManifestFigure) => JSON.stringify([f.scope, f.seed, f.samples]);
  const rankKey = (f: ManifestFigure) => JSON.stringify([f.scope, f.seed, f.samples, f.measure]);
  const longest = new Map<string, number>();
  for (const f of figures) longest.set(rankKey(f), Math.max(longest.get(rankKey(f)) ?? 0, f.top));
  const contexts = new Map<string, { ctx: GraphContext; scope: FigureContent['parameters'][number]; graph: FigureContent['graph'] }>();
  const ranks = new Map<string, RankResult>();
  const out: FigureContent[] = [];
  for (const f of figures) {
    let c = contexts.get(ctxKey(f));
    if (!c) {
      let ctx = await base();
      if (ctx.seed !== f.seed || ctx.samples !== f.samples) ctx = graphContext(ctx.net, store, { seed: f.seed, samples: f.samples, pivotWork: ctx.pivotWork });
      let scope: FigureContent['parameters'][number] = { name: 'Scope', value: 'the whole contact network of the case (accounts; every channel; no time filter)' };
      let graph: FigureContent['graph'];
      if (f.scope !== null) {
        const s = await scopedContext(ctx, f.scope);
        ctx = s.ctx;
        if (s.scope.kind === 'ego' && s.centres.length > 0)
          graph = egoSelection(ctx.undirected, ctx.net.labels, s.centres, { title: `the ${s.scope.description}: the named at the centre, their contacts ring by ring`, seed: f.seed });
        scope = { name: 'Scope', value: `${s.scope.spec}: ${s.scope.description}; ${s.scope.nodes} of ${s.scope.of.nodes} nodes, ${s.scope.contactPairs} of ${s.scope.of.contactPairs} contact pairs` };
      }
      contexts.set(ctxKey(f), (c = { ctx, scope, graph }));
    }
    let r = ranks.get(rankKey(f));
    if (!r) ranks.set(rankKey(f), (r = rank(c.ctx, { by: f.measure as (typeof RANK_MEASURES)[number], top: longest.get(rankKey(f))!, contacts: 3 })));
    out.push(figureContent(f, c.scope, c.graph, { ...r, rows: r.rows.slice(0, f.top) }));
  }
  return out;
}

/** A figure's table, chart and (ego scopes) picture from its ranking (cut to the figure's top). */
function figureContent(f: ManifestFigure, scope: FigureContent['parameters'][number], graph: FigureContent['graph'], r: RankResult): FigureContent {
  const parameters: FigureContent['parameters'] = [scope];
  parameters.push({ name: 'Measure', value: r.by }, { name: 'Network', value: `${r.nodes} nodes, ${r.edges} sender→recipient pairs; weight = messages + calls` }, { name: 'Seed', value: String(f.seed) });
  if (r.weights) parameters.push({ name: 'Composite weights', value: Object.entries(r.weights).map(([k, w]) => `${w} × rank(${k})`).join(' + ') });
  if (r.betweenness)
    parameters.push({ name: 'Betweenness', value: r.betweenness.sampled ? `estimated from ${r.betweenness.samples} pivots (error ≤ ${fmt(r.betweenness.errorBound)} with probability ${r.betweenness.confidence})` : 'exact' });
  parameters.push({ name: 'Command', value: `clew graph rank --case CASE --by ${r.by} --top ${f.top}${f.scope !== null ? ` --scope '${f.scope}'` : ''} --seed ${f.seed}` });
  return {
    ...(graph ? { graph } : {}),
    chart: { title: `${r.by} score of the top ${r.rows.length}`, bars: r.rows.map((row) => ({ label: row.label, value: row.score })) },
    heading: `key players by ${r.by}${f.scope !== null ? ` in ${f.scope}` : ''}, top ${f.top}`,
    parameters,
    columns: ['#', 'Who', 'Score', 'Top contacts (messages + calls)'],
    rows: r.rows.map((row) => [
      [String(row.position)],
      row.label === row.key ? [row.key] : [row.label, `<${row.key}>`],
      [fmt(row.score)],
      row.contacts.map((c, i) => `${c.label} (${c.messages})${i < row.contacts.length - 1 ? ',' : ''}`),
    ]),
  };
}

let build: { version: string; commit: string } | undefined;

/** clew's version (package.json) and git commit (`git rev-parse HEAD` where clew was installed from a checkout), else "unknown". */
export function clewBuild(): { version: string; commit: string } {
  if (build) return build;
  let commit = 'unknown';
  try {
    const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
    const out = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (/^[0-9a-f]{40,64}$/.test(out)) commit = out;
  } catch {
    // not a checkout, or no git: unknown
  }
  return (build = { version: clewVersion(), commit });
}

async function readCapped(path: string, max: number, what: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ClewError(code === 'ENOENT' ? 'SOURCE_NOT_FOUND' : 'INVALID_ARGUMENT', `${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { path });
  }
  if (size > max) throw new ClewError('TOO_LARGE', `${what} ${path} is ${size} bytes; at most ${max} are read`, { path, limit: max });
  return readFile(path, 'utf8');
}

const timeZoneOf = (s: SourceRow): string | null => {
  const tz = (s.options as { timeZone?: unknown }).timeZone;
  return typeof tz === 'string' && tz !== '' ? tz : null;
};

function manifestSource(s: SourceRow): ManifestSource {
  return { id: s.id, name: s.name, size: s.size, sha256: s.sha256, format: s.format, status: s.status, ingestStarted: s.startedAt, ingestFinished: s.finishedAt, timeZone: timeZoneOf(s), records: s.records };
}

const itemKey = (it: ManifestItem): ItemKey => ({ type: it.type, key: String(it.id) });
const itemRef = (k: ItemKey) => `${k.type}:${k.key}`;

async function annotationsOfItems(store: ReportStore, items: readonly ManifestItem[]): Promise<ManifestAnnotation[]> {
  const list = await store.annotationsOf(items.map(itemKey));
  return list.map((a) => ({ item: itemRef(a.item), kind: a.kind, value: a.value, by: a.by, at: a.at }));
}

/** The ids of a manifest's cited messages (its items other than calls), in its order. */
const citedMessageIds = (items: readonly ManifestItem[]) => items.flatMap((it) => (it.type === 'call' ? [] : [it.id]));

/** The thread pages of a manifest's cited messages (each page holds its message), read in batches. NOT_FOUND names the first the case does not hold. */
function citedPages(store: ReportStore, items: readonly ManifestItem[], context: ManifestBody['context']): Promise<ThreadPage[]> {
  return threadPages(store, citedMessageIds(items), context);
}

/** What a new report has already read making its manifest, given to gatherContent instead of reading it again. */
export interface ReadForManifest {
  /** The cited messages' thread pages (citedPages), in the manifest's order. */
  pages: ThreadPage[];
  annotations: ManifestAnnotation[];
}

/**
 * What the report shows of the case for a manifest: read-only. NOT_FOUND when a cited message is
 * not in the case. Each cited source file is read once: hashed against its ingest SHA-256, and the
 * raw records it holds copied out on the way (src/api/report-sources.ts).
 */
export async function gatherContent(store: ReportStore, m: ManifestBody, read?: ReadForManifest): Promise<ReportContent> {
  const rows = (await store.sources()).sort((a, b) => a.id - b.id);
  const pages = read?.pages ?? (await citedPages(store, m.items, m.context));
  const messages = citedMessageIds(m.items).map((id, i) => pages[i]!.messages.find((x) => x.id === id)!);
  const calls = new Map<number, Awaited<ReturnType<typeof callContext>>>();
  for (const it of m.items) if (it.type === 'call') calls.set(it.id, await callContext(store, it.id, m.context));
  // what each source file is cited for: its raw records are copied out while the file is hashed
  const citing = new Map<number, (MessageView | CallView)[]>();
  for (const x of [...messages, ...[...calls.values()].map((c) => c.call)]) {
    const l = citing.get(x.provenance.sourceId);
    if (l) l.push(x);
    else citing.set(x.provenance.sourceId, [x]);
  }
  const sources: ReportSource[] = [];
  const records = new Map<MessageView | CallView, string>();
  for (const s of rows) {
    let onDisk: SourceCheck = { status: 'unchecked' };
    const cited = citing.get(s.id);
    if (cited) {
      const r = await checkSourceFile(s.path, s.sha256, cited);
      onDisk = r.check;
      for (const [view, text] of r.records) records.set(view, text);
    }
    sources.push({ id: s.id, name: s.name, size: s.size, sha256: s.sha256, format: s.format, status: s.status, startedAt: s.startedAt, finishedAt: s.finishedAt, records: s.records, timeZone: timeZoneOf(s), onDisk });
  }
  const bySource = new Map(sources.map((s) => [s.id, s]));
  const annotations = new Map<string, ReportAnnotation[]>();
  for (const a of read?.annotations ?? (await annotationsOfItems(store, m.items))) {
    let l = annotations.get(a.item);
    if (!l) annotations.set(a.item, (l = []));
    l.push({ kind: a.kind, value: a.value, by: a.by, at: a.at });
  }
  const rawOf = async (view: MessageView | CallView) => {
    const p = view.provenance;
    const disk = bySource.get(p.sourceId)?.onDisk;
    if (disk?.status === 'changed') return { text: null, unavailable: `the source file changed since ingest (SHA-256 at ingest ${p.sha256}, now ${disk.sha256})` };
    const held = records.get(view);
    return held !== undefined ? { text: held, unavailable: null } : await readRaw(view);
  };
  const items: ReportItemContent[] = [];
  let pageAt = 0;
  for (const it of m.items) {
    if (it.type === 'call') {
      const { call, entries, moreBefore, moreAfter } = calls.get(it.id)!;
      items.push({ call, context: { entries, moreBefore, moreAfter }, raw: await rawOf(call), annotations: annotations.get(itemRef(itemKey(it))) ?? [] });
      continue;
    }
    const page = pages[pageAt]!;
    const message = messages[pageAt++]!;
    const raw = await rawOf(message);
    items.push({
      message,
      thread: { messages: page.messages, moreBefore: page.moreBefore, moreAfter: page.moreAfter, title: page.title },
      raw,
      annotations: annotations.get(itemRef(itemKey(it))) ?? [],
    });
  }
  return { figures: await computeFigures(store, m.figures), sources, items };
}

export interface ReportRequest {
  /** The case locator as given (its printable form goes into the manifest). */
  locator: string;
  tag?: string;
  /** An items file (see src/report/items.ts). */
  itemsFile?: string;
  context?: number;
  /** `--figure` specs (parseFigure), in order. */
  figures?: readonly string[];
  /** The items chosen in the workspace, in order, with commentary (instead of a tag or items file). */
  items?: readonly { type?: 'message' | 'call'; id: number; commentary: string | null }[];
  /** The queries, filters and scopes that found them (as an items file's `query:` lines). */
  queries?: readonly string[];
  /** The analyst's introduction. */
  introduction?: string | null;
}

/** The calls of an account or person (a name, handle or reference), with `withTerm` on the other end when given: oldest first, at most `limit`. */
export async function callsOfSubject(store: CallPort & IdentityPort, term: string, withTerm: string | undefined, limit: number): Promise<CallView[]> {
  const accounts = (await resolveSubjectAccountsOf(store, term)).map((a) => a.id);
  const other = withTerm === undefined ? undefined : (await resolveSubjectAccountsOf(store, withTerm)).map((a) => a.id);
  return store.callsOf(accounts, { ...(other ? { with: other } : {}), limit });
}

/** The messages and calls a tag marks, in the order they were tagged: INVALID_ARGUMENT when none. */
export async function taggedReportItems(store: AnnotationPort, tag: string): Promise<ManifestItem[]> {
  const items = (await taggedItems(store, tag)).flatMap((k) => (k.type === 'message' || k.type === 'call' ? [{ type: k.type, id: Number(k.key), commentary: null }] : []));
  if (items.length === 0) throw new ClewError('INVALID_ARGUMENT', `no message or call of this case is tagged "${normaliseTag(tag).name}" (clew tag list shows the tags)`, { tag: normaliseTag(tag).name });
  return items;
}

const tooLong = (what: string, n: number, max: number) => new ClewError('TOO_LARGE', `${what} is ${n.toLocaleString('en')} characters; at most ${max.toLocaleString('en')} are kept in a report`, { limit: max });

/** Workspace items checked as an items file's are: ids, commentary size, each once, at most MAX_REPORT_ITEMS. */
function checkItems(list: readonly { type?: ManifestItem['type']; id: number; commentary: string | null }[]): ManifestItem[] {
  if (list.length === 0) throw new ClewError('INVALID_ARGUMENT', 'a report cites at least one item');
  if (list.length > MAX_REPORT_ITEMS) throw new ClewError('INVALID_ARGUMENT', `a report cites at most ${MAX_REPORT_ITEMS} items`);
  const seen = new Set<string>();
  return list.map((it, i) => {
    const type = it.type ?? 'message';
    if (type !== 'message' && type !== 'call') throw new ClewError('INVALID_ARGUMENT', `item ${i + 1}: an item is a message or a call`);
    if (!Number.isSafeInteger(it.id) || it.id <= 0) throw new ClewError('INVALID_ARGUMENT', `item ${i + 1}: ${String(it.id).slice(0, 30)} is not a ${type} id`);
    if (seen.has(`${type}:${it.id}`)) throw new ClewError('INVALID_ARGUMENT', `item ${i + 1}: ${type} ${it.id} is cited twice`);
    seen.add(`${type}:${it.id}`);
    const c = it.commentary === null ? null : it.commentary.trim() === '' ? null : it.commentary;
    if (c !== null && c.length > MAX_COMMENTARY_CHARS) throw tooLong(`the commentary on item ${i + 1} (${type} ${it.id})`, c.length, MAX_COMMENTARY_CHARS);
    return { type, id: it.id, commentary: c };
  });
}

function checkContext(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_CONTEXT) throw new ClewError('INVALID_ARGUMENT', `--context is a whole number from 0 to ${MAX_CONTEXT}`);
  return n;
}

/** The manifest of a new report: the selection resolved against the case, the inventory, the annotations now. */
export async function makeManifest(store: ReportStore, req: ReportRequest): Promise<Manifest> {
  return (await newManifest(store, req)).manifest;
}

/** A new report's manifest, and what was read making it (the cited pages: NOT_FOUND before anything is written). */
async function newManifest(store: ReportStore, req: ReportRequest): Promise<{ manifest: Manifest; read: ReadForManifest }> {
  if ([req.tag, req.itemsFile, req.items].filter((x) => x !== undefined).length !== 1) throw new ClewError('INVALID_ARGUMENT', 'name the items: --tag T or --items FILE (one of them)');
  const introduction = req.introduction === undefined || req.introduction === null || req.introduction.trim() === '' ? null : req.introduction;
  if (introduction !== null && introduction.length > MAX_INTRODUCTION_CHARS) throw tooLong('the introduction', introduction.length, MAX_INTRODUCTION_CHARS);
  const context = checkContext(req.context ?? DEFAULT_CONTEXT);
  const figures = (req.figures ?? []).map(parseFigure);
  if (figures.length > MAX_FIGURES) throw new ClewError('INVALID_ARGUMENT', `a report has at most ${MAX_FIGURES} figures`);
  let items: ManifestItem[];
  let queries: string[] = [];
  let tag: string | null = null;
  if (req.items !== undefined) {
    items = checkItems(req.items);
    queries = [...(req.queries ?? [])];
    if (queries.length > MAX_QUERIES) throw new ClewError('INVALID_ARGUMENT', `a report records at most ${MAX_QUERIES} queries`);
    for (const [i, q] of queries.entries()) if (q.length > MAX_COMMENTARY_CHARS) throw tooLong(`query ${i + 1}`, q.length, MAX_COMMENTARY_CHARS);
  } else if (req.tag !== undefined) {
    tag = normaliseTag(req.tag).name;
    items = await taggedReportItems(store, req.tag);
  } else {
    const f = parseItemsText(await readCapped(req.itemsFile!, MAX_ITEMS_FILE_BYTES, '--items'), basename(req.itemsFile!));
    items = f.items;
    queries = f.queries;
  }
  // NOT_FOUND before anything is written
  const pages = await citedPages(store, items, { before: context, after: context });
  const callIds = items.filter((it) => it.type === 'call').map((it) => it.id);
  if (callIds.length > 0) await store.calls(callIds);
  const body: ManifestBody = {
    format: MANIFEST_FORMAT,
    version: REPORT_FORMAT_VERSION,
    case: { kind: store.backend, name: caseName(req.locator), locator: printableLocator(req.locator) },
    clew: clewBuild(),
    introduction,
    selection: { tag, itemsFile: req.itemsFile !== undefined ? basename(req.itemsFile) : null },
    queries,
    context: { before: context, after: context },
    items,
    figures,
    sources: (await store.sources()).sort((a, b) => a.id - b.id).map(manifestSource),
    annotations: await annotationsOfItems(store, items),
  };
  const manifest = sealManifest(body);
  return { manifest, read: { pages, annotations: manifest.annotations } };
}

export interface ReportFiles {
  html: string;
  manifest: Manifest;
  htmlSha256: string;
}

/** A new report and its manifest (nothing written). */
export async function buildReport(store: ReportStore, req: ReportRequest): Promise<ReportFiles> {
  const { manifest, read } = await newManifest(store, req);
  const html = renderReport(manifest, await gatherContent(store, manifest, read));
  const htmlSha256 = sha256(html);
  return { html, htmlSha256, manifest: { ...manifest, reportSha256: htmlSha256 } };
}

export interface RebuildResult extends ReportFiles {
  /** The rebuilt HTML is byte for byte the report the manifest was written with. */
  identical: boolean;
  /** What differs between the case (and this clew) now and when the manifest was written. */
  changes: string[];
}

/** What in the case or clew changed since the manifest was written (why a rebuild may differ). */
async function changesSince(store: ReportStore, m: Manifest): Promise<string[]> {
  const out: string[] = [];
  const now = clewBuild();
  if (now.version !== m.clew.version || now.commit !== m.clew.commit)
    out.push(`the manifest was written by clew ${m.clew.version} (commit ${m.clew.commit}); this is clew ${now.version} (commit ${now.commit})`);
  const then = new Map(m.sources.map((s) => [s.id, s]));
  const current = (await store.sources()).sort((a, b) => a.id - b.id).map(manifestSource);
  for (const s of current) {
    const t = then.get(s.id);
    if (!t) out.push(`source ${s.id} (${s.name}) was ingested after the manifest was written`);
    else if (canonicalJson(t) !== canonicalJson(s)) out.push(`source ${s.id} (${s.name}) differs: SHA-256 then ${t.sha256}, now ${s.sha256}; ${t.records} records then, ${s.records} now`);
    then.delete(s.id);
  }
  for (const t of then.values()) out.push(`source ${t.id} (${t.name}, SHA-256 ${t.sha256}) is no longer in the case`);
  const ann = await annotationsOfItems(store, m.items);
  const key = (a: ManifestAnnotation) => canonicalJson(a);
  const before = new Set(m.annotations.map(key));
  const after = new Set(ann.map(key));
  const items = new Set([...m.annotations.filter((a) => !after.has(key(a))), ...ann.filter((a) => !before.has(key(a)))].map((a) => a.item));
  for (const i of items) out.push(`the annotations on ${i} changed`);
  return out;
}

/** The report again from a manifest's text (INVALID_ARGUMENT when it was edited by hand). */
export async function rebuildReport(store: ReportStore, manifestText: string, name: string): Promise<RebuildResult> {
  const manifest = parseManifest(manifestText, name);
  const html = renderReport(manifest, await gatherContent(store, manifest));
  const htmlSha256 = sha256(html);
  const identical = htmlSha256 === manifest.reportSha256;
  return { html, htmlSha256, manifest, identical, changes: identical ? [] : await changesSince(store, manifest) };
}

export async function readManifestFile(path: string): Promise<string> {
  return readCapped(path, MAX_MANIFEST_BYTES, '--manifest');
}

/** The manifest's path beside a report: report.html → report.manifest.json. */
export function manifestPathFor(out: string): string {
  return `${out.replace(/\.html?$/i, '')}.manifest.json`;
}

async function writeOut(path: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new ClewError('DISK_FULL', `no space left to write ${path}`, { path });
    throw new ClewError('INVALID_ARGUMENT', `cannot write ${path}: ${code ?? (e as Error).message}`, { path });
  }
}

/** Write a new report and its manifest (the manifest last: it names the report's hash). */
export async function writeReport(files: ReportFiles, out: string, manifestOut: string): Promise<void> {
  if (resolve(out) === resolve(manifestOut)) throw new ClewError('INVALID_ARGUMENT', 'the report and its manifest need different files');
  await writeOut(out, files.html);
  await writeOut(manifestOut, serialiseManifest(files.manifest));
}

/** Write a rebuilt report (never over its manifest). */
export async function writeRebuilt(html: string, out: string, manifestPath: string): Promise<void> {
  if (resolve(out) === resolve(manifestPath)) throw new ClewError('INVALID_ARGUMENT', 'the rebuilt report would overwrite its manifest: choose another --out');
  await writeOut(out, html);
}

/** A report's HTML printed to PDF (src/api/report-pdf.ts; each page names the manifest by the report's own CSS); PROGRAM_MISSING without Chromium. */
export async function printPdf(html: string): Promise<Buffer> {
  const { reportPdf } = await import('./report-pdf.js');
  return reportPdf(html);
}

/** Write a report's PDF, never over the report or its manifest. */
export async function writePdf(pdf: Uint8Array, path: string, notOver: readonly string[]): Promise<void> {
  if (notOver.some((f) => resolve(f) === resolve(path))) throw new ClewError('INVALID_ARGUMENT', 'the PDF needs a file of its own (not the report or its manifest)');
  await writeOut(path, pdf);
}
