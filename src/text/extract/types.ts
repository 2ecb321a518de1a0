import type { Mention } from '../../model/entities.js';

/** What an extractor may know about the message beyond its text. */
export interface ExtractContext {
  /** ISO 3166-1 alpha-2 region used for national-format phone numbers ('RS', 'NL', …). */
  defaultRegion?: string;
  /** ISO 639-1 language of the message, if known. */
  lang?: string;
}

/** One extractor: `extract` returns mentions with UTF-16 spans into the ORIGINAL text. Must never throw. */
export interface Extractor {
  /** Stable name, used in logs and benchmarks. */
  name: string;
  extract(text: string, ctx: ExtractContext): Mention[];
}

/** Bodies longer than this are truncated before extraction (untrusted input; extractors stay linear anyway). */
export const MAX_EXTRACT_CHARS = 1 << 20;

/** An extractor stops after this many mentions in one text (garbage or hostile input, not a message). */
export const MAX_MENTIONS = 1000;
