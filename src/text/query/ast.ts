/**
 * The parsed form of a search query. Terms carry both the text as typed and the tokens in
 * the normaliser's folded form, so stores never need to know how text is normalised.
 */
import type { Channel } from '../../model/records.js';

export type TextNode =
  | {
      kind: 'term';
      raw: string;
      tokens: string[];
      prefix: boolean;
      /**
       * Folded mode with the case's languages (parseQuery options.langs): other index tokens that also match
       * this word: its stem token in each language (stem.ts, reserved namespace; what indexTokens(text,
       * 'folded', { lang }) puts in place of an inflected form), and its spellings in another script
       * (Ahmed → احمد, with their stem tokens; normalise/cross-script.ts). A store matches the term when the
       * text has `tokens[0]` OR any of these; with `prefix`, each is a prefix too. Absent: none.
       */
      alternatives?: string[];
      /** Set by planCodewords: the lexicon code words this term (their meaning) also matched, for the hit's "via". */
      codewords?: string[];
    }
  | {
      kind: 'phrase';
      raw: string;
      tokens: string[];
      /** Like a term's `alternatives` (stemming only): the phrase as indexTokens gives it in each case language (match any). */
      stemPhrases?: string[][];
    }
  | { kind: 'and'; children: TextNode[] }
  | { kind: 'or'; children: TextNode[] }
  | { kind: 'not'; child: TextNode };

export type SearchMode = 'folded' | 'exact';

export interface SearchQuery {
  /** Full-text part; null when the query has only filters. */
  text: TextNode | null;
  /** Account terms (reference, handle or display name) for `from:` and `to:`. */
  from: string[];
  to: string[];
  /**
   * `person:` terms (a person id or name, identity resolution): messages sent by any account of
   * the person; joined with `from:` (either may match). Absent when the query has none.
   */
  persons?: string[];
  /** Inclusive lower and exclusive upper bound, UTC epoch ms. */
  after?: number;
  before?: number;
  channels: Channel[];
  langs: string[];
  /**
   * Entity filters. `codewords` (set by planCodewords, never typed): lexicon code words whose meaning is
   * `value`: a message also matches when it holds a code-word mention of one of them (entity:drug=cocaine
   * finds the messages that say "kafa" once kafa means cocaine).
   */
  entities: { type: string; value?: string; codewords?: string[] }[];
  mode: SearchMode;
  /** `tag:` filters: the messages carrying every one of these tags (folded names, see annotations). Absent when none. */
  tags?: string[];
  /** `note:` filters: the messages with a note holding every one of these words (index tokens, folded). Absent when none. */
  noteWords?: string[];
  /**
   * `ocr:` filters: the messages with an image attachment whose recognised text (clew ocr) holds every one of
   * these words (index tokens, folded; each word may be in a different image of the message). Absent when none.
   */
  ocrWords?: string[];
  /**
   * The case's languages that have a stemmer (parseQuery options.langs), in either mode: the stores need
   * them to run an exact-mode query against the folded index, where words of those languages are stems.
   */
  stemLangs?: string[];
  /**
   * Also match the words in the messages' stored machine translations (issue 23 part 2: `--translated`, the
   * workspace's switch), folded mode only: a message matches when its original or one of its translations
   * does. Absent or false: the originals only (the default).
   */
  translated?: boolean;
}
