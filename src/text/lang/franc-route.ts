/**
 * franc (trigram language identification, MIT, npmjs.com/package/franc) for the language groups eld
 * cannot tell apart: franc has Serbian in both scripts, Croatian, Bosnian, Macedonian, Bulgarian, Russian,
 * Ukrainian, Belarusian, Arabic, Persian and Urdu. Only ever called with a short list of candidates of one
 * script (`only`), which keeps it fast (its cost grows with the number of candidates).
 */
import { francAll } from 'franc';

/** franc's ISO 639-3 codes → the ISO 639-1 codes clew uses. */
export const ISO3_TO_1: Readonly<Record<string, string>> = {
  srp: 'sr', hrv: 'hr', bos: 'bs', cnr: 'me', mkd: 'mk', bul: 'bg', rus: 'ru', ukr: 'uk', bel: 'be', slv: 'sl',
  arb: 'ar', pes: 'fa', prs: 'fa', urd: 'ur', nld: 'nl', fra: 'fr', spa: 'es', eng: 'en', deu: 'de', ita: 'it',
  por: 'pt', tur: 'tr', als: 'sq', ron: 'ro', pol: 'pl', ces: 'cs', slk: 'sk', hun: 'hu', ell: 'el', heb: 'he',
  swe: 'sv', dan: 'da', nob: 'no', fin: 'fi', est: 'et', lvs: 'lv', lit: 'lt', cat: 'ca', eus: 'eu', glg: 'gl',
  amh: 'am', azj: 'az', ben: 'bn', guj: 'gu', hin: 'hi', hye: 'hy', isl: 'is', jpn: 'ja', kat: 'ka', kan: 'kn',
  kor: 'ko', lao: 'lo', mal: 'ml', mar: 'mr', zlm: 'ms', ory: 'or', pan: 'pa', tam: 'ta', tel: 'te', tha: 'th',
  tgl: 'tl', vie: 'vi', yor: 'yo', cmn: 'zh', kmr: 'ku', ckb: 'ku',
};
const ISO1_TO_3: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ISO3_TO_1).filter(([k]) => k !== 'prs' && k !== 'ckb').map(([a, b]) => [b, a]),
);

/** Scores of `candidates` (ISO 639-1) for `text`, best first: franc's relative scores (best = 1). */
export function francScores(text: string, candidates: readonly string[]): [string, number][] {
  const only = candidates.map((c) => ISO1_TO_3[c]).filter((c): c is string => c !== undefined);
  if (only.length === 0) return [];
  const r = francAll(text, { only, minLength: 1 });
  const out: [string, number][] = [];
  for (const [code, score] of r) {
    const l = ISO3_TO_1[code];
    if (l !== undefined && code !== 'und') out.push([l, score]);
  }
  return out;
}
