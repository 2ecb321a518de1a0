// Evidence report speed (issue 20): a 500-item report with 20 charts rendered to HTML (target
// ≤ 5 s) and printed to PDF (≤ 20 s), through the typed API `clew report` and the workspace use.
// Baselines measured in the same run: for HTML, reading what the report cites (each message, its
// thread page and its raw record) without rendering or figures; for PDF, Chromium printing a
// one-page document (its start-up and print pipeline).
//
//   npm run build   (or npx tsc -p tsconfig.build.json)
//   node bench/report/bench.mjs [--messages 100000] [--items 500] [--figures 20]
//
// The case is synthesised once into bench/out/report/ (clew synth, seed 1) and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_OUT, BIN, opt } from '../common.mjs';

const messages = Number(opt('messages', '100000'));
const itemsN = Number(opt('items', '500'));
const figuresN = Number(opt('figures', '20'));
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

const ms = async (fn) => {
  const t0 = performance.now();
  const out = await fn();
  return { ms: performance.now() - t0, out };
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
const noFig = await ms(() => buildReport(store, { ...req, figures: [] }));
const html = await ms(() => buildReport(store, req));
const again = await ms(() => buildReport(store, req));
if (again.out.htmlSha256 !== html.out.htmlSha256) throw new Error('two builds of the same report differ');
writeFileSync(join(dir, 'report.html'), html.out.html);
const pdfBase = await ms(() => printPdf('<!DOCTYPE html><p>one page</p>', 'a'.repeat(64)));
const pdf = await ms(() => printPdf(html.out.html, html.out.manifest.manifestSha256));
writeFileSync(join(dir, 'report.pdf'), pdf.out);
await store.close();
let pages = null;
try {
  pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' }))?.[1]);
} catch {
  // poppler-utils not installed: page count unknown
}

const s = (x) => (x / 1000).toFixed(2);
const svg = (html.out.html.match(/<svg class="chart"/g) ?? []).length;
console.log(`case: ${stats.messages.toLocaleString('en-US')} messages, ${stats.accounts.toLocaleString('en-US')} accounts; ${ids.length} items, ${figures.length} figures (${svg} charts)`);
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
console.log('| run | seconds | vs baseline |');
console.log('|---|---:|---:|');
console.log(`| baseline: read the ${ids.length} messages, thread pages and raw records | ${s(base.ms)} | 1.00× |`);
console.log(`| report HTML, no figures | ${s(noFig.ms)} | ${(noFig.ms / base.ms).toFixed(2)}× |`);
console.log(`| report HTML, ${figures.length} figures with charts (target ≤ 5 s) | ${s(html.ms)} | ${(html.ms / base.ms).toFixed(2)}× |`);
console.log(`| the same again (warm; byte-identical) | ${s(again.ms)} | ${(again.ms / base.ms).toFixed(2)}× |`);
console.log(`| baseline: Chromium prints a one-page PDF | ${s(pdfBase.ms)} | 1.00× |`);
console.log(`| report PDF, ${pages ?? '?'} pages (target ≤ 20 s) | ${s(pdf.ms)} | ${(pdf.ms / pdfBase.ms).toFixed(2)}× |`);
console.log(JSON.stringify({ messages: stats.messages, items: ids.length, figures: figures.length, htmlBytes: Buffer.byteLength(html.out.html), pdfBytes: pdf.out.length, pages, baselineMs: base.ms, noFiguresMs: noFig.ms, htmlMs: html.ms, htmlWarmMs: again.ms, pdfBaselineMs: pdfBase.ms, pdfMs: pdf.ms }));
