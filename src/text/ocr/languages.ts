/**
 * Language codes between clew (ISO 639-1 as the language detector answers, with optional script subtags:
 * 'sr', 'sr-Cyrl', 'hr', 'mk', …) and Tesseract's traineddata names (`srp`, `srp_latn`, `hrv`, `mkd`, …),
 * and the Debian package holding each (`tesseract-ocr-srp-latn`).
 *
 * Serbian is written in both scripts, often by the same person: plain 'sr' (and Montenegrin) asks for both
 * `srp` (Cyrillic) and `srp_latn` (Latin); 'sr-Cyrl' / 'sr-Latn' ask for one.
 */

const BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  sr: ['srp', 'srp_latn'], me: ['srp_latn', 'srp'], cnr: ['srp_latn', 'srp'], sh: ['srp_latn', 'hrv'],
  hr: ['hrv'], bs: ['bos'], mk: ['mkd'], ar: ['ara'], nl: ['nld'], fr: ['fra'], es: ['spa'], en: ['eng'],
  de: ['deu'], it: ['ita'], pt: ['por'], ru: ['rus'], uk: ['ukr'], bg: ['bul'], sl: ['slv'], sq: ['sqi'],
  tr: ['tur'], el: ['ell'], ro: ['ron'], pl: ['pol'], ca: ['cat'], fa: ['fas'], ur: ['urd'], zh: ['chi_sim', 'chi_tra'],
};

const BY_SCRIPT: Readonly<Record<string, readonly string[]>> = { 'sr-cyrl': ['srp'], 'sr-latn': ['srp_latn'] };

const NAMES: Readonly<Record<string, string>> = {
  srp: 'Serbian (Cyrillic)', srp_latn: 'Serbian (Latin)', hrv: 'Croatian', bos: 'Bosnian', mkd: 'Macedonian',
  ara: 'Arabic', nld: 'Dutch', fra: 'French', spa: 'Spanish', eng: 'English', deu: 'German', ita: 'Italian',
  por: 'Portuguese', rus: 'Russian', ukr: 'Ukrainian', bul: 'Bulgarian', slv: 'Slovenian', sqi: 'Albanian',
  tur: 'Turkish', ell: 'Greek', ron: 'Romanian', pol: 'Polish', cat: 'Catalan', fas: 'Persian', urd: 'Urdu',
  chi_sim: 'Chinese (simplified)', chi_tra: 'Chinese (traditional)',
};

/** Tesseract languages for a clew language code, or null when clew knows none. */
export function tesseractCodes(lang: string): readonly string[] | null {
  const l = lang.toLowerCase().replace('_', '-');
  const script = BY_SCRIPT[l.split('-').slice(0, 2).join('-')];
  if (script) return script;
  return BY_LANGUAGE[l.split('-')[0] ?? ''] ?? null;
}

/** A readable name for a Tesseract language ("Serbian (Latin)"), the code itself when not listed. */
export function tesseractLanguageName(code: string): string {
  return NAMES[code] ?? code;
}

/** The Debian package with a Tesseract language's data (`srp_latn` → `tesseract-ocr-srp-latn`). */
export function tesseractPackage(code: string): string {
  return `tesseract-ocr-${code.toLowerCase().replace(/_/g, '-')}`;
}
