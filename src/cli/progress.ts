/** A one-line progress bar on a TTY (records/s, ETA); silent elsewhere. */
import type { CopyProgress } from '../api/case.js';
import type { IngestProgress } from '../api/ingest.js';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

const nf = new Intl.NumberFormat('en-US');

export function progressLine(p: IngestProgress, width = 24): string {
  const frac = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
  const filled = Math.round(frac * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  if (p.phase === 'hashing') return `hashing   ${bar} ${pct}  ETA ${p.etaSeconds === null ? '?' : formatDuration(p.etaSeconds)}`;
  const rej = p.rejected > 0 ? `, ${nf.format(p.rejected)} quarantined` : '';
  return `ingesting ${bar} ${pct}  ${nf.format(p.records)} records${rej}  ${nf.format(Math.round(p.rate))}/s  ETA ${
    p.etaSeconds === null ? '?' : formatDuration(p.etaSeconds)
  }`;
}

/** clew case copy's line: rows copied of all, rows/s, ETA; then the rebuilding of what is derived. */
export function copyProgressLine(p: CopyProgress, width = 24): string {
  if (p.phase === 'indexing') return `indexing  ${nf.format(p.rowsDone)} rows copied; building the full-text index and statistics`;
  const frac = p.rowsTotal > 0 ? Math.min(1, p.rowsDone / p.rowsTotal) : 0;
  const filled = Math.round(frac * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  return `copying   ${bar} ${pct}  ${nf.format(p.rowsDone)} rows (${p.table})  ${nf.format(Math.round(p.rate))}/s  ETA ${
    p.etaSeconds === null ? '?' : formatDuration(p.etaSeconds)
  }`;
}

export function ttyProgress(stream?: NodeJS.WriteStream): { update(p: IngestProgress): void; done(): void };
export function ttyProgress<T>(stream: NodeJS.WriteStream, line: (p: T) => string): { update(p: T): void; done(): void };
export function ttyProgress(
  stream: NodeJS.WriteStream = process.stderr,
  line: (p: never) => string = progressLine,
): { update(p: never): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let shown = false;
  return {
    update(p) {
      shown = true;
      stream.write(`\r\x1b[2K${line(p).slice(0, Math.max(20, (stream.columns ?? 100) - 1))}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
