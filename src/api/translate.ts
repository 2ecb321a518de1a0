/**
 * Machine translation of a case's messages (issue 23 part 1): the typed API the CLI (`clew translate
 * --case`) and the server (routes/translate.ts) call. The messages are those a search finds or a list
 * of ids; each is translated offline by Apertium (src/text/translate/) from its detected language,
 * with the case's code words (the lexicon) and the entities recognised in it (its mentions: names,
 * places, phone numbers, IBANs, …) passed through untouched.
 *
 * Translations are cached in the case (store TranslationPort) with the engine, the pair and its data
 * version: a message already translated by the same pair and version is answered from the case; a new
 * translation is stored, so a report cites it reproducibly. A message in a language with no installed
 * pair (or of unknown language) says so, and nothing is stored for it. A translation that failed for a
 * reason that may pass (time limit, crash) is tried again next time; one too long to translate is not.
 *
 * The original is always given beside the translation, never replaced by it.
 */
import { ClewError } from '../model/errors.js';
import type { Mention } from '../model/entities.js';
import type { Span } from '../text/translate/stream.js';
import type { ApertiumEngine, Translation } from '../text/translate/apertium.js';
import type { AccountView, EntityPort, IdentityPort, MessagePort, StoredTranslation, TranslationPort } from '../store/types.js';
import { withLabels } from './thread.js';
import { search, translationLabel, type SearchStore } from './search.js';

export { translationLabel };

/** Messages per request (the server's cap; the CLI sends a longer list of ids in parts). */
export const MAX_TRANSLATE_MESSAGES = 500;
/** Messages a query translates when no limit is given. */
export const DEFAULT_QUERY_LIMIT = 50;
/** Apertium's engine name as stored. */
const ENGINE = 'apertium';

export type TranslateStore = MessagePort & TranslationPort & Pick<EntityPort, 'lexicon'> & IdentityPort;

export interface TranslateRequest {
  /** The messages: these ids … */
  ids?: readonly number[];
  /** … or those a search finds (its first `limit`, newest first). */
  query?: string;
  limit?: number;
  /** Target language, ISO 639-1 (default 'en'). */
  to?: string;
  /** Translate again even when the case holds a translation by the same pair and version. */
  fresh?: boolean;
  /** Answer from the case only: translate nothing, store nothing (a read-only view). */
  cachedOnly?: boolean;
  /** Time limit for one message, ms. */
  itemTimeoutMs?: number;
}

export interface MessageTranslation {
  id: number;
  ts: number;
  sender: AccountView;
  /** The language it was translated from (detected at ingest), null when unknown. */
  lang: string | null;
  /** The original text, always given. */
  original: string;
  /** The translation, null when there is none (see failure). */
  translation: {
    text: string;
    engine: string;
    pair: string;
    version: string;
    engineVersion: string;
    /** UTC ms when it was made. */
    at: number;
    /** Read from the case rather than made now. */
    cached: boolean;
  } | null;
  /** What the translation is, for people: `machine translation (Apertium hbs-eng, 0.5.1-2)`; null without one. */
  label: string | null;
  /** Why there is no translation: a stable code and a reason for people. */
  failure?: string;
  failed?: string;
}

export interface TranslateResult {
  to: string;
  engine: { name: string; version: string } | null;
  messages: MessageTranslation[];
  /** How many translations were made now (and stored), and how many came from the case. */
  translated: number;
  cached: number;
}


let detected: Promise<ApertiumEngine | null> | null = null;

/** The installed Apertium (looked up once per process), null when it is not installed. */
export async function translationEngine(): Promise<ApertiumEngine | null> {
  detected ??= import('../text/translate/apertium.js').then((m) => m.detectApertium());
  return detected;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** Every whole-word occurrence (case-insensitive) of each word in the text, as spans. */
export function wordSpans(text: string, words: readonly string[]): Span[] {
  const spans: Span[] = [];
  const lower = text.toLowerCase();
  for (const w of words) {
    const lw = w.toLowerCase();
    // a word whose lower case changes its length cannot be located by offsets into the lowered text
    if (!lw.trim() || lw.length !== w.length || lower.length !== text.length) continue;
    for (let i = lower.indexOf(lw); i >= 0; i = lower.indexOf(lw, i + 1)) {
      const before = i > 0 ? text[i - 1]! : '';
      const after = text[i + lw.length] ?? '';
      if ((before && WORD_CHAR.test(before)) || (after && WORD_CHAR.test(after))) continue;
      spans.push({ start: i, end: i + lw.length });
    }
  }
  return spans;
}

/** What is not translated in a message: the lexicon's code words and the entities recognised in it. */
export function protectedSpans(body: string, lexiconTerms: readonly string[], mentions: readonly Mention[]): Span[] {
  return [...wordSpans(body, lexiconTerms), ...mentions.filter((m) => m.start >= 0 && m.end <= body.length && m.start < m.end).map((m) => ({ start: m.start, end: m.end }))];
}

/** The lexicon's terms the text holds as whole words (kept untranslated), sorted and distinct: part of a translation's cache key. */
export function lexiconKept(text: string, lexiconTerms: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of lexiconTerms) if (wordSpans(text, [t]).length > 0) out.add(t.toLowerCase());
  return [...out].sort();
}

function sameWords(stored: readonly string[] | null, now: readonly string[]): boolean {
  return stored !== null && stored.length === now.length && stored.every((w, i) => w === now[i]);
}

/** Failures worth trying again (the process hung or crashed): not answered from the case. */
const TRANSIENT = new Set(['timeout', 'crashed', 'unavailable', 'out-of-step']);

function parseIds(ids: readonly number[]): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id < 1) throw new ClewError('INVALID_ARGUMENT', `not a message id: ${String(id)}`);
    if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  }
  return out;
}

/**
 * Translate messages of a case into `to`, from the case's cache where it has them, storing the new
 * ones. Apertium not installed: INTERNAL saying what to install (unless `cachedOnly`).
 */
export async function translateMessages(store: TranslateStore & Partial<SearchStore>, req: TranslateRequest, engineIn?: ApertiumEngine | null): Promise<TranslateResult> {
  const to = (req.to ?? 'en').trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(to)) throw new ClewError('INVALID_ARGUMENT', `not a language code: ${req.to}`);
  let ids: number[];
  if (req.ids !== undefined) {
    if (req.query !== undefined) throw new ClewError('INVALID_ARGUMENT', 'translate either the messages a query finds or a list of ids, not both');
    ids = parseIds(req.ids);
  } else if (req.query !== undefined) {
    if (!store.search || !store.languages) throw new ClewError('INTERNAL', 'this store cannot search');
    const limit = Math.min(Math.max(1, req.limit ?? DEFAULT_QUERY_LIMIT), MAX_TRANSLATE_MESSAGES);
    ids = (await search(store as SearchStore, { query: req.query, limit })).hits.map((h) => h.id);
  } else throw new ClewError('INVALID_ARGUMENT', 'name the messages to translate: a search query or a list of ids');
  if (ids.length > MAX_TRANSLATE_MESSAGES) throw new ClewError('TOO_LARGE', `at most ${MAX_TRANSLATE_MESSAGES} messages at a time (${ids.length} asked)`);

  const engine = engineIn === undefined ? await translationEngine() : engineIn;
  if (!engine && !req.cachedOnly)
    throw new ClewError('INTERNAL', 'translation is unavailable: Apertium is not installed (Debian: apt-get install -y apertium apertium-hbs-eng apertium-mkd-eng apertium-eng-spa)');
  const { findPair, translateTexts } = await import('../text/translate/apertium.js');

  const views = [];
  for (const id of ids) views.push(await store.message(id)); // NOT_FOUND for an id of no message
  const senders = await withLabels(store, views.map((v) => v.sender));
  const cachedRows = await store.translationsOf(ids, to);
  const lexicon = (await store.lexicon()).map((e) => e.term);

  const out: MessageTranslation[] = views.map((v, i) => ({
    id: v.id,
    ts: v.ts,
    sender: senders[i]!,
    lang: v.lang,
    original: v.body,
    translation: null,
    label: null,
  }));
  const fromRow = (r: StoredTranslation, cached: boolean): MessageTranslation['translation'] => ({
    text: r.text,
    engine: r.engine,
    pair: r.pair,
    version: r.version,
    engineVersion: r.engineVersion,
    at: r.at,
    cached,
  });
  const setFrom = (m: MessageTranslation, r: StoredTranslation, cached: boolean) => {
    if (r.failure) {
      m.failure = r.failure;
      m.failed = r.failed ?? r.failure;
      return;
    }
    m.translation = fromRow(r, cached);
    m.label = translationLabel(r);
  };

  const todo: { m: MessageTranslation; from: string; pair: { mode: string; version: string } }[] = [];
  let cached = 0;
  for (const m of out) {
    const rows = cachedRows.filter((r) => r.messageId === m.id && r.engine === ENGINE);
    if (m.original.trim() === '') {
      m.failure = 'empty';
      m.failed = 'the message has no text';
      continue;
    }
    if (!engine) {
      // read-only view without the engine: the newest translation the case holds
      const r = rows.find((x) => !x.failure);
      if (r) {
        setFrom(m, r, true);
        cached++;
      } else {
        m.failure = 'unavailable';
        m.failed = 'translation is unavailable: Apertium is not installed';
      }
      continue;
    }
    if (!m.lang) {
      m.failure = 'no-language';
      m.failed = 'the language of the message is unknown (too short or mixed), so it is not translated';
      continue;
    }
    const pair = findPair(engine, m.lang, to);
    if (!pair) {
      // translateTexts words it (which pairs are installed)
      todo.push({ m, from: m.lang, pair: { mode: '', version: '' } });
      continue;
    }
    // the cache key: the pair, its version and the code words kept untranslated (a code word added to or
    // removed from the lexicon since changes what the translation must keep)
    const kept = lexiconKept(m.original, lexicon);
    const hit = req.fresh
      ? undefined
      : rows.find((r) => r.pair === pair.mode && r.version === pair.version && sameWords(r.lexicon, kept) && !(r.failure && TRANSIENT.has(r.failure)));
    if (hit) {
      setFrom(m, hit, true);
      cached++;
    } else if (req.cachedOnly) {
      m.failure = 'not-translated';
      m.failed = 'not translated yet';
    } else todo.push({ m, from: m.lang, pair });
  }

  let translated = 0;
  if (engine && todo.length > 0 && !req.cachedOnly) {
    const inputs = [];
    for (const t of todo) {
      // the entities recognised in the message (read only for those translated now)
      const mentions = t.pair.mode === '' ? [] : await store.mentions(t.m.id);
      inputs.push({ text: t.m.original, from: t.from, protect: protectedSpans(t.m.original, lexicon, mentions) });
    }
    const results: Translation[] = await translateTexts(engine, inputs, to, req.itemTimeoutMs ? { itemTimeoutMs: req.itemTimeoutMs } : {});
    const now = Date.now();
    const rows: StoredTranslation[] = [];
    results.forEach((r, k) => {
      const { m, from } = todo[k]!;
      if (!r.pair || !r.version) {
        m.failure = r.failure ?? 'no-pair';
        m.failed = r.failed ?? 'no translation';
        return;
      }
      const row: StoredTranslation = {
        messageId: m.id,
        target: to,
        engine: r.engine,
        pair: r.pair,
        version: r.version,
        engineVersion: r.engineVersion,
        sourceLang: from,
        text: r.failed ? '' : r.text,
        failure: r.failed ? (r.failure ?? 'failed') : null,
        failed: r.failed ?? null,
        at: now,
        lexicon: lexiconKept(m.original, lexicon),
      };
      rows.push(row);
      setFrom(m, row, false);
      if (!r.failed) translated++;
    });
    await store.saveTranslations(rows);
  }
  return { to, engine: engine ? { name: ENGINE, version: engine.engineVersion } : null, messages: out, translated, cached };
}
