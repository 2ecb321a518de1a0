/**
 * `clew export`: a case (or some of its messages) written in an exchange format. One format so
 * far: CASE/UCO JSON-LD (src/ingest/formats/case-uco/export.ts), streamed from the store's
 * ExportPort to a file or stdout.
 */
import { once } from 'node:events';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { type CaseExportCounts, CaseBundleWriter } from '../ingest/formats/case-uco/export.js';
import { ClewError } from '../model/errors.js';
import type { CaseStore } from '../store/types.js';

export const EXPORT_FORMATS = ['case-uco'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportCaseOptions {
  format: string;
  /** Only these messages (store ids), with what they reference. */
  messageIds?: readonly number[];
  /** The export's time (UTC ms), written into the bundle; default now. Give it for byte-identical exports. */
  at?: number;
  /** The case's name, for the export action's description. */
  caseName: string;
}

export interface ExportSummary extends CaseExportCounts {
  format: ExportFormat;
  messages: number | null;
}

/** clew's own name and version, the export's instrument. */
export function clewVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The export's time: an ISO 8601 instant, or epoch seconds (as SOURCE_DATE_EPOCH gives it). */
export function parseExportTime(v: string): number {
  const t = /^\d{1,12}$/.test(v.trim()) ? Number(v.trim()) * 1000 : /(?:Z|[+-]\d\d:?\d\d)$/i.test(v.trim()) ? Date.parse(v.trim()) : Number.NaN;
  if (!Number.isFinite(t)) throw new ClewError('INVALID_ARGUMENT', `not a time with a zone (ISO 8601, e.g. 2024-05-01T12:00:00Z) or epoch seconds: ${JSON.stringify(v.slice(0, 60))}`);
  return t;
}

/**
 * Message ids from a file, one a line (blank lines and `#` comments skipped). Every bad line is
 * reported with its number in one INVALID_ARGUMENT.
 */
export async function readItemsFile(path: string): Promise<number[]> {
  const ids: number[] = [];
  const bad: string[] = [];
  let badCount = 0;
  let line = 0;
  const input = createReadStream(path, { encoding: 'utf8' });
  const opened = once(input, 'open').catch((e: NodeJS.ErrnoException) => {
    throw new ClewError(e.code === 'ENOENT' ? 'SOURCE_NOT_FOUND' : 'INVALID_ARGUMENT', `--items ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`, { path });
  });
  await opened;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    const s = raw.replace(/^\ufeff/, '').trim();
    if (s === '' || s.startsWith('#')) continue;
    const n = /^\d{1,16}$/.test(s) ? Number(s) : Number.NaN;
    if (Number.isSafeInteger(n) && n > 0) ids.push(n);
    else {
      badCount++;
      if (bad.length < 10) bad.push(`line ${line}: ${JSON.stringify(s.slice(0, 40))}`);
    }
  }
  if (badCount > 0)
    throw new ClewError('INVALID_ARGUMENT', `--items ${path}: ${badCount} line${badCount === 1 ? ' is' : 's are'} not a message id (a whole number from search or show): ${bad.join('; ')}${badCount > bad.length ? '; …' : ''}`, { path, lines: badCount });
  if (ids.length === 0) throw new ClewError('INVALID_ARGUMENT', `--items ${path}: no message ids in the file`, { path });
  return ids;
}

/** Write the case (or the chosen messages) to `out`; resolves when everything is written (`out` is not ended). */
export async function exportCase(store: CaseStore, out: Writable, o: ExportCaseOptions): Promise<ExportSummary> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(o.format)) throw new ClewError('INVALID_ARGUMENT', `unknown export format ${JSON.stringify(o.format)}: known are ${EXPORT_FORMATS.join(', ')}`);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const selection = o.messageIds ? `${new Set(o.messageIds).size} selected messages of case ${o.caseName}, with the accounts, conversations and attachments they reference` : `every record of case ${o.caseName}`;
  const w = new CaseBundleWriter(await store.sources(), { tool: { name: 'clew', version: clewVersion() }, at: o.at ?? Date.now(), selection }, write);
  // the store is read first: a bad selection (unknown ids) fails before anything is written
  const chunks = store.exportRecords(o.messageIds ? { messageIds: o.messageIds } : {})[Symbol.asyncIterator]();
  let next = await chunks.next();
  await w.start();
  while (!next.done) {
    await w.add(next.value);
    next = await chunks.next();
  }
  const counts = await w.finish();
  return { ...counts, format: 'case-uco', messages: o.messageIds ? new Set(o.messageIds).size : null };
}
