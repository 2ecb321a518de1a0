/**
 * Offline machine translation with Apertium (rule-based; Debian packages `apertium` and `apertium-<pair>`).
 *
 * - `detectApertium()` finds the `apertium` program, its installed modes (`apertium -l`) and each pair's
 *   Debian package version (`dpkg-query`), so every translation can say which engine and data made it.
 * - `findPair(engine, from, to)` maps clew's ISO 639-1 codes to an installed mode (`sr` → `hbs-eng`); a
 *   language with no installed pair gets null, and `translateTexts` says so plainly on each item.
 * - `translateTexts` sends a batch through one `apertium -f none -z -u MODE` process per pair (see stream.ts
 *   for the encoding and null-filter.ts for time limits and crashes). Serbian Cyrillic is transliterated to
 *   Latin first (the Serbo-Croatian analyser reads Latin only). Protected spans pass through untouched.
 * - Never a shell: programs are spawned with argument arrays.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serbianCyrillicToLatin } from './cyrillic.js';
import { apertiumCode, languageName, parseModeName, targetVariant } from './languages.js';
import { runNullFilter, type FilterFailure } from './null-filter.js';
import { decodeText, encodeText, type Span } from './stream.js';
import { dpkgVersion } from '../tools.js';

const run = promisify(execFile);

/** Longest text translated (UTF-16 units); a longer one is refused with the reason, not cut. */
export const MAX_TRANSLATE_CHARS = 20_000;
/** Default time limit for one text, in ms (a message takes a few ms; this only catches hangs). */
export const DEFAULT_ITEM_TIMEOUT_MS = 15_000;
/** Default extra time for a process to load its dictionaries before the first output. */
export const DEFAULT_STARTUP_MS = 15_000;

export interface ApertiumPair {
  /** The mode (`hbs-eng`, `eng-hbs_SR`, `spa-eng`). */
  mode: string;
  /** Source and target, ISO 639-3. */
  from: string;
  to: string;
  variant: string | null;
  /** Debian package holding the data (`apertium-hbs-eng`), null when not found. */
  package: string | null;
  /** That package's version, or 'unknown' when the data was not installed by dpkg. */
  version: string;
}

export interface ApertiumEngine {
  /** The `apertium` program (a path or a name looked up in PATH). */
  binary: string;
  /** Apertium's own version (Debian package `apertium`, else `apertium -V`), 'unknown' if neither says. */
  engineVersion: string;
  pairs: ApertiumPair[];
}

export interface DetectOptions {
  /** The `apertium` program; default `CLEW_APERTIUM` or `apertium` in PATH. */
  binary?: string;
}

/** Data directory of a mode: the directory of the first `/usr/share/apertium/apertium-xxx-yyy/` path in its .mode file. */
async function modePackage(modesDir: string, mode: string): Promise<string | null> {
  try {
    const text = await readFile(join(modesDir, `${mode}.mode`), 'utf8');
    const m = /\/(apertium-[a-z]{2,3}-[a-z]{2,3})\//.exec(text);
    return m ? (m[1] as string) : null;
  } catch {
    return null;
  }
}

/**
 * The installed Apertium engine and pairs, or null when `apertium` cannot be run. Never throws.
 */
export async function detectApertium(options: DetectOptions = {}): Promise<ApertiumEngine | null> {
  const binary = options.binary ?? process.env.CLEW_APERTIUM ?? 'apertium';
  let listing: string;
  try {
    listing = (await run(binary, ['-l'], { timeout: 20_000 })).stdout;
  } catch (e) {
    // `apertium -l` exits 0 on Debian's build; some builds print the list and exit 1.
    const out = (e as { stdout?: unknown }).stdout;
    if (typeof out !== 'string' || !out.trim()) return null;
    listing = out;
  }
  const modes = listing.split('\n').map((l) => l.trim()).filter(Boolean);
  const modesDir = process.env.CLEW_APERTIUM_MODES ?? '/usr/share/apertium/modes';
  const versions = new Map<string, string | null>();
  const pairs: ApertiumPair[] = [];
  for (const mode of modes) {
    const parsed = parseModeName(mode);
    if (!parsed || parsed.from === parsed.to) continue;
    const pkg = await modePackage(modesDir, mode);
    if (pkg && !versions.has(pkg)) versions.set(pkg, await dpkgVersion(pkg));
    pairs.push({ ...parsed, package: pkg, version: (pkg && versions.get(pkg)) || 'unknown' });
  }
  let engineVersion = await dpkgVersion('apertium');
  if (!engineVersion) {
    try {
      engineVersion = (await run(binary, ['-V'], { timeout: 10_000 })).stdout.trim() || null;
    } catch {
      engineVersion = null;
    }
  }
  return { binary, engineVersion: engineVersion ?? 'unknown', pairs };
}

/**
 * The installed pair translating `from` into `to` (clew codes, ISO 639-1), or null. For a target with
 * standards (sr/hr/bs), the matching variant is preferred; otherwise the mode without a variant.
 */
export function findPair(engine: ApertiumEngine, from: string, to: string): ApertiumPair | null {
  const f = apertiumCode(from);
  const t = apertiumCode(to);
  if (!f || !t || f === t) return null;
  const candidates = engine.pairs.filter((p) => p.from === f && p.to === t);
  const want = targetVariant(to);
  return (
    (want ? candidates.find((p) => p.variant === want) : undefined) ??
    candidates.find((p) => p.variant === null) ??
    candidates[0] ??
    null
  );
}

/** The source languages (ISO 639-3) the engine can translate into `to`. */
export function sourcesInto(engine: ApertiumEngine, to: string): string[] {
  const t = apertiumCode(to);
  return [...new Set(engine.pairs.filter((p) => p.to === t).map((p) => p.from))].sort();
}

export type TranslationFailure = FilterFailure | 'no-pair' | 'too-long' | 'out-of-step';

export interface TranslationInput {
  text: string;
  /** Source language, clew code (ISO 639-1: 'sr', 'mk', 'es', …). */
  from: string;
  /** Spans not to translate (code words, names), UTF-16 offsets into `text`. */
  protect?: readonly Span[];
}

export interface Translation {
  /** The machine translation ('' when failed). */
  text: string;
  engine: 'apertium';
  /** The mode used (`hbs-eng`), null when none applies. */
  pair: string | null;
  /** Version of the pair's data package (`0.5.1-2`), null when no pair. */
  version: string | null;
  /** Apertium's own version. */
  engineVersion: string;
  /** Why there is no translation (human-readable); absent on success. */
  failed?: string;
  /** Stable code for `failed`. */
  failure?: TranslationFailure;
}

export interface TranslateOptions {
  /** Time limit for one text in ms (default DEFAULT_ITEM_TIMEOUT_MS). */
  itemTimeoutMs?: number;
  /** Extra time for a process's first output (default DEFAULT_STARTUP_MS). */
  startupMs?: number;
  /** Longest text translated (default MAX_TRANSLATE_CHARS). */
  maxChars?: number;
  /** Processes run at once per pair (default 1; the texts are split into that many contiguous parts). */
  concurrency?: number;
}

/** Environment for Apertium: a UTF-8 locale (its script otherwise searches `locale -a` for one). */
function apertiumEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
}

/** Needs Cyrillic → Latin before the analyser (Serbo-Croatian reads Latin only). */
function latinOnly(pair: ApertiumPair): boolean {
  return pair.from === 'hbs';
}

/**
 * Translate texts into `to` (default English). One result per input, in order; never throws. Texts in a
 * language with no installed pair, longer than the cap, or whose process hangs or crashes are marked failed
 * with the reason; the others are translated.
 */
export async function translateTexts(
  engine: ApertiumEngine,
  inputs: readonly TranslationInput[],
  to = 'en',
  options: TranslateOptions = {},
): Promise<Translation[]> {
  const maxChars = options.maxChars ?? MAX_TRANSLATE_CHARS;
  const results = new Array<Translation>(inputs.length);
  const byPair = new Map<ApertiumPair, number[]>();
  const base = { engine: 'apertium' as const, engineVersion: engine.engineVersion };

  inputs.forEach((input, i) => {
    const pair = findPair(engine, input.from, to);
    if (!pair) {
      const f = apertiumCode(input.from);
      const t = apertiumCode(to);
      const what = `${f ? languageName(f) : input.from} → ${t ? languageName(t) : to}`;
      const have = sourcesInto(engine, to).map(languageName).join(', ');
      results[i] = {
        ...base, text: '', pair: null, version: null, failure: 'no-pair',
        failed: `no Apertium pair installed for ${what}${have ? ` (installed into ${t ? languageName(t) : to}: ${have})` : ''}`,
      };
      return;
    }
    if (input.text.length > maxChars) {
      results[i] = {
        ...base, text: '', pair: pair.mode, version: pair.version, failure: 'too-long',
        failed: `text too long to translate: ${input.text.length} characters (limit ${maxChars})`,
      };
      return;
    }
    const list = byPair.get(pair) ?? [];
    list.push(i);
    byPair.set(pair, list);
  });

  for (const [pair, indices] of byPair) {
    const parts = Math.max(1, Math.min(options.concurrency ?? 1, indices.length));
    const size = Math.ceil(indices.length / parts);
    const chunks: number[][] = [];
    for (let k = 0; k < indices.length; k += size) chunks.push(indices.slice(k, k + size));
    await Promise.all(chunks.map((chunk) => translateChunk(engine, pair, inputs, chunk, results, options)));
  }
  return results;
}

async function translateChunk(
  engine: ApertiumEngine,
  pair: ApertiumPair,
  inputs: readonly TranslationInput[],
  indices: readonly number[],
  results: Translation[],
  options: TranslateOptions,
): Promise<void> {
  const base = { engine: 'apertium' as const, engineVersion: engine.engineVersion, pair: pair.mode, version: pair.version };
  const encoded = indices.map((i, k) => {
    const { text, protect = [] } = inputs[i] as TranslationInput;
    return encodeText(text, k, protect, latinOnly(pair) ? serbianCyrillicToLatin : undefined);
  });
  const maxChars = options.maxChars ?? MAX_TRANSLATE_CHARS;
  const outs = await runNullFilter(
    {
      binary: engine.binary,
      args: ['-f', 'none', '-z', '-u', pair.mode],
      env: apertiumEnv(),
      itemTimeoutMs: options.itemTimeoutMs ?? DEFAULT_ITEM_TIMEOUT_MS,
      startupMs: options.startupMs ?? DEFAULT_STARTUP_MS,
      maxOutputChars: 8 * maxChars + 1000,
    },
    encoded.map((e) => e.stream),
  );
  indices.forEach((i, k) => {
    const out = outs[k];
    if (!out || !out.ok) {
      results[i] = { ...base, text: '', failure: out?.code ?? 'crashed', failed: out?.reason ?? 'no output' };
      return;
    }
    const d = decodeText(out.out, k, (encoded[k] as { kept: string[] }).kept);
    results[i] = d.ok ? { ...base, text: d.text } : { ...base, text: '', failure: 'out-of-step', failed: d.reason };
  });
}
