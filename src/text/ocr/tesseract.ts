/**
 * Text recognition in images with Tesseract (Debian's `tesseract-ocr` and `tesseract-ocr-<lang>` packages).
 *
 * - `detectTesseract()` runs `tesseract --version` and `--list-langs`, and asks dpkg for each language data
 *   package's version, so every result can say which engine and data made it. Null when tesseract cannot run.
 * - `chooseLanguages(engine, detected)` turns the detected languages of the surrounding messages (clew codes)
 *   into installed Tesseract languages, plus English; a language without installed data is said plainly.
 * - `recogniseImage` checks the bytes first (image-check.ts: a real PNG/JPEG/GIF/BMP/TIFF/WebP, at most
 *   MAX_IMAGE_PIXELS, read from the header without decoding), then gives those same bytes to
 *   `tesseract - stdout -l LANGS tsv` on stdin — never a path, so Tesseract's own fallbacks (reading a
 *   non-image as a list of file names; fetching an input name that is a URL) cannot be reached — and reads
 *   the words with their confidences. A time limit per image kills the process (its whole process group); the item is marked
 *   failed with the reason. `recogniseImages` runs a batch with a fixed number of processes; one image's
 *   failure never stops the others. Never a shell: argument arrays only. Never throws.
 */
import { execFile, spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { checkImage, MAX_IMAGE_BYTES, type ImageFormat, type ImageLimits, type ImageRefusal } from './image-check.js';
import { tesseractCodes, tesseractLanguageName, tesseractPackage } from './languages.js';
import { parseTesseractTsv } from './tsv.js';
import { dpkgVersion, killProcessGroup } from '../tools.js';

const run = promisify(execFile);

/** Default time limit for one image, in ms (a 12-megapixel photo takes 1–5 s on one core; this only catches hangs). */
export const DEFAULT_IMAGE_TIMEOUT_MS = 120_000;
/** Most Tesseract languages tried on one image (each one slows recognition down). */
export const MAX_OCR_LANGUAGES = 5;
/** Longest TSV output accepted from one image, in characters. */
const MAX_OUTPUT_CHARS = 32 * 1024 * 1024;
const STDERR_KEEP = 600;

export interface TesseractLanguage {
  /** Traineddata name (`srp_latn`). */
  code: string;
  /** Debian package holding it, and its version ('unknown' when not installed by dpkg). */
  package: string;
  version: string;
}

export interface TesseractEngine {
  /** The `tesseract` program (a path or a name looked up in PATH). */
  binary: string;
  /** Tesseract's version (`5.3.0`). */
  version: string;
  /** Installed languages (`osd`, the orientation model, excluded). */
  languages: TesseractLanguage[];
  /** Where the data was found, as `--list-langs` says. */
  dataDir: string | null;
}

export interface DetectOptions {
  /** The `tesseract` program; default `CLEW_TESSERACT` or `tesseract` in PATH. */
  binary?: string;
}

/** stdout and stderr of a short command (Tesseract 4 prints its version on stderr, 5 on stdout), or null. */
async function output(binary: string, args: string[]): Promise<string | null> {
  try {
    const { stdout, stderr } = await run(binary, args, { timeout: 20_000, env: tesseractEnv() });
    return `${stdout}\n${stderr}`;
  } catch (e) {
    const r = e as { stdout?: unknown; stderr?: unknown };
    const text = `${typeof r.stdout === 'string' ? r.stdout : ''}\n${typeof r.stderr === 'string' ? r.stderr : ''}`;
    return text.trim() ? text : null;
  }
}

function tesseractEnv(threads = 1): NodeJS.ProcessEnv {
  // One thread per process: a batch runs several processes instead (OpenMP threads fight over shared cores).
  return { ...process.env, OMP_THREAD_LIMIT: String(threads), LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
}

/** The installed Tesseract and its languages, or null when `tesseract` cannot be run. Never throws. */
export async function detectTesseract(options: DetectOptions = {}): Promise<TesseractEngine | null> {
  const binary = options.binary ?? process.env.CLEW_TESSERACT ?? 'tesseract';
  const v = await output(binary, ['--version']);
  const version = v ? /tesseract\s+v?(\d+\.\d+(?:\.\d+)?\S*)/i.exec(v)?.[1] : undefined;
  if (!version) return null;
  const listing = (await output(binary, ['--list-langs'])) ?? '';
  const dataDir = /languages in "([^"]+)"/.exec(listing)?.[1] ?? null;
  const codes = listing
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z0-9_]+$/.test(l) && l !== 'osd');
  const languages: TesseractLanguage[] = [];
  for (const code of [...new Set(codes)].sort()) {
    const pkg = tesseractPackage(code);
    languages.push({ code, package: pkg, version: (await dpkgVersion(pkg)) ?? 'unknown' });
  }
  return { binary, version, languages, dataDir };
}

export interface LanguageChoice {
  /** Installed Tesseract languages to use, most likely first; English last unless detected. */
  langs: string[];
  /** What could not be used, said plainly ("Arabic (ara): no Tesseract data installed — apt-get install tesseract-ocr-ara"). */
  notes: string[];
}

/**
 * Tesseract languages for an image from the detected languages of its surrounding messages (clew codes, most
 * frequent first), plus English. Languages without installed data, or unknown to clew, are listed in notes.
 */
export function chooseLanguages(engine: TesseractEngine, detected: readonly string[]): LanguageChoice {
  const installed = new Set(engine.languages.map((l) => l.code));
  const langs: string[] = [];
  const notes: string[] = [];
  const want: string[] = [];
  for (const lang of detected) {
    const codes = tesseractCodes(lang);
    if (!codes) {
      notes.push(`${lang}: no Tesseract language known for this code`);
      continue;
    }
    for (const c of codes) if (!want.includes(c)) want.push(c);
  }
  if (!want.includes('eng')) want.push('eng');
  for (const c of want) {
    if (!installed.has(c)) {
      notes.push(`${tesseractLanguageName(c)} (${c}): no Tesseract data installed — apt-get install ${tesseractPackage(c)}`);
    } else if (langs.length >= MAX_OCR_LANGUAGES) {
      notes.push(`${tesseractLanguageName(c)} (${c}): not used, over the limit of ${MAX_OCR_LANGUAGES} languages per image`);
    } else {
      langs.push(c);
    }
  }
  return { langs, notes };
}

export type OcrFailure = ImageRefusal | 'unreadable' | 'no-language-data' | 'timeout' | 'crashed' | 'unavailable' | 'too-long';

export interface OcrResult {
  /** The recognised text ('' for an image without text, and when failed). */
  text: string;
  /** Mean word confidence 0–100, null when no word was recognised. */
  confidence: number | null;
  /** Words recognised. */
  words: number;
  engine: 'tesseract';
  /** Tesseract's version. */
  version: string;
  /** Tesseract languages used (or asked for, when failed). */
  langs: string[];
  /** Version of each language's data package. */
  data: Record<string, string>;
  /** The image as its header describes it, when it could be read. */
  image?: { format: ImageFormat; width: number; height: number };
  /** Languages that could not be used, said plainly. */
  notes?: string[];
  /** Why there is no text (human-readable); absent on success. */
  failed?: string;
  /** Stable code for `failed`. */
  failure?: OcrFailure;
}

export interface OcrOptions extends ImageLimits {
  /** Tesseract languages to use, exactly; one without installed data fails the image. */
  langs?: readonly string[];
  /** Or: detected languages of the surrounding messages (clew codes), through chooseLanguages. Default: English. */
  languages?: readonly string[];
  /** Time limit for one image in ms (default DEFAULT_IMAGE_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Tesseract page segmentation mode (default 3, automatic). */
  psm?: number;
}

/** An image: its bytes, or a path to read them from. */
export type ImageInput = Uint8Array | { path: string };

async function readImage(input: ImageInput, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; code: OcrFailure; reason: string }> {
  if (input instanceof Uint8Array) return { ok: true, bytes: input };
  let fh;
  try {
    fh = await open(input.path, 'r');
    const { size, isFile } = await fh.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) return { ok: false, code: 'unreadable', reason: `not a regular file: ${input.path}` };
    if (size > maxBytes) return { ok: false, code: 'too-large', reason: `file too large for OCR: ${size} bytes (limit ${maxBytes})` };
    return { ok: true, bytes: await fh.readFile() };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, code: 'unreadable', reason: `cannot read ${input.path}: ${err.code ?? err.message}` };
  } finally {
    await fh?.close();
  }
}

/** Recognise the text in one image. Never throws; a refused or failed image says why in `failed`. */
export async function recogniseImage(engine: TesseractEngine, input: ImageInput, options: OcrOptions = {}): Promise<OcrResult> {
  let langs: string[];
  let notes: string[] = [];
  if (options.langs) {
    langs = [...options.langs];
  } else {
    ({ langs, notes } = chooseLanguages(engine, options.languages ?? []));
  }
  const versions = new Map(engine.languages.map((l) => [l.code, l.version]));
  const data: Record<string, string> = {};
  for (const l of langs) if (versions.has(l)) data[l] = versions.get(l) as string;
  const base = { text: '', confidence: null, words: 0, engine: 'tesseract' as const, version: engine.version, langs, data, ...(notes.length ? { notes } : {}) };

  const missing = langs.filter((l) => !versions.has(l));
  if (missing.length > 0 || langs.length === 0) {
    const have = engine.languages.map((l) => l.code).join(', ') || 'none';
    const what = missing.length
      ? `no Tesseract data installed for ${missing.map((l) => `${tesseractLanguageName(l)} (${l})`).join(', ')} — apt-get install ${missing.map(tesseractPackage).join(' ')}`
      : `no installed Tesseract language to recognise with${notes.length ? ` (${notes.join('; ')})` : ''}`;
    return { ...base, failure: 'no-language-data', failed: `${what} (installed: ${have})` };
  }

  const read = await readImage(input, options.maxBytes ?? MAX_IMAGE_BYTES);
  if (!read.ok) return { ...base, failure: read.code, failed: read.reason };
  const check = checkImage(read.bytes, options);
  if (!check.ok) {
    const image = check.format && check.width && check.height ? { image: { format: check.format, width: check.width, height: check.height } } : {};
    return { ...base, ...image, failure: check.code, failed: check.reason };
  }
  const image = { format: check.format, width: check.width, height: check.height };
  const args = ['-', 'stdout', '-l', langs.join('+'), '--psm', String(options.psm ?? 3), 'tsv'];
  const out = await runTesseract(engine.binary, args, read.bytes, options.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS);
  if (!out.ok) return { ...base, image, failure: out.code, failed: out.reason };
  const parsed = parseTesseractTsv(out.stdout);
  return { ...base, image, ...parsed };
}

type RunResult = { ok: true; stdout: string } | { ok: false; code: 'timeout' | 'crashed' | 'unavailable' | 'too-long'; reason: string };

function runTesseract(binary: string, args: string[], stdin: Uint8Array, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: RunResult | null = null;
    let settled = false;
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env: tesseractEnv(), shell: false });
    const killGroup = () => killProcessGroup(child);
    const stop = (code: 'timeout' | 'too-long', reason: string) => {
      failure ??= { ok: false, code, reason };
      killGroup();
    };
    const timer = setTimeout(() => stop('timeout', `timed out: ${binary} gave no result within ${timeoutMs} ms (killed)`), timeoutMs);
    const finish = (r: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(failure ?? r);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      failure ??= { ok: false, code: 'unavailable', reason: `cannot run ${binary}: ${err.code ?? err.message}` };
      finish(failure);
    });
    child.stdin.on('error', () => {
      /* EPIPE: the process stopped reading; its exit status says why */
    });
    child.stdin.end(stdin);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-STDERR_KEEP);
    });
    child.stdout.on('data', (d: Buffer) => {
      size += d.length;
      if (size > MAX_OUTPUT_CHARS) stop('too-long', `output longer than ${MAX_OUTPUT_CHARS} bytes`);
      else chunks.push(d);
    });
    child.on('close', (code, signal) => {
      if (code === 0 && !signal) return finish({ ok: true, stdout: Buffer.concat(chunks).toString('utf8') });
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      const tail = stderr.trim().split('\n').filter((l) => !/^(Estimating resolution|Warning: Invalid resolution|Detected \d+ diacritics)/.test(l)).slice(-3).join(' | ');
      finish({ ok: false, code: 'crashed', reason: `${binary} ${how}${tail ? `: ${tail}` : ''}` });
    });
  });
}

export interface BatchOptions extends OcrOptions {
  /** Tesseract processes at once (default 1). */
  concurrency?: number;
  /** Called after each image, with the number done. */
  onProgress?: (done: number, total: number) => void;
}

/** Recognise a batch of images, each with its own languages; one result per image, in order. Never throws. */
export async function recogniseImages(
  engine: TesseractEngine,
  items: readonly { image: ImageInput; languages?: readonly string[]; langs?: readonly string[] }[],
  options: BatchOptions = {},
): Promise<OcrResult[]> {
  const results = new Array<OcrResult>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i] as (typeof items)[number];
      // An item's own languages replace the batch's.
      const own = item.langs || item.languages ? { langs: item.langs, languages: item.languages } : {};
      results[i] = await recogniseImage(engine, item.image, { ...options, ...own });
      options.onProgress?.(++done, items.length);
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 1, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}
