/**
 * Text recognition in a case's image attachments (issue 23 part 3): the typed API `clew ocr --case C` (and a
 * server job) calls. A background job after ingest, never part of it: the ingest of messages is never slowed.
 *
 * Each image attachment whose bytes the case holds and that has no stored result yet (every one with
 * `again`) is read by Tesseract (src/text/ocr/) in the languages of its message (its detected language, else
 * the case's most frequent ones; English always), after its EXIF orientation is turned upright
 * (src/text/ocr/orientation.ts). Its text is stored with the attachment, the confidence, the engine's version
 * and the languages' data versions; the entities found in it (container numbers, IBANs, phone numbers, the
 * case's code words, …: the same extractors as for messages) are stored as mentions of the photo's message
 * that name the photo, so search, entities and the network see them with the photo as their provenance.
 *
 * Bad input loses nothing else: an image that is not one, too large, or that Tesseract cannot read in its
 * time limit is stored as failed with its reason (a hang or crash is tried again next run); the job goes on.
 * An image with no text stores ''.
 */
import { ClewError } from '../model/errors.js';
import type { Mention } from '../model/entities.js';
import type { EntityPort, OcrPort, SearchPort, StoredOcr } from '../store/types.js';
import type { TesseractEngine } from '../text/ocr/tesseract.js';

export type OcrStore = OcrPort & Pick<SearchPort, 'languages'> & Pick<EntityPort, 'lexicon'>;

export interface OcrJobOptions {
  /** Read every image again, even those with a stored result. */
  again?: boolean;
  /** Stop after this many images (default: all). */
  limit?: number;
  /** Time limit for one image, ms (default Tesseract's DEFAULT_IMAGE_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Tesseract processes at once (default 1: the machine is shared). */
  concurrency?: number;
  /** After each image. */
  onProgress?: (p: OcrProgress) => void;
  /** Stop before the next round of images (those read are kept): INTERRUPTED. */
  signal?: AbortSignal;
}

export interface OcrProgress {
  done: number;
  total: number;
  withText: number;
  failed: number;
  entities: number;
  /** Images per second so far, and the seconds left at that rate (null before the first image). */
  rate: number;
  etaSeconds: number | null;
}

export interface OcrJobResult {
  engine: { name: 'tesseract'; version: string };
  /** Images read now, those with text, those failed (with their reasons), entities stored from their text. */
  images: number;
  withText: number;
  failed: { attachmentId: number; filename: string; failure: string; failed: string }[];
  entities: number;
  /** Languages that could not be used, said plainly (no data installed). */
  notes: string[];
  /** Image attachments in the case, and how many now have a stored result. */
  total: { images: number; done: number };
  elapsedMs: number;
}

/** Images read per round (a round's results are stored in one transaction). */
const ROUND = 8;
/** Failures worth trying again next run (the process hung or crashed): not stored, so the image stays waiting. */
const TRANSIENT = new Set(['timeout', 'crashed', 'unavailable']);
/** Case languages tried for an image whose message has none. */
const CASE_LANGUAGES = 2;

let detected: Promise<TesseractEngine | null> | null = null;

/** The installed Tesseract (looked up once per process), null when it is not installed. */
export async function ocrEngine(): Promise<TesseractEngine | null> {
  detected ??= import('../text/ocr/tesseract.js').then((m) => m.detectTesseract());
  return detected;
}

export const OCR_UNAVAILABLE = 'text recognition is unavailable: Tesseract is not installed (Debian: apt-get install -y tesseract-ocr tesseract-ocr-srp tesseract-ocr-srp-latn tesseract-ocr-hrv tesseract-ocr-mkd tesseract-ocr-ara tesseract-ocr-nld tesseract-ocr-fra tesseract-ocr-spa)';

/** Read the case's image attachments that wait for it (see the file's comment). INTERNAL when Tesseract is not installed. */
export async function ocrCase(store: OcrStore, opts: OcrJobOptions = {}, engineIn?: TesseractEngine | null): Promise<OcrJobResult> {
  const t0 = performance.now();
  const engine = engineIn === undefined ? await ocrEngine() : engineIn;
  if (!engine) throw new ClewError('INTERNAL', OCR_UNAVAILABLE);
  const [{ chooseLanguages, recogniseImage }, { createAnalyser }, { uprightImage }] = await Promise.all([
    import('../text/ocr/tesseract.js'),
    import('../text/analyse.js'),
    import('../text/ocr/orientation.js'),
  ]);
  const lexicon = (await store.lexicon()).map((e) => ({ term: e.term, means: e.means, type: e.type ?? undefined }));
  const analyser = await createAnalyser({ lexicon });
  const caseLangs = (await store.languages()).flatMap((l) => (l.lang === null ? [] : [l.lang])).slice(0, CASE_LANGUAGES);
  const counts = await store.ocrCounts();
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const total = Math.min(limit, opts.again ? counts.images : counts.images - counts.done);
  const notes = new Set<string>();
  const out: OcrJobResult = { engine: { name: 'tesseract', version: engine.version }, images: 0, withText: 0, failed: [], entities: 0, notes: [], total: counts, elapsedMs: 0 };
  let after = 0;
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 1, 8));
  for (;;) {
    if (opts.signal?.aborted) throw new ClewError('INTERRUPTED', 'text recognition cancelled: the images read so far are kept');
    const want = Math.min(ROUND, limit - out.images);
    if (want <= 0) break;
    const batch = await store.ocrCandidates({ limit: want, after, again: opts.again });
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.attachmentId;
    const rows: { ocr: StoredOcr; messageId: number | null; mentions: Mention[] }[] = [];
    let next = 0;
    const work = async () => {
      while (next < batch.length) {
        const c = batch[next++]!;
        const bytes = await store.blob(c.sha256);
        const upright = bytes ? await uprightImage(bytes) : null;
        const choice = chooseLanguages(engine, c.lang ? [c.lang] : caseLangs);
        for (const n of choice.notes) notes.add(n);
        const r = bytes
          ? await recogniseImage(engine, upright!.bytes, { langs: choice.langs, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) })
          : null;
        out.images++;
        if (upright?.failed) notes.add(`${c.filename}: ${upright.failed}`);
        const failure = r === null ? 'unavailable' : (r.failure ?? null);
        const failed = r === null ? 'the case does not hold the image' : (r.failed ?? null);
        if (failure !== null) out.failed.push({ attachmentId: c.attachmentId, filename: c.filename, failure, failed: failed ?? failure });
        if (r && failure === null && r.text.trim() !== '') out.withText++;
        if (r && !(failure !== null && TRANSIENT.has(failure))) {
          const text = failure === null ? r.text : '';
          const mentions = text && c.messageId !== null ? analyser.analyse(text, null).mentions.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end) : [];
          out.entities += mentions.length;
          rows.push({
            ocr: {
              attachmentId: c.attachmentId,
              engine: 'tesseract',
              engineVersion: r.version,
              languages: r.langs,
              dataVersions: r.data,
              text,
              confidence: failure === null ? r.confidence : null,
              orientation: upright?.orientation ?? null,
              failure,
              failed,
              at: Date.now(),
            },
            messageId: c.messageId,
            mentions,
          });
        }
        const secs = (performance.now() - t0) / 1000;
        const rate = secs > 0 ? out.images / secs : 0;
        opts.onProgress?.({ done: out.images, total, withText: out.withText, failed: out.failed.length, entities: out.entities, rate, etaSeconds: rate > 0 ? Math.max(0, total - out.images) / rate : null });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, work));
    rows.sort((a, b) => a.ocr.attachmentId - b.ocr.attachmentId);
    await store.saveOcr(rows);
  }
  out.notes = [...notes];
  out.total = await store.ocrCounts();
  out.elapsedMs = performance.now() - t0;
  return out;
}
