/**
 * Reading one message: its language (falling back to the conversation's dominant language when
 * the text is too short) and every entity mention, including the case's code words.
 * Used by the store when a message is ingested and when the lexicon changes.
 */
import type { Mention } from '../model/entities.js';
import { type CodewordEntry, type CodewordMatcher, compileLexicon } from './extract/codewords.js';
import { extractAll } from './extract/pipeline.js';
import { dominantLanguage, fallbackGuess, type LanguageDetector, type LanguageGuess, type LanguagePrior, loadLanguageDetector, priorFromCounts } from './lang/detect.js';

export interface MessageAnalysis {
  lang: string | null;
  langConfidence: number;
  mentions: Mention[];
}

export interface Analyser {
  /** `conversation`: a key grouping messages for the language fallback (null: none). */
  analyse(text: string, conversation: string | null): MessageAnalysis;
  /**
   * The language half of `analyse` (it moves the conversation and prior statistics as `analyse` does):
   * `analyse(t, c)` is `language(t, c)` then `mentions(t, lang)`. The ingest's analyse pool runs this half
   * in order in one thread and `mentions`, which keeps no state, in worker threads.
   */
  language(text: string, conversation: string | null): { lang: string | null; langConfidence: number };
  /** The entity half of `analyse`: every mention (code words included) of `text` read as `lang`. Keeps no state. */
  mentions(text: string, lang: string | null): Mention[];
}

export interface AnalyserOptions {
  defaultRegion?: string;
  lexicon?: readonly CodewordEntry[];
  /**
   * The case's language distribution (e.g. `priorFromCounts` of the store's counts per language): decides the
   * texts that do not decide themselves (a Cyrillic message with no Serbian/Macedonian/Bulgarian letter or
   * word, a Serbian/Croatian message with no cue either way). Default: the languages this analyser has
   * detected so far (refreshed every 256 messages).
   */
  languagePrior?: LanguagePrior;
}

const MAX_CONVERSATIONS = 50_000;

/** `Analyser.mentions` on its own (no language detector loaded): what the ingest's analyse worker threads run. */
export function createMentionReader(opts: Pick<AnalyserOptions, 'defaultRegion' | 'lexicon'> = {}): (text: string, lang: string | null) => Mention[] {
  const codewords: CodewordMatcher | null = opts.lexicon && opts.lexicon.length > 0 ? compileLexicon(opts.lexicon) : null;
  const defaultRegion = opts.defaultRegion;
  const noLang = { defaultRegion, lang: undefined };
  return (text, lang) => {
    const found = extractAll(text, lang !== null ? { defaultRegion, lang } : noLang);
    if (codewords) for (const m of codewords.extract(text)) found.push(m);
    return found;
  };
}

export function createAnalyserWith(detector: LanguageDetector, opts: AnalyserOptions = {}): Analyser {
  const langCounts = new Map<string, Map<string, number>>();
  const seen = new Map<string, number>();
  let seenSince = 0;
  let prior: LanguagePrior | undefined = opts.languagePrior;
  const language = (text: string, conversation: string | null): LanguageGuess | null => {
    const counts = conversation === null ? undefined : langCounts.get(conversation);
    // the conversation's dominant language is only needed when the message itself says nothing
    let guess = detector.detect(text, prior ? { prior } : undefined);
    if (!opts.languagePrior && guess && guess.confidence >= 0.6) {
      seen.set(guess.lang, (seen.get(guess.lang) ?? 0) + 1);
      if (++seenSince >= 256 || prior === undefined) {
        prior = priorFromCounts(seen);
        seenSince = 0;
      }
    }
    if (!guess && counts) {
      const dominant = dominantLanguage(counts);
      if (dominant) guess = fallbackGuess(text, dominant);
    }
    if (guess && !guess.fallback && conversation !== null) {
      let c = counts;
      if (!c) {
        if (langCounts.size >= MAX_CONVERSATIONS) langCounts.clear();
        c = new Map();
        langCounts.set(conversation, c);
      }
      c.set(guess.lang, (c.get(guess.lang) ?? 0) + 1);
    }
    return guess;
  };
  const mentions = createMentionReader(opts);
  return {
    analyse(text, conversation) {
      const guess = language(text, conversation);
      return { lang: guess?.lang ?? null, langConfidence: guess?.confidence ?? 0, mentions: mentions(text, guess?.lang ?? null) };
    },
    language(text, conversation) {
      const guess = language(text, conversation);
      return { lang: guess?.lang ?? null, langConfidence: guess?.confidence ?? 0 };
    },
    mentions,
  };
}

export async function createAnalyser(opts: AnalyserOptions = {}): Promise<Analyser> {
  return createAnalyserWith(await loadLanguageDetector(), opts);
}
