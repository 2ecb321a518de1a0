/**
 * The languages eld cannot tell apart, decided by letters and words each language has and its neighbours
 * lack (bench/text/langid-bench.mjs measures every rule on real sentences; bench/RESULTS.md):
 *
 *  - Serbian vs Croatian in Latin script (eld has no Latin Serbian: every Latin BCMS text was 'hr'):
 *    ekavian vs ijekavian reflexes (gde/gdje, vreme/vrijeme, predsednik/predsjednik; a consonant + "je"/"ije"
 *    inside a word), and vocabulary (šta/tko, hiljada/tisuća, bezbednost/sigurnost, evropski/europski,
 *    -izovati/-izirati, januar/siječanj …). More Serbian than Croatian cues → 'sr', the reverse → 'hr',
 *    none or a tie → the case prior's BCMS language, else 'hr' (eld's answer). Ijekavian cues together with
 *    Serbian/Bosnian vocabulary (šta, hiljada, historija) → 'bs' when the prior holds Bosnian.
 *  - Cyrillic: ѓ ќ ѕ → Macedonian; ђ ћ → Serbian; і ї є ґ → Ukrainian; ы э ё → Russian; ў → Belarusian.
 *    ј љ њ џ (Serbian and Macedonian only) → Serbian or Macedonian by their words (је, у, су, није / е, во,
 *    со, дека, сум), else franc between the two. я ю й щ ь ъ (not Serbian, not Macedonian) → eld among the
 *    others. A Cyrillic text with none of these letters and none of the words → the case prior's Cyrillic
 *    language; without a prior, eld.
 *  - Arabic script: Urdu letters (ٹ ڈ ڑ ں ے ھ) → Urdu; Persian/Urdu letters (پ چ ژ گ ی ک) → Persian; Arabic
 *    letters (ة ى ي ك) and no Persian/Urdu one → Arabic. Decides short messages eld leaves unanswered.
 */
import { normalise } from '../normalise/normalise.js';
import { francScores } from './franc-route.js';

/** A case's language distribution: ISO 639-1 code → weight (any positive scale). */
export type LanguagePrior = Readonly<Record<string, number>>;

/** The prior's heaviest language among `candidates`, or null. Ties → alphabetical order. */
export function priorChoice(prior: LanguagePrior | undefined, candidates: readonly string[]): string | null {
  if (!prior) return null;
  let best: string | null = null;
  let bestW = 0;
  for (const c of candidates) {
    const w = prior[c];
    if (typeof w === 'number' && w > bestW) {
      best = c;
      bestW = w;
    } else if (typeof w === 'number' && w === bestW && w > 0 && best !== null && c < best) best = c;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Serbian vs Croatian (Latin), on folded tokens (normalise: no diacritics, đ → dj), so "šta" and "sta" agree.

const fold = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean).map((w) => normalise(w)));

const SR_WORDS = fold(`
  šta ko gde ovde onde negde nigde svugde pre posle uvek deca dete detetu reč reči vreme vremena vremenu mesto mesta
  mestu svet sveta svetu ceo cela celo cele celu celi deo dela delu lep lepo lepa mleko nedelja nedelje nedelju primer
  primera vest vesti veoma takođe hiljada hiljade hiljadu milion miliona procenat procenata odsto opština opštine
  opštini opšti opšte bezbednost bezbednosti bezbedan saradnja saradnje saradnju saradnji učestvovati učestvuje tokom
  istorija istorije istoriji istorijski nauka nauke nauci porodica porodice porodici vazduh vazdušni uslov uslovi
  uslova tačno tačka spoljni spoljnih spoljne spoljnog izveštaj izveštaja izveštaju kancelarija kancelarije fudbal
  fudbalski evro evra evrima evropa evrope evropi evropu evropski evropska evropske evropskoj evropskog evropskih
  evropsku sedište sedišta hleb voz pozorište muzika sledeći sledeće sledećeg sledećoj poslednji poslednje poslednjih
  verovatno pretnja pretnje rešenje rešenja rešiti rešen primeniti primena promena promene promeni mera mere meru
  merama lek lekova cena cene ceni cenu reka reke reci sreda vera verovati video videli videla videti želeti želi
  hteo htela hteli razumeti predsednik predsednika predsedniku predsednica predsedništvo predsedničke predsedničkih
  dve dvema sneg telo tela belo beli bela svedok svedoci svedočenje ocena oceni oceniti odeljenje zdravo devojka
  devojke sećam sećanje seća nemački nemačka nemačke smer pesma pesme stvarnost januar januara februar februara mart
  marta april aprila maj maja jun juna jul jula avgust avgusta septembar septembra oktobar oktobra novembar novembra
  decembar decembra ličnost saopštenje saopštio saopštila sprovesti sprovodi sprovođenje obezbediti obezbeđuje
  obaveštajni obavestio zapadni sever severni severa celokupni ministarka ministarstvo rekao hoćeš kafa
  kafu kafe kafom bre beše ličnu sprečiti sprečava sledi slede zavisno nedavno razvoj uticaj uticaja
`);
const HR_WORDS = fold(`
  tko gdje ovdje ondje negdje nigdje svugdje prije poslije uvijek djeca dijete djetetu riječ riječi vrijeme vremena
  vremenu mjesto mjesta mjestu svijet svijeta svijetu cijeli cijela cijelo cijele cijelu dio dijela dijelu lijep
  lijepo lijepa mlijeko nedjelja nedjelje nedjelju primjer primjera vijest vijesti također tisuća tisuće tisuću
  milijun milijuna posto općina općine općini opći opće sigurnost sigurnosti suradnja suradnje suradnju suradnji
  sudjelovati sudjeluje tijekom povijest povijesti povijesni znanost znanosti obitelj obitelji zrak zračni uvjet uvjeti
  uvjeta točno točka vanjski vanjskih vanjske vanjskog izvješće izvješća izvješću ured ureda nogomet nogometni euro
  eura eurima europa europe europi europu europski europska europske europskoj europskog europskih europsku
  sjedište sjedišta kruh vlak kazalište glazba sljedeći sljedeće sljedećeg sljedećoj posljednji posljednje
  posljednjih vjerojatno prijetnja prijetnje rješenje rješenja riješiti riješen primijeniti primjena promjena promjene
  promjeni mjera mjere mjeru mjerama lijek lijekova cijena cijene cijeni cijenu rijeka rijeke rijeci srijeda vjera
  vjerovati vidio vidjeli vidjela vidjeti željeti želi htio htjela htjeli razumjeti predsjednik predsjednika
  predsjedniku predsjednica predsjedništvo predsjedničke predsjedničkih dvije dvjema snijeg tijelo tijela bijelo
  bijeli bijela svjedok svjedoci svjedočenje ocjena ocijeni ocijeniti odjel zdravo djevojka djevojke sjećam sjećanje
  sjeća njemački njemačka njemačke smjer pjesma pjesme stvarnost siječanj siječnja veljača veljače ožujak ožujka
  travanj travnja svibanj svibnja lipanj lipnja srpanj srpnja kolovoz kolovoza rujan rujna listopad listopada
  studeni studenoga prosinac prosinca osoba priopćenje priopćio priopćila provesti provodi provedba osigurati
  osigurava trenutačno obavještajni obavijestio zapadni sjever sjeverni sjevera ministarstvo ministrica rekao kava
  kavu kave kavom naime tjedan tjedna tjedno stoljeće stoljeća sveučilište sveučilišta zrakoplov zrakoplova
  dopustiti spriječiti sprječava slijedi slijede ovisno nedavno razvitak utjecaj utjecaja
`);
// words that appear in both lists above (rekao, zdravo, nedavno …) cancel out; keep the lists' intersection out
for (const w of [...SR_WORDS]) if (HR_WORDS.has(w)) {
  SR_WORDS.delete(w);
  HR_WORDS.delete(w);
}
/** Serbian/Bosnian vocabulary that Croatian lacks (for the Bosnian decision). */
const SR_BS_WORDS = fold('šta hiljada hiljade hiljadu historija historije lahko hljeb sahat kahva opština opštine');
/** Ijekavian reflex inside a word: a consonant + je/ije (mjesto, vrijeme, djeca, cijena), not lj/nj, not at a word's end. */
const IJEKAVIAN = /[bcčćdfghkmpsštvzž]i?je[a-zčćšžđ]|(?:^|[^aeiou])rije[a-zčćšžđ]/;
const IJEKAVIAN_EXCEPT = /^(?:ob|sub|pod|nad|iz|raz|ot|od)je|objek|subjek|projek/;
/**
 * Word starts (folded) that only one standard has: ekavian/ijekavian pairs and vocabulary
 * (vrem-/vrijem-, predsedn-/predsjedn-, bezbedn-/sigurn-, -izovati/-izirati, kompanij-/tvrtk- …).
 */
const SR_STEM = new RegExp(
  '^(?:vreme$|mest[aeiou]|svet[aeiolsu]|resen|resav|resi[lt]|neuspe|uspe[hsl]|primet|primen|promen|ocen|procen|cen[aeiu]$|cenom|predsedn|sedn|sedist|severn|delov|deo$|vest[i]?$|verov|vera$|vere$|belo|bela|beli|lep[aeiou]?$|lec|lek[aeiou]?$|mer[aeiu]$|merama|pesm|tel[oau]$|tela$|cel[aeiou]|ceo$|dec[aeiou]$|dete|devoj|nedelj|posle|pre$|uvek|gde|ovde|onde|negde|sled|posled|zvezd|rec$|reci$|rek[aeiu]$|bez[ai]|hte[lo]|vide[lto]|zele[lt]|razume|preduzec|izvestaj|obaves|obezbe|sprove|sprova|bezbedn|saradnj|ucestvov|takodje$|istorij|evrop|evr[aoiu]$|finansij|ekspert|zvanicni|tacn|tack|porodic|hiljad|milion|procen|odsto|organizov|[a-z]+izov|[a-z]+izuj|nezavisn|privred|kompanij|univerzitet|vazduh|opstin|opst[aeiu]|spoljn|kancelarij|fudbal|muzik|pozorist|hleb|voz[aeu]?$|januar|februar|mart[aeu]?$|april|jun[aeu]?$|jul[aeu]?$|avgust|septemb|oktob|novemb|decemb|sta$|ko$|bre$|sedam|naucn|nauk|vesti|pretnj|tokom|uticaj|zavis|ubeđ|ubedj|primer|smer|svedo|sneg|dve$|dvema|podrsk|bioskop|hemij|hemik|krompir|paradajz|kafa$|kafu$|kafe$|kafom$|pasulj|supa|supu)',
);
const HR_STEM = new RegExp(
  '^(?:vrijem|mjest|svijet|svjet|rjesen|rjesav|rijesi|neuspjeh|uspjeh|uspje[sl]|primijet|primjet|primjen|promjen|ocjen|procjen|cijen|cjen|predsjedn|sjedn|sjedist|sjever|dijel|dio$|vijest|vjerov|vjer[aeiu]$|bijel|lijep|lijec|lijek|mjer|pjesm|tijel|cijel|cjel|djec|dijet|djevoj|nedjelj|poslije|prije$|uvijek|gdje|ovdje|ondje|negdje|sljed|slijed|posljed|zvijezd|zvjezd|rijec|rijek|htje|htio|vidje|vidio|zelje|razumje|poduzec|izvjesc|obavje|obavijes|osigur|provedb|sigurnost|suradnj|sudjelov|takodjer|povijes|europ|eur[aoiu]?$|financij|strucnjak|duznosni|tocn|tock|obitelj|tisuc|milijun|posto$|organizir|(?!analiz|realiz)[a-z]+izir|neovisn|gospodar|tvrtk|sveucilist|zrak|opcin|opc[aeiu]|vanjsk|ured[aeiu]?$|nogomet|glazb|kazalist|kruh|vlak|sijec|veljac|ozuj|travan|travnj|svib|lipan|lipnj|srpan|srpnj|kolovoz|rujan|rujn|listopad|studen|prosin|tko$|tjed|stoljec|skupin|kako$|naime|ustroj|sustav|izvanredn|izvanjsk|zastupni|vojarn|kava$|kavu$|kave$|kavom|grah|juha|juhu|kava$)',
);
const LATIN_WORD = /[a-zčćšžđ]+/g;

/** "mogu da dođem" (Serbian: modal + da + present) vs "mogu doći" (Croatian: modal + infinitive). */
const SR_DA = /\b(?:mog[ua]|moze|mozes|mogli|mogla|moraju|mora|moram|moramo|treba|trebalo|trebao|trebala|zeli|zele|zelim|hoce|hocu|pokusava|pokusavaju|nastavlja|nastavljaju|pocinje|poceo|pocela|poceli|uspeo|uspela|uspeli|planira|planiraju|namerava|nameravaju|odlucio|odlucila|odlucili|da li)\s+da\b|\bda li\b/g;
const HR_INF = /\b(?:mog[ua]|moze|mozes|mogli|mogla|moraju|mora|moram|moramo|treba|zeli|zele|zelim|hoce|hocu|pokusava|pokusavaju|nastavlja|nastavljaju|pocinje|uspio|uspjela|uspjeli|planira|planiraju|namjerava|namjeravaju|odlucio|odlucila|odlucili)\s+[a-z]+(?:ti|ci)\b|\b[a-z]+t ce(?:mo|te|s)?\b|\b[a-z]+t cu\b/g;

const LATIN_FOLD: Readonly<Record<string, string>> = { č: 'c', ć: 'c', š: 's', ž: 'z', đ: 'dj' };
/** Lower-case BCMS Latin → the normaliser's ASCII form (the only letters that differ), without its cost. */
function foldLatin(lower: string): string {
  return /[čćšžđ]/.test(lower) ? lower.replace(/[čćšžđ]/g, (c) => LATIN_FOLD[c]!) : lower;
}

/** Cue bits of one lower-case word: 1 Serbian, 2 Croatian, 4 Serbian/Bosnian-only. Cached (chat vocabulary is small). */
function wordCue(raw: string): number {
  const w = foldLatin(raw);
  let v = 0;
  if (SR_WORDS.has(w) || SR_STEM.test(w)) v = 1;
  else if (HR_WORDS.has(w) || HR_STEM.test(w)) v = 2;
  else if (w.length >= 5 && IJEKAVIAN.test(raw) && !IJEKAVIAN_EXCEPT.test(w)) v = 2;
  if (SR_BS_WORDS.has(w)) v |= 4;
  return v;
}
const WORD_CACHE = new Map<string, number>();
const WORD_CACHE_MAX = 100_000;

export interface BcmsCues {
  sr: number;
  hr: number;
  /** Serbian/Bosnian-only words (šta, hiljada …) seen, for the Bosnian decision. */
  srbs: number;
}

/** Serbian and Croatian cues in a Latin BCMS text. */
export function bcmsCues(text: string): BcmsCues {
  const cut = text.length > 2000 ? text.slice(0, 2000) : text;
  const folded = foldLatin(cut.toLowerCase());
  let sr = 0;
  let hr = 0;
  let srbs = 0;
  // the ijekavian test reads the word as written (đ is not d + j); the lists read it folded
  for (const m of cut.toLowerCase().matchAll(LATIN_WORD)) {
    const raw = m[0];
    let v = WORD_CACHE.get(raw);
    if (v === undefined) {
      v = wordCue(raw);
      if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
      WORD_CACHE.set(raw, v);
    }
    if (v & 1) sr++;
    if (v & 2) hr++;
    if (v & 4) srbs++;
  }
  if (folded.includes('da ')) sr += (folded.match(SR_DA) ?? []).length;
  if (folded.includes('ti ') || folded.includes('ci ') || folded.includes('t c')) hr += (folded.match(HR_INF) ?? []).length;
  return { sr, hr, srbs };
}

/** 'sr', 'hr' or 'bs' for a Latin text already known to be BCMS. */
export function bcmsLatinVariant(text: string, prior: LanguagePrior | undefined, fallback: string): string {
  const c = bcmsCues(text);
  if (c.hr > 0 && c.srbs > 0 && (prior?.bs ?? 0) > 0) return 'bs';
  if (c.sr > c.hr) return 'sr';
  if (c.hr > c.sr) return (prior?.bs ?? 0) > (prior?.hr ?? 0) ? 'bs' : 'hr';
  return priorChoice(prior, ['sr', 'hr', 'bs']) ?? fallback;
}

// ---------------------------------------------------------------------------------------------------------
// Cyrillic

const MK_LETTER = /[ѓќѕЃЌЅ]/;
const SR_LETTER = /[ђћЂЋ]/;
const SR_MK_LETTER = /[јљњџЈЉЊЏ]/;
const UK_LETTER = /[іїєґІЇЄҐ]/;
const RU_LETTER = /[ыэёЫЭЁ]/;
const BE_LETTER = /[ўЎ]/;
/** Letters Serbian and Macedonian do not have. */
const EAST_LETTER = /[яюйщьъЯЮЙЩЬЪ]/;
const CYR_WORD = /[\u0400-\u04ff]+/g;
const SR_CYR_WORDS = new Set(['је', 'у', 'су', 'није', 'из', 'са', 'шта', 'који', 'која', 'које', 'ово', 'ће', 'ћу', 'већ', 'где', 'када', 'јер', 'сада', 'данас', 'сутра', 'јуче', 'мало', 'овде', 'зашто', 'брате', 'кафа', 'кафу', 'ни', 'потом', 'али', 'смо', 'бити', 'нисам', 'хоћу', 'ћеш']);
/** Macedonian words Serbian lacks (е "is", го, ги are Bulgarian too: used only against Serbian). */
const MK_VS_SR_WORDS = new Set(['е', 'во', 'со', 'дека', 'сум', 'беше', 'го', 'ги', 'тоа', 'ова', 'нив', 'еден', 'една', 'кој', 'многу', 'овој', 'оваа', 'кога', 'сите', 'тие', 'тој', 'таа', 'бидат', 'беа', 'сакаш', 'сака', 'порано', 'потоа', 'ниту', 'денес', 'утре', 'вчера', 'малку', 'сега', 'тука', 'каде', 'зошто', 'секој', 'оти', 'ама', 'нејзе', 'неговиот', 'нивниот']);
/** Macedonian words Serbian and Bulgarian lack. */
const MK_ONLY_WORDS = new Set(['во', 'со', 'дека', 'сум', 'тоа', 'ова', 'нив', 'еден', 'многу', 'оваа', 'сите', 'тие', 'таа', 'потоа', 'ниту', 'денес', 'утре', 'малку', 'сега', 'тука', 'каде', 'зошто', 'неговиот', 'нивниот']);
/** Bulgarian/Russian/Ukrainian words without their letters (Serbian and Macedonian lack them). */
const EAST_WORDS = new Set(['от', 'това', 'през', 'че', 'като', 'след', 'в', 'к', 'что', 'как', 'тези', 'тази', 'вече', 'докато', 'тук', 'бе', 'те', 'но', 'он', 'при', 'по', 'със', 'във', 'г']);

export type EngineAnswer = () => string | null;

/**
 * Language of a Cyrillic text: by letters, then Serbian/Macedonian words, then the prior, then `engine`
 * (eld's answer, computed only when needed). Returns null when nothing decides (short text, no prior).
 */
export function cyrillicLanguage(text: string, prior: LanguagePrior | undefined, engine: EngineAnswer): { lang: string; decisive: boolean } | null {
  if (MK_LETTER.test(text)) return { lang: 'mk', decisive: true };
  if (SR_LETTER.test(text)) return { lang: 'sr', decisive: true };
  if (UK_LETTER.test(text)) return { lang: 'uk', decisive: true };
  if (BE_LETTER.test(text)) return { lang: 'be', decisive: true };
  if (RU_LETTER.test(text)) return { lang: 'ru', decisive: true };
  const srmk = SR_MK_LETTER.test(text);
  const east = EAST_LETTER.test(text);
  if (srmk && !east) {
    const [sr, mk] = cyrWords(text, MK_VS_SR_WORDS);
    if (sr !== mk) return { lang: sr > mk ? 'sr' : 'mk', decisive: true };
    const p = priorChoice(prior, ['sr', 'mk']);
    if (p) return { lang: p, decisive: false };
    // franc only when there is text enough to read (it costs ~50 µs; chat messages are mostly short)
    if (text.length < 40) return null;
    const f = francScores(text, ['sr', 'mk'])[0];
    return f ? { lang: f[0], decisive: false } : null;
  }
  if (east) {
    // Bulgarian, Russian, Ukrainian, Belarusian: eld tells them apart well; its answer if it is one of them
    const e = engine();
    if (e === 'bg' || e === 'ru' || e === 'uk' || e === 'be') return { lang: e, decisive: true };
    const p = priorChoice(prior, ['bg', 'ru', 'uk', 'be']);
    return p ? { lang: p, decisive: false } : e ? { lang: e, decisive: false } : null;
  }
  // only letters every Cyrillic alphabet has: words, then the prior, then eld
  const [sr, mk, eastWords] = cyrWords(text, MK_ONLY_WORDS);
  if (eastWords > sr && eastWords > mk) {
    const e = engine();
    if (e === 'bg' || e === 'ru' || e === 'uk' || e === 'be') return { lang: e, decisive: true };
    const p = priorChoice(prior, ['bg', 'ru', 'uk', 'be']);
    if (p) return { lang: p, decisive: false };
  }
  if (sr > mk && sr >= eastWords) return { lang: 'sr', decisive: true };
  if (mk > sr && mk >= eastWords) return { lang: 'mk', decisive: true };
  const p = priorChoice(prior, ['sr', 'mk', 'bg', 'ru', 'uk', 'be']);
  if (p) return { lang: p, decisive: false };
  const e = engine();
  return e ? { lang: e, decisive: false } : null;
}

function cyrWords(text: string, mkWords: ReadonlySet<string>): [number, number, number] {
  let sr = 0;
  let mk = 0;
  let east = 0;
  for (const m of text.toLowerCase().matchAll(CYR_WORD)) {
    if (SR_CYR_WORDS.has(m[0])) sr++;
    else if (mkWords.has(m[0])) mk++;
    else if (EAST_WORDS.has(m[0])) east++;
  }
  return [sr, mk, east];
}

// ---------------------------------------------------------------------------------------------------------
// Arabic script

const UR_LETTER = /[ٹڈڑںےھۓ]/;
const FA_UR_LETTER = /[پچژگیک]/;
const AR_LETTER = /[ةىيكأإؤئ]/;

/** 'ur', 'fa' or 'ar' by letters, or null when the letters do not decide. */
export function arabicScriptLanguage(text: string): string | null {
  if (UR_LETTER.test(text)) return 'ur';
  if (FA_UR_LETTER.test(text)) return 'fa';
  if (AR_LETTER.test(text)) return 'ar';
  return null;
}
