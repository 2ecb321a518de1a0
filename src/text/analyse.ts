/**
 * Reading one message: its language (falling back to the conversation's dominant language when
 * the text is too short) and every entity mention, including the case's code words.
 * Used by the store when a message is ingested and when the lexicon changes.
 */
import type { Mention } from '../model/entities.js';
import { type CodewordEntry, type CodewordMatcher, compileLexicon } from './extract/codewords.js';
import { extractAll } from './extract/pipeline.js';
import { dominantLanguage, fallbackGuess, type LanguageDetector, type LanguagePrior, loadLanguageDetector, priorFromCounts } from './lang/detect.js';

export interface MessageAnalysis {
  lang: string | null;
  langConfidence: number;
  mentions: Mention[];
}

export interface Analyser {
  /** `conversation`: a key grouping messages for the language fallback (null: none). */
  analyse(text: string, conversation: string | null): MessageAnalysis;
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

export function createAnalyserWith(detector: LanguageDetector, opts: AnalyserOptions = {}): Analyser {
  const codewords: CodewordMatcher | null = opts.lexicon && opts.lexicon.length > 0 ? compileLexicon(opts.lexicon) : null;
  const langCounts = new Map<string, Map<string, number>>();
  const defaultRegion = opts.defaultRegion;
  const noLang = { defaultRegion, lang: undefined };
  const seen = new Map<string, number>();
  let seenSince = 0;
  let prior: LanguagePrior | undefined = opts.languagePrior;
  return {
    analyse(text, conversation) {
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
      const mentions = extractAll(text, guess ? { defaultRegion, lang: guess.lang } : noLang);
      if (codewords) for (const m of codewords.extract(text)) mentions.push(m);
      return { lang: guess?.lang ?? null, langConfidence: guess?.confidence ?? 0, mentions };
    },
  };
}

export async function createAnalyser(opts: AnalyserOptions = {}): Promise<Analyser> {
  return createAnalyserWith(await loadLanguageDetector(), opts);
}
