/**
 * Human rendering for the terminal. Text from sources is hostile: control characters (ANSI
 * escapes could rewrite the screen or the title) are shown as visible escapes, never emitted.
 */
import type { IngestSummary } from '../api/ingest.js';
import type { SearchResult } from '../api/search.js';
import type { ShowResult } from '../api/show.js';
import type { AccountView, CaseStats, MessageView, QuarantineRow } from '../api/types.js';
import { ERROR_CODES, type ClewError } from '../model/errors.js';
import { revealBidi } from '../text/display/bidi.js';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * One value as a line of JSON for `--json`. The explicit direction controls (U+202A–202E,
 * U+2066–2069) are written as \u escapes: the parsed value is the same string, but a terminal
 * or log viewer showing the line never applies them (a name "Kum" + U+202E + "gnp.exe" stays
 * readable in logical order).
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(/[\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
}

/**
 * Make untrusted text safe to print: controls become \xNN / \uNNNN, explicit direction controls
 * (which would reorder the line) visible markers such as ⟨RLO⟩; newlines kept only if asked.
 */
export function safe(s: string, keepNewlines = false): string {
  const out = revealBidi(s).replace(CONTROL, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
  return keepNewlines ? out : out.replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, ' ');
}

const nf = new Intl.NumberFormat('en-US');
export const num = (n: number) => nf.format(n);

export function time(ts: number, offsetMin: number | null = 0): string {
  const off = offsetMin ?? 0;
  const d = new Date(ts + off * 60000).toISOString().replace('T', ' ').slice(0, 19);
  if (offsetMin === null) return `${d}Z`;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${d}${off === 0 ? 'Z' : `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`}`;
}

export function account(a: AccountView): string {
  // the best name when an API set it (a label equal to the bare handle adds nothing)
  const name = a.displayName ?? (a.label !== undefined && a.label !== a.handle ? a.label : null);
  return name ? `${safe(a.label ?? name)} <${safe(a.ref)}>` : safe(a.ref);
}

export function renderError(e: ClewError): string {
  const where = e.details.file ? ` (${safe(String(e.details.file))})` : '';
  const head = `clew: ${safe(e.message)}${where} [${e.code}: ${ERROR_CODES[e.code]}]`;
  if (!e.choices?.length) return head;
  const lines = e.choices.map((c) => `  ${safe(c.ref)}  ${safe(c.label)}${c.kind === 'person' ? ` (person: ${c.handles.map((x) => safe(x)).join(', ')})` : ''}: ${c.how.map((x) => safe(x)).join('; ')}`);
  return [head, 'use one of:', ...lines].join('\n');
}

export function renderIngest(s: IngestSummary): string {
  const lines: string[] = [];
  const src = s.source;
  if (s.outcome === 'already-ingested') {
    lines.push(`${safe(s.file)}: already in the case (SHA-256 ${s.sha256.slice(0, 16)}…, ingested ${new Date(src.startedAt).toISOString()}); nothing added.`);
    return lines.join('\n');
  }
  lines.push(
    `${safe(s.file)}: ${s.outcome === 'resumed' ? 'resumed and finished' : 'ingested'} as ${s.format} in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  added ${num(s.added.records)} records (${num(s.added.duplicates)} duplicates of records already in the case, linked), ${num(s.added.rejected)} quarantined`,
    `  source total: ${num(src.records)} records, ${num(src.rejected)} quarantined; SHA-256 ${s.sha256}`,
    `  time zone for local times: ${s.timeZone}${s.timeZoneDefaulted ? ' (default; set with --tz)' : ''}`,
  );
  for (const w of s.warnings) lines.push(`  warning: ${safe(w.message)}`);
  for (const q of s.savedSearches ?? [])
    if (q.error) lines.push(`  saved search "${safe(q.name)}" could not run: ${safe(q.error.message)} [${q.error.code}]`);
    else if (q.newHits > 0) lines.push(`  saved search "${safe(q.name)}": ${num(q.newHits)} new hit${q.newHits === 1 ? '' : 's'} (clew watch run --case <case>)`);
  if (src.rejected > 0) lines.push(`  see the quarantined records with: clew quarantine --case <case>`);
  return lines.join('\n');
}

/** A snippet as one line, its highlights in [brackets]. */
function snippetLine(sn: SearchResult['hits'][number]['snippet']): string {
  let text = '';
  let pos = 0;
  for (const [a, b] of sn.highlights) {
    text += safe(sn.text.slice(pos, a)) + '[' + safe(sn.text.slice(a, b)) + ']';
    pos = b;
  }
  text += safe(sn.text.slice(pos));
  return `${sn.clippedStart ? '…' : ''}${text}${sn.clippedEnd ? '…' : ''}`;
}

export function renderSearch(r: SearchResult): string {
  const lines: string[] = [];
  for (const h of r.hits) {
    lines.push(`${String(h.id).padStart(16)}  ${time(h.ts)}  ${account(h.sender)}`);
    lines.push(`${' '.repeat(18)}${snippetLine(h.snippet)}`);
    for (const im of h.images ?? []) lines.push(`${' '.repeat(18)}text in image ${safe(im.filename)}: ${snippetLine(im.snippet)}`);
    if (h.translation)
      lines.push(`${' '.repeat(18)}${h.viaTranslation ? 'matched in the ' : ''}${safe(h.translation.label)}: ${snippetLine(h.translation.snippet)}`);
    if (h.via?.length) lines.push(`${' '.repeat(18)}via: ${h.via.map((v) => `"${safe(v.codeword)}" (code word for ${safe(v.means)})`).join(', ')}`);
    const a = h.annotations;
    if (a && (a.star || a.tags.length || a.notes.length))
      lines.push(`${' '.repeat(18)}${[a.star ? '★' : '', ...a.tags.map((t) => `#${safe(t.name)}`), ...a.notes.map((n) => `note: ${safe(n.text.length > 80 ? `${n.text.slice(0, 80)}…` : n.text)}`)].filter(Boolean).join('  ')}`);
  }
  if (r.hits.length === 0) lines.push('no messages match');
  for (const n of r.notes) lines.push(`note: ${safe(n)}`);
  if (r.nextCursor !== null) lines.push(`more: add --cursor ${r.nextCursor}`);
  return lines.join('\n');
}

function messageLine(m: MessageView, mark: boolean): string {
  const to = m.recipients.length ? ` → ${m.recipients.map(account).join(', ')}` : '';
  const flags = [m.flags.deleted ? 'deleted' : '', m.flags.edited ? 'edited' : '', m.duplicateOf !== null ? `duplicate of ${m.duplicateOf}` : '']
    .filter(Boolean)
    .join(', ');
  const head = `${mark ? '▶' : ' '} ${m.id}  ${time(m.ts, m.tzOffset)}  ${account(m.sender)}${to}${flags ? ` (${flags})` : ''}`;
  const body = safe(m.body, true)
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
  return `${head}\n${body}`;
}

export function renderShow(r: ShowResult): string {
  const m = r.message;
  const p = m.provenance;
  const loc = Object.entries(p.locator)
    .map(([k, v]) => `${k} ${safe(String(v))}`)
    .join(', ');
  const lines = [
    `message ${m.id}${m.conversationTitle ? ` in "${safe(m.conversationTitle)}"` : ''}`,
    `source: ${safe(p.path)} (${p.format}, SHA-256 ${p.sha256}), ${loc}`,
  ];
  if (m.lang) lines.push(`language: ${m.lang}`);
  if (m.duplicates.length) lines.push(`same message also stored as: ${m.duplicates.join(', ')}`);
  if (r.mentions.length)
    lines.push(`entities: ${r.mentions.map((x) => `${x.type} ${safe(x.value)}${x.attrs?.means ? ` (= ${safe(String(x.attrs.means))})` : ''}`).join('; ')}`);
  for (const a of m.attachments) lines.push(`attachment: ${safe(a.filename)} ${a.mime ?? ''} ${a.size ?? '?'} bytes ${a.sha256 ?? ''}${a.takenAt ? ` taken ${safe(a.takenAt)}` : ''}`);
  lines.push('', ...r.thread.map((t) => messageLine(t, t.id === m.id)), '');
  if (r.raw.text !== null) lines.push('raw source record:', safe(r.raw.text.replace(/\r?\n$/, ''), true));
  else lines.push(`raw source record: ${safe(r.raw.unavailable ?? '')}`);
  return lines.join('\n');
}

export function renderStats(s: CaseStats): string {
  const span = s.firstTs === null ? 'no dated records' : `${time(s.firstTs)} … ${time(s.lastTs!)}`;
  const lines = [
    `sources       ${num(s.sources.total)} (${num(s.sources.complete)} complete${s.sources.partial ? `, ${num(s.sources.partial)} partial: run the same ingest again to finish` : ''})`,
    `messages      ${num(s.messages)} (${num(s.duplicates)} duplicate copies linked)`,
    `calls         ${num(s.calls)}`,
    `accounts      ${num(s.accounts)}`,
    `conversations ${num(s.conversations)}`,
    `attachments   ${num(s.attachments)}`,
    `events        ${num(s.events)}`,
    `locations     ${num(s.locations)}`,
    `edges         ${num(s.edges)}`,
    `time span     ${span}`,
    '',
    'top talkers (messages and calls sent + received; contacts: distinct accounts communicated with, either way)',
    ...s.topTalkers.map((t) => `  ${num(t.sent + t.received).padStart(9)}  ${num(t.contacts).padStart(6)}  ${account(t.account)}`),
  ];
  if (s.quarantine.length) {
    lines.push('', 'quarantined records');
    for (const q of s.quarantine) lines.push(`  ${num(q.count).padStart(9)}  ${q.code}`);
  }
  return lines.join('\n');
}

export function renderQuarantine(rows: QuarantineRow[]): string {
  if (rows.length === 0) return 'nothing quarantined';
  return rows
    .map((q) => {
      const where = q.locator.line !== undefined ? `line ${q.locator.line}` : q.locator.path ?? JSON.stringify(q.locator);
      return `${safe(q.sourcePath)}:${where}: ${q.code}: ${safe(q.message)}${q.excerpt ? `\n    ${safe(q.excerpt)}` : ''}`;
    })
    .join('\n');
}
