/**
 * Evidence-report routes (issue 20 part 2): the workspace's Report view. One code path with
 * `clew report` (src/api/report.ts).
 *
 * GET  /api/report/items?tag=T | ?ids=1,2,3   messages to cite, in order (a tag's: oldest tagging first)
 * POST /api/report                           make a report (ReportMakeRequest as JSON); kept in memory, the newest 8
 * GET  /api/report/<manifest sha>/(html|pdf|manifest)   download it; the PDF is printed by Chromium on demand
 * POST /api/report/rebuild                   a manifest file as the body: rebuilt from the case, compared by hash
 *
 * The two POSTs read their own body (streamBody): a report's commentary is larger than the
 * server's small JSON cap; a commentary or introduction over its limit is refused (TOO_LARGE)
 * by the API with the item it belongs to. An id the case does not hold is NOT_FOUND.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { annotationsOf, taggedMessageIds } from '../../api/annotations.js';
import { buildReport, printPdf, type ReportFiles, rebuildReport, serialiseManifest } from '../../api/report.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { Download, fileName } from '../download.js';
import type { Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';
import { parseInput, queryObject } from '../validate.js';
import type { ReportItemsResponse, ReportMadeResponse, ReportRebuiltResponse, WireReportCandidate } from '../wire/report.js';
import { caseName } from '../../api/case.js';

/** A report request's body: 5,000 items with 10,000 characters of commentary each fit. */
export const MAX_REPORT_BODY_BYTES = 64 * 1024 * 1024;
/** Items listed by one GET /api/report/items. */
export const MAX_CANDIDATES = 5_000;
const KEPT = 8;
const BODY_CHARS = 400;

const itemsQuery = z.union([
  z.strictObject({ tag: z.string().trim().min(1, { message: 'is empty' }).max(400, { message: 'is too long' }) }),
  z.strictObject({ ids: z.string().regex(/^[0-9]{1,16}(,[0-9]{1,16}){0,499}$/, { message: 'is not a list of message ids (1,2,3; at most 500)' }) }),
]);
const makeBody = z.strictObject({
  items: z.array(z.strictObject({ id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), commentary: z.string().nullable() })).min(1, { message: 'is empty: pick the items to cite' }),
  introduction: z.string().nullable().optional(),
  figures: z.array(z.string().max(1100, { message: 'is too long' })).max(20, { message: 'has more than 20 figures' }).optional(),
  context: z.number().int().min(0).max(50).optional(),
  queries: z.array(z.string()).optional(),
});

async function readBody(req: IncomingMessage, max: number, what: string): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > max) throw new ClewError('TOO_LARGE', `${what} is larger than ${max} bytes`, { maxBytes: max });
    parts.push(c);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts));
  } catch {
    throw new ClewError('INVALID_UTF8', `${what} is not valid UTF-8`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ClewError('JSON_SYNTAX', 'the request body is not valid JSON');
  }
}

/** The reports made in this server, newest last, per case. */
const made = new WeakMap<CaseStore, Map<string, ReportFiles>>();
function keep(store: CaseStore, files: ReportFiles): void {
  let m = made.get(store);
  if (!m) made.set(store, (m = new Map()));
  m.delete(files.manifest.manifestSha256);
  m.set(files.manifest.manifestSha256, files);
  while (m.size > KEPT) m.delete(m.keys().next().value!);
}
function kept(store: CaseStore, sha: string): ReportFiles {
  const f = made.get(store)?.get(sha);
  if (!f) throw new ClewError('NOT_FOUND', 'this report is no longer kept by the server (it keeps the newest 8 until it stops): make it again, or rebuild it from its manifest');
  return f;
}

/** PDFs are printed one at a time (one Chromium on a shared machine). */
let printing: Promise<unknown> = Promise.resolve();
function printOne(html: string, sha: string): Promise<Buffer> {
  const p = printing.then(() => printPdf(html, sha));
  printing = p.catch(() => undefined);
  return p;
}

async function candidates(store: CaseStore, ids: readonly number[]): Promise<WireReportCandidate[]> {
  const notes = await annotationsOf(
    store,
    ids.map((id) => ({ type: 'message' as const, key: String(id) })),
  );
  const out: WireReportCandidate[] = [];
  for (const id of ids) {
    const m = await store.message(id);
    const body = [...m.body];
    out.push({
      id: m.id,
      ts: m.ts,
      sender: m.sender,
      conversationTitle: m.conversationTitle,
      body: body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS - 1).join('')}…` : m.body,
      tags: notes.get(`message:${id}`)?.tags.map((t) => t.name) ?? [],
    });
  }
  return out;
}

export const REPORT_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/report\/items$/,
    async handle({ store, query }): Promise<ReportItemsResponse> {
      const q = parseInput(itemsQuery, queryObject(query));
      const ids = 'tag' in q ? await taggedMessageIds(store, q.tag) : q.ids.split(',').map(Number);
      return { items: await candidates(store, ids.slice(0, MAX_CANDIDATES)) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/report$/,
    streamBody: { maxBytes: MAX_REPORT_BODY_BYTES },
    async handle({ store, req }): Promise<ReportMadeResponse> {
      const b = parseInput(makeBody, parseJson(await readBody(req, MAX_REPORT_BODY_BYTES, 'the report request')));
      const files = await buildReport(store, {
        locator: caseLocatorOf(store),
        items: b.items,
        introduction: b.introduction ?? null,
        figures: b.figures ?? [],
        ...(b.context !== undefined ? { context: b.context } : {}),
        queries: b.queries ?? [],
      });
      keep(store, files);
      const sha = files.manifest.manifestSha256;
      return {
        manifestSha256: sha,
        htmlSha256: files.htmlSha256,
        items: files.manifest.items.length,
        figures: files.manifest.figures.length,
        htmlBytes: Buffer.byteLength(files.html),
        downloads: { html: `/api/report/${sha}/html`, pdf: `/api/report/${sha}/pdf`, manifest: `/api/report/${sha}/manifest` },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/report\/([a-z0-9._-]+)\/(html|pdf|manifest)$/,
    async handle({ store, params }): Promise<Download> {
      const sha = params[0]!;
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new ClewError('NOT_FOUND', 'a report is named by its manifest SHA-256 (64 hex digits)');
      const files = kept(store, sha);
      const stem = ['report', sha.slice(0, 12)];
      const name = caseName(caseLocatorOf(store));
      if (params[1] === 'html') return new Download('text/html; charset=utf-8', fileName(name, stem, 'html'), files.html);
      if (params[1] === 'manifest') return new Download('application/json; charset=utf-8', fileName(name, stem, 'manifest.json'), serialiseManifest(files.manifest));
      return new Download('application/pdf', fileName(name, stem, 'pdf'), await printOne(files.html, sha));
    },
  },
  {
    method: 'POST',
    pattern: /^\/report\/rebuild$/,
    streamBody: { maxBytes: MAX_REPORT_BODY_BYTES },
    async handle({ store, req }): Promise<ReportRebuiltResponse> {
      const text = await readBody(req, MAX_REPORT_BODY_BYTES, 'the manifest');
      const r = await rebuildReport(store, text, 'the manifest');
      return { manifestSha256: r.manifest.manifestSha256, htmlSha256: r.htmlSha256, expectedSha256: r.manifest.reportSha256, identical: r.identical, changes: r.changes };
    },
  },
];
