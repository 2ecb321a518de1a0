/**
 * Language codes between clew (ISO 639-1, as the language detector answers: 'sr', 'hr', 'mk', …) and Apertium
 * (ISO 639-3 in its mode names: `hbs-eng`, `mkd-eng`, `spa-eng`; a few old pairs use 639-1: `fr-es`, `es-gl`).
 *
 * Serbian, Croatian, Bosnian and Montenegrin are one Apertium language, `hbs` (Serbo-Croatian); as a target
 * the pair may have a variant per standard (`eng-hbs_SR`, `eng-hbs_HR`, `eng-hbs_BS`).
 */

/** ISO 639-1 (and the few 639-3 codes clew uses for languages without one) → ISO 639-3 as Apertium names it. */
const TO_639_3: Readonly<Record<string, string>> = {
  sr: 'hbs', hr: 'hbs', bs: 'hbs', sh: 'hbs', me: 'hbs', cnr: 'hbs',
  mk: 'mkd', es: 'spa', en: 'eng', fr: 'fra', nl: 'nld', ar: 'ara', ca: 'cat', pt: 'por', it: 'ita', gl: 'glg',
  de: 'deu', ru: 'rus', uk: 'ukr', be: 'bel', bg: 'bul', sl: 'slv', af: 'afr', ro: 'ron', eu: 'eus', eo: 'epo',
  oc: 'oci', is: 'isl', sv: 'swe', da: 'dan', no: 'nob', nb: 'nob', nn: 'nno', pl: 'pol', hi: 'hin', ur: 'urd',
  id: 'ind', ms: 'zlm', br: 'bre', an: 'arg', ast: 'ast', sc: 'srd', tr: 'tur', sq: 'sqi', el: 'ell'
};

/** Apertium's variant suffix for a target language inside a macrolanguage pair. */
const TARGET_VARIANT: Readonly<Record<string, string>> = { sr: 'SR', hr: 'HR', bs: 'BS', me: 'SR', cnr: 'SR' };

/** English names for messages ("no Apertium pair for Arabic → English"). */
const NAMES: Readonly<Record<string, string>> = {
  hbs: 'Serbo-Croatian', mkd: 'Macedonian', spa: 'Spanish', eng: 'English', fra: 'French', nld: 'Dutch',
  ara: 'Arabic', cat: 'Catalan', por: 'Portuguese', ita: 'Italian', glg: 'Galician', deu: 'German', rus: 'Russian',
  ukr: 'Ukrainian', bul: 'Bulgarian', slv: 'Slovenian', afr: 'Afrikaans', ron: 'Romanian', eus: 'Basque',
  epo: 'Esperanto', tur: 'Turkish', sqi: 'Albanian', ell: 'Greek', pol: 'Polish',
};

/** The ISO 639-3 code Apertium uses for a clew language code (2 or 3 letters, script or region subtags ignored), or null when unknown. */
export function apertiumCode(lang: string): string | null {
  const l = (lang.split(/[-_]/)[0] ?? '').toLowerCase(); // 'sr-Cyrl', 'sr_Latn', 'en-US' → the language
  const three = TO_639_3[l];
  if (three) return three;
  return /^[a-z]{3}$/.test(l) ? l : null;
}

/** Apertium's target variant (e.g. 'SR' in `eng-hbs_SR`) for a clew target language, if it has one. */
export function targetVariant(lang: string): string | null {
  return TARGET_VARIANT[(lang.split(/[-_]/)[0] ?? '').toLowerCase()] ?? null;
}

/** A readable language name for an ISO 639-3 code (the code itself when not listed). */
export function languageName(code3: string): string {
  return NAMES[code3] ?? code3;
}

export interface ModeName {
  /** The mode as Apertium names it (`hbs-eng`, `eng-hbs_SR`, `fr-es`). */
  mode: string;
  from: string;
  to: string;
  variant: string | null;
}

/** Parse a mode name into source, target (ISO 639-3) and variant; null for modes that are not a language pair (`Cyrl-Latn`, `hbs-eng-tagger`). */
export function parseModeName(mode: string): ModeName | null {
  const m = /^([a-z]{2,3})-([a-z]{2,3})(?:_([A-Za-z]+))?$/.exec(mode);
  if (!m) return null;
  const from = apertiumCode(m[1] as string);
  const to = apertiumCode(m[2] as string);
  if (!from || !to) return null;
  return { mode, from, to, variant: m[3] ?? null };
}
