// Evidence report speed (issue 20): a 500-item report with 20 charts rendered to HTML (target
// ≤ 5 s) and printed to PDF (≤ 20 s), through the typed API `clew report` and the workspace use.
// Baselines measured in the same run: for HTML, reading what the report cites (each message, its
// thread page and its raw record) without rendering or figures; for PDF, Chromium printing a
// one-page document (its start-up and print pipeline).
//
//   npm run build   (or npx tsc -p tsconfig.build.json)
//   node bench/report/bench.mjs [--messages 100000] [--items 500] [--figures 20] [--before DIST]
//
// --before DIST: another build's dist directory (e.g. a checkout of main, built): its report HTML
// and PDF are timed in the same run, and its HTML compared with this build's (the same but for
// the style sheet, clew's commit and the manifest's hash, when only speed changed). CPU seconds
// include Chromium's (the children this process waited for).
//
// The case is synthesised once into bench/out/report/ (clew synth, seed 1) and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_OUT, BIN, opt } from '../common.mjs';

const messages = Number(opt('messages', '100000'));
const itemsN = Number(opt('items', '500'));
const figuresN = Number(opt('figures', '20'));
const beforeDist = opt('before', null);
const dir = join(BENCH_OUT, 'report', `m${messages}`);
const casePath = join(dir, 'case.clew');
mkdirSync(dir, { recursive: true });
if (!existsSync(casePath)) {
  const t0 = performance.now();
  execFileSync(process.execPath, [BIN, 'synth', '--out', dir, '--messages', String(messages), '--seed', '1'], { stdio: 'inherit' });
  execFileSync(process.execPath, [BIN, 'ingest', '--case', casePath, join(dir, 'records.jsonl')], { stdio: 'inherit' });
  console.log(`case made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const { openCase } = await import('../../dist/api/case.js');
const { search } = await import('../../dist/api/search.js');
const { buildReport, printPdf } = await import('../../dist/api/report.js');
const { threadPage } = await import('../../dist/api/thread.js');
const { readRaw } = await import('../../dist/api/show.js');

const store = await openCase(casePath, { readonly: true });
const stats = await store.stats({ top: 5 });
// 500 messages spread over the case (fixed: the search's newest-first order, every k-th)
const hits = [];
let cursor;
while (hits.length < itemsN * 4) {
  const page = await search(store, { query: 'after:2000-01-01', limit: 500, ...(cursor !== undefined ? { cursor } : {}) });
  hits.push(...page.hits.map((h) => h.id));
  if (page.nextCursor === null || page.nextCursor === undefined) break;
  cursor = page.nextCursor;
}
const step = Math.max(1, Math.floor(hits.length / itemsN));
const ids = hits.filter((_, i) => i % step === 0).slice(0, itemsN);
const top = stats.topTalkers.map((t) => t.account.ref);
const MEASURES = ['pagerank', 'degree', 'harmonic', 'eigenvector', 'composite'];
const figures = Array.from({ length: figuresN }, (_, i) => {
  const m = MEASURES[i % MEASURES.length];
  const scope = i % 4 === 3 && top[i % top.length] ? `:scope=ego:${top[i % top.length]}:2` : '';
  return `rank:${m}:top=${[10, 25, 50, 100][i % 4]}${scope}`;
});
const items = ids.map((id, i) => ({ id, commentary: `Item ${i + 1}: what this message shows, with a <b>name</b> and ${'context '.repeat(20)}` }));

// CPU seconds of this process and of the children it waited for (Chromium), from /proc (Linux)
const cpu = () => {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return Number.NaN;
  }
};
const ms = async (fn) => {
  const c0 = cpu();
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, cpu: cpu() - c0, out };
};

// baseline: read what the report cites (message, thread page, raw record), nothing rendered
const base = await ms(async () => {
  for (const id of ids) {
    const m = await store.message(id);
    await threadPage(store, id, { before: 3, after: 3 });
    await readRaw(m);
  }
});
const req = { locator: casePath, items, introduction: 'Benchmark report.', figures, context: 3 };
// the other build, with its own modules and its own connection to the case
const other = beforeDist
  ? { case: await import(join(beforeDist, 'api/case.js')), report: await import(join(beforeDist, 'api/report.js')) }
  : null;
const otherStore = other ? await other.case.openCase(casePath, { readonly: true }) : null;
const beforeHtml = other ? await ms(() => other.report.buildReport(otherStore, req)) : null;
const noFig = await ms(() => buildReport(store, { ...req, figures: [] }));
const html = await ms(() => buildReport(store, req));
const again = await ms(() => buildReport(store, req));
if (again.out.htmlSha256 !== html.out.htmlSha256) throw new Error('two builds of the same report differ');
writeFileSync(join(dir, 'report.html'), html.out.html);
// the same report but for the style sheet, clew's commit and the manifest's hash
const content = (f) => f.html.replace(/<style>[\s\S]*?<\/style>/, '').replaceAll(f.manifest.manifestSha256, 'MANIFEST').replaceAll(f.manifest.clew.commit, 'COMMIT');
const sameContent = beforeHtml ? content(beforeHtml.out) === content(html.out) : null;
const pdfBase = await ms(() => printPdf('<!DOCTYPE html><p>one page</p>', 'a'.repeat(64)));
const beforePdf = other ? await ms(() => other.report.printPdf(beforeHtml.out.html, beforeHtml.out.manifest.manifestSha256)) : null;
const pdf = await ms(() => printPdf(html.out.html));
writeFileSync(join(dir, 'report.pdf'), pdf.out);
if (beforePdf) writeFileSync(join(dir, 'report-before.pdf'), beforePdf.out);
await store.close();
await otherStore?.close();
const pagesOf = (file) => {
  try {
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, file)], { encoding: 'utf8' }))?.[1]);
  } catch {
    return null; // poppler-utils not installed: page count unknown
  }
};
const pages = pagesOf('report.pdf');
const beforePages = beforePdf ? pagesOf('report-before.pdf') : null;

const s = (x) => (x / 1000).toFixed(2);
const svg = (html.out.html.match(/<svg class="chart"/g) ?? []).length;
console.log(`case: ${stats.messages.toLocaleString('en-US')} messages, ${stats.accounts.toLocaleString('en-US')} accounts; ${ids.length} items, ${figures.length} figures (${svg} charts)`);
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
const row = (what, r, b) => console.log(`| ${what} | ${s(r.ms)} | ${r.cpu.toFixed(2)} | ${(r.ms / b.ms).toFixed(2)}× |`);
console.log('| run | seconds | CPU seconds | vs baseline |');
console.log('|---|---:|---:|---:|');
row(`baseline: read the ${ids.length} messages, thread pages and raw records`, base, base);
if (beforeHtml) row(`before (${beforeDist}): report HTML, ${figures.length} figures with charts`, beforeHtml, base);
row('report HTML, no figures', noFig, base);
row(`report HTML, ${figures.length} figures with charts (target ≤ 5 s)`, html, base);
row('the same again (warm; byte-identical)', again, base);
row('baseline: Chromium prints a one-page PDF', pdfBase, pdfBase);
if (beforePdf) row(`before: report PDF, ${beforePages ?? '?'} pages`, beforePdf, pdfBase);
row(`report PDF, ${pages ?? '?'} pages (target ≤ 20 s)`, pdf, pdfBase);
if (sameContent !== null) console.log(`HTML of both builds the same but for the style sheet, commit and manifest hash: ${sameContent}`);
console.log(
  JSON.stringify({
    messages: stats.messages,
    items: ids.length,
    figures: figures.length,
    htmlBytes: Buffer.byteLength(html.out.html),
    pdfBytes: pdf.out.length,
    pages,
    beforePages,
    sameContent,
    baselineMs: base.ms,
    beforeHtmlMs: beforeHtml?.ms,
    noFiguresMs: noFig.ms,
    htmlMs: html.ms,
    htmlWarmMs: again.ms,
    pdfBaselineMs: pdfBase.ms,
    beforePdfMs: beforePdf?.ms,
    pdfMs: pdf.ms,
  }),
);
