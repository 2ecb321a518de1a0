/**
 * `clew ocr --case C [--again] [--limit N] [--timeout MS] [--jobs N]`: read the text in the case's image
 * attachments with Tesseract (src/api/ocr.ts), a background job after ingest, with progress on a terminal
 * (images/s, ETA). Each result is stored with its attachment; the entities found in it become entities of
 * the case with the photo as their provenance; `clew search --case C ocr:WORD` finds them.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { OcrJobResult, OcrProgress } from '../api/ocr.js';
import { CASE_HELP } from './case-help.js';
import { formatDuration, ttyProgress } from './progress.js';
import { jsonLine, safe } from './render.js';

const nf = new Intl.NumberFormat('en-US');

/** The progress line: images read of all, with text, failed, images/s, ETA. */
export function ocrProgressLine(p: OcrProgress, width = 24): string {
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(frac * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return `reading   ${bar} ${`${Math.floor(frac * 100)}%`.padStart(4)}  ${nf.format(p.done)}/${nf.format(p.total)} images, ${nf.format(p.withText)} with text${
    p.failed ? `, ${nf.format(p.failed)} failed` : ''
  }  ${p.rate.toFixed(2)}/s  ETA ${p.etaSeconds === null ? '?' : formatDuration(p.etaSeconds)}`;
}

export function renderOcr(r: OcrJobResult): string {
  const lines = [
    `${nf.format(r.images)} image(s) read with Tesseract ${safe(r.engine.version)}: ${nf.format(r.withText)} with text, ${nf.format(r.failed.length)} failed, ${nf.format(r.entities)} entities found in them`,
    `${nf.format(r.total.done)} of the case's ${nf.format(r.total.images)} image attachment(s) now have their text stored (search them with ocr:WORD)`,
  ];
  for (const f of r.failed.slice(0, 20)) lines.push(`failed: attachment ${f.attachmentId} (${safe(f.filename)}): ${safe(f.failed)}`);
  if (r.failed.length > 20) lines.push(`… and ${r.failed.length - 20} more failed (--json lists them all)`);
  for (const n of r.notes) lines.push(`note: ${safe(n)}`);
  return lines.join('\n');
}

const whole = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

export function registerOcr(program: Command, json: () => boolean): void {
  program
    .command('ocr')
    .description("read the text in the case's image attachments with Tesseract, offline; stored with each image, searchable with ocr:WORD, its entities with the photo as provenance (docs/ocr.md)")
    .requiredOption('--case <case>', CASE_HELP)
    .option('--again', 'read every image again, even those already read')
    .option('--limit <n>', 'read at most this many images', whole('--limit', 1, 100_000_000))
    .option('--timeout <ms>', 'time limit for one image', whole('--timeout', 1, 3_600_000))
    .option('--jobs <n>', 'Tesseract processes at once', whole('--jobs', 1, 8), 1)
    .action(async (o: { case: string; again?: boolean; limit?: number; timeout?: number; jobs: number }) => {
      const [{ withCase }, { ocrCase }] = await Promise.all([import('../api/case.js'), import('../api/ocr.js')]);
      await withCase(o.case, {}, async (store) => {
        const bar = ttyProgress(process.stderr, ocrProgressLine);
        let r: OcrJobResult;
        try {
          r = await ocrCase(store, { again: o.again, limit: o.limit, timeoutMs: o.timeout, concurrency: o.jobs, onProgress: (p) => bar.update(p) });
        } finally {
          bar.done();
        }
        process.stdout.write(json() ? jsonLine(r) : `${renderOcr(r)}\n`);
      });
    });
}
