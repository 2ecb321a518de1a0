/** A one-line progress bar on a TTY (records/s, ETA); silent elsewhere. */
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

export function ttyProgress(stream: NodeJS.WriteStream = process.stderr): { update(p: IngestProgress): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  let shown = false;
  return {
    update(p) {
      shown = true;
      stream.write(`\r\x1b[2K${progressLine(p).slice(0, Math.max(20, (stream.columns ?? 100) - 1))}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
