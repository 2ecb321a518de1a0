/**
 * The evidence report as one self-contained HTML document: inline CSS, no script, no external
 * resource (a Content-Security-Policy forbids both), printable (A4; the cited items follow one
 * another, a table, record or thread message kept on one page; every page names the manifest's
 * SHA-256 and says page N of M).
 * A pure function of the manifest and what was read from the case for it (`ReportContent`): no
 * clock, no locale, no path of the output, so a rebuild from the same manifest and the same case
 * is byte-identical. Every string from the case or the analyst goes through escapeHtml; text that
 * may run right to left sits in <bdi> or an element with dir="auto".
 */
import type { Locator } from '../model/records.js';
import type { CallView, MessageView, ProvenanceView, SourceRow } from '../store/types.js';
import { revealBidi } from '../text/display/bidi.js';
import { barChartSvg, type BarChart } from './chart.js';
import { egoGraphSvg, type EgoGraph } from './ego-graph.js';
import { bdi, escapeHtml, escapeText } from './escape.js';
import type { Manifest } from './manifest.js';

/** A source file now, next to its ingest: same bytes, other bytes, gone, or not read (no item cites it). */
export type SourceCheck = { status: 'same' } | { status: 'changed'; sha256: string } | { status: 'missing' } | { status: 'unchecked' };

export interface ReportSource extends Pick<SourceRow, 'id' | 'name' | 'size' | 'sha256' | 'format' | 'status' | 'startedAt' | 'finishedAt' | 'records'> {
  timeZone: string | null;
  onDisk: SourceCheck;
}

export interface ReportAnnotation {
  kind: 'tag' | 'note' | 'star';
  value: string;
  by: string;
  at: number;
}

/** A cited message. */
export interface ReportMessageContent {
  message: MessageView;
  /** The thread around it, oldest first, including it. */
  thread: { messages: MessageView[]; moreBefore: boolean; moreAfter: boolean; title: string | null };
  /** The raw source record, or why it cannot be shown. */
  raw: { text: string | null; unavailable: string | null };
  annotations: ReportAnnotation[];
}

/** A cited call: its context is the calls and messages between its two parties around it, oldest first, the call among them. */
export interface ReportCallContent {
  call: CallView;
  context: { entries: ({ kind: 'call'; call: CallView } | { kind: 'message'; message: MessageView })[]; moreBefore: boolean; moreAfter: boolean };
  raw: { text: string | null; unavailable: string | null };
  annotations: ReportAnnotation[];
}

export type ReportItemContent = ReportMessageContent | ReportCallContent;

/** A network figure as computed from the case: a heading, its parameters, a table (all text). */
export interface FigureContent {
  heading: string;
  parameters: { name: string; value: string }[];
  columns: string[];
  /** Each cell is pieces of text, each isolated in its own direction (a right-to-left name next to its handle). */
  rows: string[][][];
  /** The figure as a chart (inline SVG made here), or none. */
  chart: BarChart | null;
  /** A figure scoped to an ego network: its picture (inline SVG made here). */
  graph?: EgoGraph;
}

/** What the report reads from the case for a manifest (src/api/report.ts gathers it). */
export interface ReportContent {
  /** One per manifest figure, in its order. */
  figures: FigureContent[];
  sources: ReportSource[];
  /** One per manifest item, in its order. */
  items: ReportItemContent[];
}

const CSS = `
:root{color-scheme:light}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:start;vertical-align:top}
th{background:#eee}td.num{text-align:end;font-variant-numeric:tabular-nums}
.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
.body{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:isolate}
pre.raw{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;border:1px solid #ddd;padding:.5rem;font-size:.85em;unicode-bidi:isolate}
.warn{color:#8a1c00;font-weight:600}
.commentary{border-inline-start:4px solid #4a6fa5;padding:.2rem .6rem;background:#f1f5fb;white-space:pre-wrap}
ol.thread{list-style:none;padding:0}ol.thread li{border-inline-start:3px solid #ccc;padding:.2rem .6rem;margin:.3rem 0}
ol.thread li.cited{border-color:#b00;background:#fff4f4}ol.thread .who{font-weight:600}ol.thread .mark{font-size:.8em;color:#555}
.muted{color:#555}
.bidi{font-size:.75em;color:#8a1c00;border:1px solid #d9a;border-radius:2px;padding:0 .1em}
svg.chart{display:block;max-width:100%;height:auto;margin:.5rem 0;font:11px system-ui,"Noto Sans","Noto Sans Arabic",sans-serif}svg.chart rect{fill:#4a6fa5}svg.chart text{fill:#111;unicode-bidi:plaintext}svg.chart text.value{fill:#333}
svg.ego line{stroke:#8aa0c0}svg.ego circle{fill:#4a6fa5;stroke:#fff}svg.ego circle.centre{fill:#b00}svg.ego text.centre{font-weight:700}
section.item{border-top:2px solid #333;margin-top:2rem;padding-top:.5rem}
@media print{body{margin:0;max-width:none;font-size:10pt}section.item{margin-top:1rem;padding-top:.3rem}h2{margin:.8rem 0 .3rem}h3{margin:.6rem 0 .2rem}table,pre.raw,ol.thread li,svg.chart,.commentary{break-inside:avoid}h2,h3{break-after:avoid}}
`.trim();

/**
 * The printed page: A4, and in its bottom margin the manifest's SHA-256 and "page N of M" (CSS
 * page margin boxes, Chromium 131 and later: printed with the page, far cheaper than a footer
 * template drawn for each page). The hash is hex (anything else is left out).
 */
function pageCss(manifestSha256: string): string {
  const hash = /^[0-9a-f]{64}$/.test(manifestSha256) ? ` · manifest SHA-256 ${manifestSha256}` : '';
  const box = 'font:7pt ui-monospace,Menlo,Consolas,monospace;color:#444;white-space:nowrap';
  return `@page{size:A4;margin:14mm 12mm 16mm;@bottom-left{content:"clew evidence report${hash}";${box}}@bottom-right{content:"page " counter(page) " of " counter(pages);${box}}}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A UTC instant as `YYYY-MM-DD HH:MM:SSZ` (no locale). */
export function utc(ts: number): string {
  return new Date(ts).toISOString().replace('T', ' ').slice(0, 19) + 'Z';
}

/** The instant in the sender's recorded offset, when there is one. */
function local(ts: number, offsetMin: number | null): string {
  if (offsetMin === null) return '';
  const d = new Date(ts + offsetMin * 60000).toISOString().replace('T', ' ').slice(0, 19);
  const a = Math.abs(offsetMin);
  return `${d}${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

const num = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function locatorText(l: Locator): string {
  const parts: string[] = [];
  if (l.entry !== undefined) parts.push(`entry ${l.entry}`);
  if (l.line !== undefined) parts.push(l.endLine !== undefined && l.endLine !== l.line ? `lines ${l.line}–${l.endLine}` : `line ${l.line}`);
  if (l.offset !== undefined) parts.push(`bytes ${l.offset}${l.length !== undefined ? `+${l.length}` : ''}`);
  if (l.path !== undefined) parts.push(`JSON ${l.path}`);
  return parts.length ? parts.join(', ') : 'none recorded';
}

const who = (a: { label?: string; displayName: string | null; handle: string; ref: string }) => {
  const name = a.label ?? a.displayName ?? a.handle;
  return name === a.ref ? bdi(a.ref) : `${bdi(name)} <span class="muted">&lt;${bdi(a.ref)}&gt;</span>`;
};

function sourceRow(s: ReportSource): string {
  const disk =
    s.onDisk.status === 'same'
      ? 'unchanged'
      : s.onDisk.status === 'changed'
        ? `<span class="warn">CHANGED since ingest: now SHA-256 <span class="hash">${escapeHtml(s.onDisk.sha256)}</span></span>`
        : s.onDisk.status === 'missing'
          ? '<span class="warn">not found at its ingest path</span>'
          : '<span class="muted">not checked (no item cites it)</span>';
  return `<tr><td class="num">${s.id}</td><td>${bdi(s.name)}</td><td class="num">${num(s.size)}</td><td class="hash">${escapeHtml(s.sha256)}</td><td>${escapeText(s.format)}</td><td>${utc(s.startedAt)}${s.finishedAt !== null ? ` – ${utc(s.finishedAt)}` : ''}${s.status === 'partial' ? ' <span class="warn">(partial)</span>' : ''}</td><td>${s.timeZone === null ? 'UTC (none given)' : escapeText(s.timeZone)}</td><td class="num">${num(s.records)}</td><td>${disk}</td></tr>`;
}

function annotationList(list: readonly ReportAnnotation[]): string {
  if (list.length === 0) return '<p class="muted">No tags, notes or star.</p>';
  const li = list.map((a) => {
    const by = `<span class="muted">— ${bdi(a.by)}, ${utc(a.at)}</span>`;
    if (a.kind === 'star') return `<li>★ starred ${by}</li>`;
    if (a.kind === 'tag') return `<li>tag <b>#${bdi(a.value)}</b> ${by}</li>`;
    return `<li>note ${by}<div class="body" dir="auto">${escapeText(a.value)}</div></li>`;
  });
  return `<ul class="annotations">${li.join('')}</ul>`;
}

function messageHead(m: MessageView): string {
  const to = m.recipients.length ? m.recipients.map(who).join(', ') : '<span class="muted">(no recipient recorded)</span>';
  const loc = local(m.ts, m.tzOffset);
  return `<dl class="meta"><dt>Sent</dt><dd>${utc(m.ts)}${loc ? ` (sender's time ${loc})` : ''}</dd><dt>From</dt><dd>${who(m.sender)}</dd><dt>To</dt><dd>${to}</dd><dt>Channel</dt><dd>${escapeText(m.channel)}</dd>${
    m.conversationId !== null ? `<dt>Conversation</dt><dd>${m.conversationTitle !== null ? bdi(m.conversationTitle) : `#${m.conversationId}`}</dd>` : ''
  }${m.lang ? `<dt>Language</dt><dd>${escapeText(m.lang)}</dd>` : ''}${m.flags.edited || m.flags.deleted ? `<dt>Flags</dt><dd>${[m.flags.edited ? 'edited' : '', m.flags.deleted ? 'deleted' : ''].filter(Boolean).join(', ')}</dd>` : ''}${
    m.duplicates.length ? `<dt>Copies</dt><dd>also in message${m.duplicates.length > 1 ? 's' : ''} ${m.duplicates.join(', ')}</dd>` : ''
  }</dl>`;
}

function provenanceBlock(p: ProvenanceView, src: ReportSource | undefined): string[] {
  const changed = src?.onDisk.status === 'changed' ? src.onDisk : null;
  const parts = [
    '<h3>Provenance</h3>',
    `<dl class="meta"><dt>Source</dt><dd>${src ? bdi(src.name) : '<span class="warn">not in the inventory</span>'} (source ${p.sourceId}, ${escapeText(p.format)})</dd><dt>SHA-256 at ingest</dt><dd class="hash">${escapeHtml(p.sha256)}</dd><dt>Locator</dt><dd>${escapeText(locatorText(p.locator))}</dd></dl>`,
  ];
  if (changed) parts.push(`<p class="warn">The source file changed since ingest: SHA-256 at ingest ${escapeHtml(p.sha256)}, now ${escapeHtml(changed.sha256)}.</p>`);
  return parts;
}

function rawBlock(raw: ReportItemContent['raw']): string[] {
  return ['<h3>Raw source record</h3>', raw.text !== null ? `<pre class="raw" dir="ltr">${escapeText(raw.text)}</pre>` : `<p class="warn">Not shown: ${escapeText(raw.unavailable ?? 'unavailable')}.</p>`];
}

/** A call's duration: minutes and seconds, and the seconds recorded. */
export function durationText(seconds: number): string {
  if (!(seconds > 0)) return 'unanswered (0 s)';
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const parts = [h ? `${h} h` : '', h || m ? `${m} min` : '', `${whole % 60} s`].filter(Boolean);
  return `${parts.join(' ')}${whole >= 60 || whole !== seconds ? ` (${String(seconds)} s)` : ''}`;
}

function callHead(c: CallView): string {
  const loc = local(c.ts, c.tzOffset);
  return `<dl class="meta"><dt>Started</dt><dd>${utc(c.ts)}${loc ? ` (caller's time ${loc})` : ''}</dd><dt>Caller</dt><dd>${who(c.caller)}</dd><dt>Called</dt><dd>${who(c.callee)}</dd><dt>Direction</dt><dd>from the caller to the called account (${escapeText(c.channel)})</dd><dt>Duration</dt><dd>${durationText(c.duration)}</dd>${
    c.lat !== null && c.lon !== null ? `<dt>Position</dt><dd>${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}</dd>` : ''
  }${c.duplicateOf !== null ? `<dt>Copies</dt><dd>a copy of call ${c.duplicateOf}</dd>` : ''}</dl>`;
}

function callItem(n: number, it: Manifest['items'][number], c: ReportCallContent, sources: Map<number, ReportSource>): string {
  const k = c.call;
  const parts: string[] = [`<section class="item" id="item-${n}"><h2>Item ${n}: call ${k.id}</h2>`];
  if (it.commentary !== null) parts.push(`<h3>Commentary</h3><div class="commentary" dir="auto">${escapeText(it.commentary)}</div>`);
  parts.push('<h3>Call</h3>', callHead(k));
  parts.push(...provenanceBlock(k.provenance, sources.get(k.provenance.sourceId)), ...rawBlock(c.raw));
  parts.push('<h3>Annotations</h3>', annotationList(c.annotations));
  parts.push(`<h3>Context: calls and messages between ${who(k.caller)} and ${who(k.callee)}</h3>`);
  if (c.context.moreBefore) parts.push('<p class="muted">… earlier calls and messages not shown</p>');
  parts.push(
    `<ol class="thread">${c.context.entries
      .map((e) => {
        if (e.kind === 'message') {
          const x = e.message;
          return `<li class="context"><span class="mark">context · message ${x.id} · ${utc(x.ts)}</span><br><span class="who">${who(x.sender)}</span>: <span class="body" dir="auto">${escapeText(x.body)}</span></li>`;
        }
        const x = e.call;
        const cited = x.id === k.id;
        return `<li class="${cited ? 'cited' : 'context'}"><span class="mark">${cited ? '▶ CITED' : 'context'} · call ${x.id} · ${utc(x.ts)}</span><br><span class="who">${who(x.caller)}</span> called <span class="who">${who(x.callee)}</span>: ${durationText(x.duration)}</li>`;
      })
      .join('')}</ol>`,
  );
  if (c.context.moreAfter) parts.push('<p class="muted">… later calls and messages not shown</p>');
  parts.push('</section>');
  return parts.join('\n');
}

function item(n: number, it: Manifest['items'][number], c: ReportItemContent, sources: Map<number, ReportSource>): string {
  if ('call' in c) return callItem(n, it, c, sources);
  const m = c.message;
  const parts: string[] = [`<section class="item" id="item-${n}"><h2>Item ${n}: message ${m.id}</h2>`];
  if (it.commentary !== null) parts.push(`<h3>Commentary</h3><div class="commentary" dir="auto">${escapeText(it.commentary)}</div>`);
  parts.push('<h3>Message</h3>', messageHead(m));
  if (m.subject !== null) parts.push(`<p><b>Subject:</b> ${bdi(m.subject)}</p>`);
  parts.push(`<div class="body" dir="auto">${escapeText(m.body)}</div>`);
  if (m.attachments.length)
    parts.push(
      `<p><b>Attachments:</b></p><ul>${m.attachments.map((a) => `<li>${bdi(a.filename)}${a.mime ? ` (${escapeText(a.mime)})` : ''}${a.size !== null ? `, ${num(a.size)} bytes` : ''}${a.sha256 ? `, SHA-256 <span class="hash">${escapeText(a.sha256)}</span>` : ''}${a.takenAt ? `, taken ${escapeText(a.takenAt)} (EXIF, camera clock)` : ''}</li>`).join('')}</ul>`,
    );
  parts.push(...provenanceBlock(m.provenance, sources.get(m.provenance.sourceId)), ...rawBlock(c.raw));
  parts.push('<h3>Annotations</h3>', annotationList(c.annotations));
  const t = c.thread;
  parts.push(`<h3>Thread context${t.title !== null ? `: ${bdi(t.title)}` : ''}</h3>`);
  if (t.moreBefore) parts.push('<p class="muted">… earlier messages not shown</p>');
  parts.push(
    `<ol class="thread">${t.messages
      .map((x) => {
        const cited = x.id === m.id;
        return `<li class="${cited ? 'cited' : 'context'}"><span class="mark">${cited ? '▶ CITED' : 'context'} · message ${x.id} · ${utc(x.ts)}</span><br><span class="who">${who(x.sender)}</span>: <span class="body" dir="auto">${escapeText(x.body)}</span></li>`;
      })
      .join('')}</ol>`,
  );
  if (t.moreAfter) parts.push('<p class="muted">… later messages not shown</p>');
  parts.push('</section>');
  return parts.join('\n');
}

function figure(n: number, f: FigureContent): string {
  return `<section class="figure" id="figure-${n}"><h2>Figure ${n}: ${escapeText(f.heading)}</h2><dl class="meta">${f.parameters.map((p) => `<dt>${escapeText(p.name)}</dt><dd>${bdi(p.value)}</dd>`).join('')}</dl>${f.graph ? egoGraphSvg(f.graph) : ''}${f.chart ? barChartSvg(f.chart) : ''}<table><thead><tr>${f.columns.map((c) => `<th>${escapeText(c)}</th>`).join('')}</tr></thead><tbody>${f.rows
    .map((r) => `<tr>${r.map((c) => `<td>${c.map(bdi).join(' ')}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></section>`;
}

/** "3 messages", "1 call", "2 messages and 1 call". */
export function itemCount(items: readonly { type: 'message' | 'call' }[]): string {
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const calls = items.filter((i) => i.type === 'call').length;
  const messages = items.length - calls;
  return calls === 0 ? n(messages, 'message') : messages === 0 ? n(calls, 'call') : `${n(messages, 'message')} and ${n(calls, 'call')}`;
}

/** The report's HTML (UTF-8 text). `content.items` are the manifest's items, in its order. */
export function renderReport(m: Manifest, content: ReportContent): string {
  if (content.items.length !== m.items.length || content.figures.length !== m.figures.length) throw new Error('renderReport: one content entry per manifest item and figure');
  const sources = new Map(content.sources.map((s) => [s.id, s]));
  const selection =
    m.selection.tag !== null ? `the ${m.items.some((i) => i.type === 'call') ? 'messages and calls' : 'messages'} tagged ${bdi(m.selection.tag)}` : m.selection.itemsFile !== null ? `the items listed in ${bdi(m.selection.itemsFile)}` : 'the items the analyst chose in the workspace';
  const head = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="clew ${escapeHtml(revealBidi(m.clew.version))}">
<title>Evidence report: ${escapeHtml(revealBidi(m.case.name))}</title>
<style>${CSS}
${pageCss(m.manifestSha256)}</style>
</head>
<body>`;
  const header = `<header><h1>Evidence report</h1>
<dl class="meta"><dt>Case</dt><dd>${bdi(m.case.name)} <span class="muted">(${m.case.kind === 'sqlite' ? 'case file' : 'PostgreSQL case'} ${bdi(m.case.locator)})</span></dd>
<dt>Items</dt><dd>${itemCount(m.items)}: ${selection}</dd>
<dt>Made with</dt><dd>clew ${escapeText(m.clew.version)}, commit <span class="hash">${escapeText(m.clew.commit)}</span>; report format ${m.version}</dd>
<dt>Manifest SHA-256</dt><dd class="hash">${escapeHtml(m.manifestSha256)}</dd></dl>
<p class="muted">This report is made from its manifest and the case alone and holds no time of its own: <code>clew report --case CASE --manifest MANIFEST --out FILE</code> rebuilds it byte for byte from the same case with the same clew.</p></header>`;
  const introduction = m.introduction !== null ? `<section class="introduction"><h2>Introduction</h2><div class="commentary" dir="auto">${escapeText(m.introduction)}</div></section>\n` : '';
  const inventory = `<section class="sources"><h2>Sources</h2><table><thead><tr><th>#</th><th>File</th><th>Bytes</th><th>SHA-256 at ingest</th><th>Format</th><th>Ingested (UTC)</th><th>Time zone</th><th>Records</th><th>File now</th></tr></thead><tbody>${content.sources.map(sourceRow).join('')}</tbody></table></section>`;
  const found = `<section class="queries"><h2>How the items were found</h2>${
    m.queries.length || m.selection.tag !== null
      ? `<ul>${m.selection.tag !== null ? `<li>tag <b>#${bdi(m.selection.tag)}</b></li>` : ''}${m.queries.map((q) => `<li><code dir="auto">${escapeText(q)}</code></li>`).join('')}</ul>`
      : '<p class="muted">The analyst recorded no queries, filters or scopes.</p>'
  }<p class="muted">Thread context: up to ${m.context.before} message${m.context.before === 1 ? '' : 's'} before and ${m.context.after} after each cited message${m.items.some((i) => i.type === 'call') ? '; as many calls and messages between its parties before and after each cited call' : ''}.</p></section>`;
  const contents = `<nav><h2>Items</h2><ol>${m.items.map((it, i) => `<li><a href="#item-${i + 1}">${it.type} ${it.id}</a>${it.commentary !== null ? ` — <bdi>${escapeText(it.commentary.split('\n')[0]!.slice(0, 120))}</bdi>` : ''}</li>`).join('')}</ol></nav>`;
  const items = m.items.map((it, i) => item(i + 1, it, content.items[i]!, sources)).join('\n');
  const figures = content.figures.length ? `\n${content.figures.map((f, i) => figure(i + 1, f)).join('\n')}` : '';
  return `${head}\n${header}\n${introduction}${inventory}\n${found}${figures}\n${contents}\n${items}\n</body>\n</html>\n`;
}
