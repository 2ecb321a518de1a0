/**
 * Public API of src/text: normalisation, language identification, entity extraction.
 * (Other modules append their exports below; keep one export line per module.)
 */
export {
  normalise,
  NORMALISE_VERSION,
  normaliseWithMap,
  normaliseExact,
  normaliseExactWithMap,
  toOriginalSpan,
  tokenize,
  clusterEnd,
  type NormalisedText,
  type Token,
} from './normalise/normalise.js';
export { detectScript, scriptStats, type Script, type ScriptStats } from './lang/script.js';
export {
  loadLanguageDetector,
  createLanguageDetector,
  cleanForLanguage,
  dominantLanguage,
  priorFromCounts,
  MIN_LETTERS,
  type DetectOptions,
  type LanguagePrior,
  type LanguageDetector,
  type LanguageDetectorOptions,
  type LanguageGuess,
  type LanguageModelSize,
} from './lang/detect.js';
export { MAX_EXTRACT_CHARS, MAX_MENTIONS, type ExtractContext, type Extractor } from './extract/types.js';
export { extractAll, resolveOverlaps } from './extract/pipeline.js';
export { EXTRACTORS } from './extract/registry.js';
export { extractPhone, phoneExtractor } from './extract/phone.js';
export { extractEmail, emailExtractor } from './extract/email.js';
export { extractIban, ibanExtractor } from './extract/iban.js';
export { extractBic, bicExtractor } from './extract/bic.js';
export { extractCrypto, cryptoExtractor } from './extract/crypto.js';
export { extractCoordinates, coordinatesExtractor, coordinatesFromUrl } from './extract/coordinates.js';
export { extractContainer, containerExtractor, iso6346CheckDigit } from './extract/container.js';
export { extractImo, imoExtractor, imoCheck } from './extract/imo.js';
export { extractVessel, vesselExtractor } from './extract/vessel.js';
export { keccak256 } from './extract/keccak.js';
export { indexTokens, indexText, stemAlternatives, parseQuery, type IndexTokenOptions, type ParseOptions } from './query/parse.js';
export { stemToken, stemTokensFor, hasStemmer, isStemToken, STEM_MARK, MAX_STEM_WORD, STEMMED_LANGUAGES, STEMMER_LANGUAGES } from './stem/stem.js';
export { detectApertium, findPair, sourcesInto, translateTexts, MAX_TRANSLATE_CHARS, type ApertiumEngine, type ApertiumPair, type Translation, type TranslationInput, type TranslationFailure, type TranslateOptions } from './translate/apertium.js';
