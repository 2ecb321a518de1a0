/**
 * Evidence-report routes (issue 20 part 2): the workspace's Report view. One code path with
 * `clew report` (src/api/report.ts).
 *
 * GET  /api/report/items?tag=T | ?ids=1,2,3 | ?calls=4,5 | ?account=A[&with=B]
 *                                            messages and calls to cite, in order (a tag's: oldest tagging first;
 *                                            an account's or person's calls, with B on the other end: oldest first)
 * POST /api/report                           make a report (ReportMakeRequest as JSON); kept in memory, the newest 8
 * GET  /api/report/<manifest sha>/(html|pdf|manifest)   download it; the PDF is printed by Chromium on demand
 * POST /api/report/rebuild                   a manifest file as the body: rebuilt from the case, compared by hash
 *
 * The two POSTs read their own body (streamBody): a report's commentary is larger than the
 * server's small JSON cap; a commentary or introduction over its limit is refused (TOO_LARGE)
 * by the API with the item it belongs to. An id the case does not hold is NOT_FOUND.
 */
import type { IncomingMessage } from 'node:http';
import { annotationsOf } from '../../api/annotations.js';
import { buildReport, callsOfSubject, printPdf, type ReportFiles, rebuildReport, serialiseManifest, taggedReportItems } from '../../api/report.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { Download, fileName } from '../download.js';
import { defineRoute, type Route } from '../route.js';
import * as api from '../contract/report.js';
import { MAX_REPORT_BODY_BYTES, reportMakeRequest } from '../contract/report.js';
import { caseLocatorOf } from './jobs.js';
import { parseInput } from '../validate.js';
import type { WireReportCandidate } from '../wire/report.js';
import { caseName } from '../../api/case.js';

/** Items listed by one GET /api/report/items. */
export const MAX_CANDIDATES = 5_000;
const KEPT = 8;
const BODY_CHARS = 400;

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
function printOne(html: string): Promise<Buffer> {
  const p = printing.then(() => printPdf(html));
  printing = p.catch(() => undefined);
  return p;
}

/** The items as the view lists them, in order, with their tags. */
async function candidates(store: CaseStore, items: readonly { type: 'message' | 'call'; id: number }[]): Promise<WireReportCandidate[]> {
  const notes = await annotationsOf(
    store,
    items.map((it) => ({ type: it.type, key: String(it.id) })),
  );
  const calls = new Map((await store.calls(items.filter((it) => it.type === 'call').map((it) => it.id))).map((c) => [c.id, c]));
  const out: WireReportCandidate[] = [];
  for (const it of items) {
    const tags = notes.get(`${it.type}:${it.id}`)?.tags.map((t) => t.name) ?? [];
    if (it.type === 'call') {
      const c = calls.get(it.id)!;
      out.push({ type: 'call', id: c.id, ts: c.ts, sender: c.caller, callee: c.callee, duration: c.duration, conversationTitle: null, body: '', tags });
      continue;
    }
    const m = await store.message(it.id);
    const body = [...m.body];
    out.push({
      type: 'message',
      id: m.id,
      ts: m.ts,
      sender: m.sender,
      callee: null,
      duration: null,
      conversationTitle: m.conversationTitle,
      body: body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS - 1).join('')}…` : m.body,
      tags,
    });
  }
  return out;
}

const idList = (s: string) => s.split(',').map(Number);

export const REPORT_ROUTES: Route[] = [
  defineRoute(api.reportItems, async ({ store, query: q }) => {
    if ([q.tag, q.ids, q.calls, q.account].filter((x) => x !== undefined).length !== 1 || (q.with !== undefined && q.account === undefined))
      throw new ClewError('INVALID_ARGUMENT', 'give one of tag (the items a tag marks), ids (message ids 1,2,3), calls (call ids) or account (its calls, with= another on the other end)');
    const items =
      q.tag !== undefined
        ? await taggedReportItems(store, q.tag)
        : q.ids !== undefined
          ? idList(q.ids).map((id) => ({ type: 'message' as const, id }))
          : q.calls !== undefined
            ? idList(q.calls).map((id) => ({ type: 'call' as const, id }))
            : (await callsOfSubject(store, q.account!, q.with, MAX_CANDIDATES)).map((c) => ({ type: 'call' as const, id: c.id }));
    return { items: await candidates(store, items.slice(0, MAX_CANDIDATES)) };
  }),
  defineRoute(api.reportMake, async ({ store, req }) => {
    const b = parseInput(reportMakeRequest, parseJson(await readBody(req, MAX_REPORT_BODY_BYTES, 'the report request')));
    const files = await buildReport(store, {
      locator: caseLocatorOf(store),
      items: b.items,
      introduction: b.introduction ?? null,
      figures: b.figures ?? [],
      ...(b.context !== undefined ? { context: b.context } : {}),
      queries: b.queries ?? [],
    });
    keep(store, files);
    return {
      manifestSha256: files.manifest.manifestSha256,
      htmlSha256: files.htmlSha256,
      items: files.manifest.items.length,
      figures: files.manifest.figures.length,
      htmlBytes: Buffer.byteLength(files.html),
    };
  }),
  defineRoute(api.reportDownload, async ({ store, params }) => {
    const sha = params.sha;
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new ClewError('NOT_FOUND', 'a report is named by its manifest SHA-256 (64 hex digits)');
    const files = kept(store, sha);
    const stem = ['report', sha.slice(0, 12)];
    const name = caseName(caseLocatorOf(store));
    if (params.what === 'html') return new Download('text/html; charset=utf-8', fileName(name, stem, 'html'), files.html);
    if (params.what === 'manifest') return new Download('application/json; charset=utf-8', fileName(name, stem, 'manifest.json'), serialiseManifest(files.manifest));
    return new Download('application/pdf', fileName(name, stem, 'pdf'), await printOne(files.html));
  }),
  defineRoute(api.reportRebuild, async ({ store, req }) => {
    const text = await readBody(req, MAX_REPORT_BODY_BYTES, 'the manifest');
    const r = await rebuildReport(store, text, 'the manifest');
    return { manifestSha256: r.manifest.manifestSha256, htmlSha256: r.htmlSha256, expectedSha256: r.manifest.reportSha256, identical: r.identical, changes: r.changes };
  }),
];
