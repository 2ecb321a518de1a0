/**
 * Fills templates: each slot becomes text in the message's language and, for entity slots,
 * a planted entity with its exact span and canonical value.
 */
import { segwitV0Address } from './bech32.js';
import { tronAddress } from './base58check.js';
import { makeContainerNumber } from './container.js';
import { IBAN_COUNTRIES, formatIbanPaper, randomIban } from './iban.js';
import type { IbanCountry } from './iban.js';
import { makeImo } from './imo.js';
import type { Rng } from './prng.js';
import type { Shipment } from './shipments.js';
import { TEMPLATES, parseTemplate } from './templates.js';
import type { ParsedTemplate, Topic } from './templates.js';
import { latinToCyrillic } from './translit.js';
import type { PlantedEntity } from './types.js';
import {
  CARS, CODE_WORDS, CONTAINER_OWNERS, DRUG_WORDS, EXPLOSIVES, LANGS, PLACES, VESSEL_NAMES, VESSEL_PREFIXES, WATCHES, WEAPONS, placeName,
} from './vocab.js';
import type { CodeWord, Lang, Place, SerbianCase } from './vocab.js';

export interface RenderContext {
  lang: Lang;
  shipment: Shipment | null;
  /** Nickname of a third person to mention. */
  nick: string;
  /** Handle text for rotation announcements. */
  pin: string;
  /** Where the sender lives (for coordinates and local places). */
  home: Place;
  ibanCountry: IbanCountry | null;
  /** The organisation's reused accounts: wallets and IBANs (by country) to draw from. */
  wallets: readonly string[];
  ibans: ReadonlyMap<IbanCountry, readonly string[]>;
}

export interface Rendered {
  body: string;
  entities: PlantedEntity[] | null;
  coord: [number, number] | null;
}

/** A parsed template: literals and slot names alternate in `parts`; `cases[i]` is the Serbian case of slot i. */
interface Tpl {
  parts: readonly string[];
  cases: readonly (SerbianCase | undefined)[];
}

function toTpl(p: ParsedTemplate): Tpl {
  const parts: string[] = [];
  const cases: (SerbianCase | undefined)[] = [];
  p.forEach((x, i) => {
    if (i % 2 === 0) {
      parts.push(x);
      cases.push(undefined);
    } else {
      const [slot, gcase] = x.split(':');
      parts.push(slot as string);
      cases.push(gcase as SerbianCase | undefined);
    }
  });
  return { parts, cases };
}

const PARSED: Record<Lang, Record<Topic, Tpl[]>> = (() => {
  const out = {} as Record<Lang, Record<Topic, Tpl[]>>;
  for (const lang of LANGS) {
    const t = {} as Record<Topic, Tpl[]>;
    for (const [topic, list] of Object.entries(TEMPLATES[lang]) as [Topic, readonly string[]][]) t[topic] = list.map((x) => toTpl(parseTemplate(x)));
    out[lang] = t;
  }
  return out;
})();

const cyr = (lang: Lang, s: string): string => (lang === 'sr-Cyrl' ? latinToCyrillic(s) : s);

const ORIGINS = PLACES.filter((p) => p.role === 'origin');
const TRANSITS = PLACES.filter((p) => p.role === 'transit');
const PORTS = PLACES.filter((p) => p.role === 'port');
const HOMES = PLACES.filter((p) => p.role === 'home');

function codeFor(lang: Lang, meaning: CodeWord['meaning']): CodeWord | null {
  const list = CODE_BY_LANG.get(lang + '|' + meaning);
  return list && list.length > 0 ? (list[0] as CodeWord) : null;
}
const CODE_BY_LANG = new Map<string, CodeWord[]>();
for (const c of CODE_WORDS) {
  const k = c.lang + '|' + c.meaning;
  const l = CODE_BY_LANG.get(k) ?? [];
  l.push(c);
  CODE_BY_LANG.set(k, l);
}
function pickCode(rng: Rng, lang: Lang, meaning: CodeWord['meaning']): CodeWord | null {
  const l = CODE_BY_LANG.get(lang + '|' + meaning);
  return l && l.length > 0 ? rng.pick(l) : codeFor(lang, meaning);
}

function groupDigits(n: number, sep: string): string {
  const s = String(Math.round(n));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s[i];
  }
  return out;
}

/** Money text and canonical value for an amount in EUR (sometimes USD/AED by language). */
export function moneyText(rng: Rng, lang: Lang, eur: number): [string, string] {
  const k = Math.round(eur / 1000);
  const big = eur >= 1_000_000;
  const mil = (eur / 1_000_000).toFixed(1).replace(/\.0$/, '');
  const v = (cur: string, amount: number): string => `${cur} ${Math.round(amount)}`;
  const r = rng.int(4);
  switch (lang) {
    case 'sr':
    case 'sr-Cyrl': {
      if (big && r === 0) return [cyr(lang, `${mil.replace('.', ',')} miliona evra`), v('EUR', eur)];
      if (r === 0 || r === 1) return eur < 1000 ? [cyr(lang, `${eur} evra`), v('EUR', eur)] : [cyr(lang, `${groupDigits(eur, '.')} evra`), v('EUR', eur)];
      if (r === 2 && eur >= 1000) return [cyr(lang, `${k} hiljada`), v('EUR', k * 1000)];
      return eur >= 1000 ? [`${k}k`, v('EUR', k * 1000)] : [`€${eur}`, v('EUR', eur)];
    }
    case 'nl':
      if (r === 0 && eur >= 1000) return [`${k}k`, v('EUR', k * 1000)];
      if (r === 1 && eur >= 1000) return [`${k} duizend euro`, v('EUR', k * 1000)];
      return [`€${groupDigits(eur, '.')}`, v('EUR', eur)];
    case 'fr':
      if (r === 0 && eur >= 1000) return [`${k}k€`, v('EUR', k * 1000)];
      if (r === 1 && eur >= 1000) return [`${k} mille euros`, v('EUR', k * 1000)];
      return [`${groupDigits(eur, ' ')} €`, v('EUR', eur)];
    case 'es': {
      const usd = Math.round(eur * 1.15);
      if (r === 0 && usd >= 1000) return [`${Math.round(usd / 1000)} mil dólares`, v('USD', Math.round(usd / 1000) * 1000)];
      if (r === 1) return [`USD ${groupDigits(usd, ',')}`, v('USD', usd)];
      return [`${groupDigits(eur, '.')} euros`, v('EUR', eur)];
    }
    case 'pt': {
      if (r === 0) {
        const brl = Math.round(eur * 6);
        return [`R$ ${groupDigits(brl, '.')}`, v('BRL', brl)];
      }
      const usd = Math.round(eur * 1.15);
      if (r === 1 && usd >= 1000) return [`${Math.round(usd / 1000)} mil dólares`, v('USD', Math.round(usd / 1000) * 1000)];
      return [`US$ ${groupDigits(usd, '.')}`, v('USD', usd)];
    }
    case 'ar': {
      if (r === 0 && eur >= 1000) return [`${k} ألف يورو`, v('EUR', k * 1000)];
      const aed = Math.round(eur * 4.4);
      return [`AED ${groupDigits(aed, ',')}`, v('AED', aed)];
    }
    case 'en':
      if (big && r === 0) return [`€${mil}M`, v('EUR', eur)];
      if (r === 1 && eur >= 1000) return [`${k}k`, v('EUR', k * 1000)];
      if (r === 2 && eur >= 1000) return [`${k} grand`, v('EUR', k * 1000)];
      return [`€${groupDigits(eur, ',')}`, v('EUR', eur)];
  }
}

const KG_UNITS: Record<Lang, readonly string[]> = {
  sr: ['kila', 'kg', 'kilograma'], 'sr-Cyrl': ['кила', 'кг', 'килограма'], nl: ['kilo', 'kg'], fr: ['kilos', 'kg'],
  es: ['kilos', 'kg'], pt: ['quilos', 'kg'], ar: ['كيلو'], en: ['kg', 'kilos', 'keys'],
};
const PIECE_UNITS: Record<Lang, readonly string[]> = {
  sr: ['komada', 'paketa'], 'sr-Cyrl': ['комада', 'пакета'], nl: ['blokken', 'pakketten'], fr: ['pains', 'paquets'],
  es: ['paquetes', 'panelas'], pt: ['pacotes'], ar: ['قطعة'], en: ['bricks', 'blocks'],
};
const DAYS: Record<Lang, readonly string[]> = {
  sr: ['sutra', 'u petak', 'prekosutra', 'u ponedeljak', 'za 10 dana', 'krajem meseca'],
  'sr-Cyrl': ['сутра', 'у петак', 'прекосутра', 'у понедељак', 'за 10 дана'],
  nl: ['morgen', 'vrijdag', 'volgende week', 'maandag'], fr: ['demain', 'vendredi', 'la semaine prochaine', 'lundi'],
  es: ['mañana', 'el viernes', 'la otra semana', 'el lunes'], pt: ['amanhã', 'sexta', 'semana que vem'],
  ar: ['بكرة', 'يوم الجمعة', 'الأسبوع الجاي'], en: ['tomorrow', 'on Friday', 'next week', 'Monday'],
};

const TAILS: Record<Lang, readonly string[]> = {
  sr: [' brate', ' 😂', ' haha', '!!', ' 👍', ' ajde', '?', ' 🙏', ' e', ' važi'],
  'sr-Cyrl': [' брате', ' 😂', ' хаха', '!!', ' 👍', ' ајде', '?', ' е'],
  nl: [' 😂', ' haha', '!!', ' 👍', ' toch?', ' joh', ' xx', ' man'],
  fr: [' 😂', ' mdr', '!!', ' 👍', ' frérot', ' wesh', ' bisous'],
  es: [' 😂', ' jaja', '!!', ' 👍', ' parce', ' mi amor', ' hermano'],
  pt: [' 😂', ' kkkk', '!!', ' 👍', ' mano', ' beijos'],
  ar: [' 😂', ' هههه', '!!', ' 👍', ' يا أخي', ' إن شاء الله'],
  en: [' 😂', ' lol', '!!', ' 👍', ' mate', ' bro', ' x'],
};

function dms(v: number, pos: string, neg: string): string {
  const a = Math.abs(v);
  const d = Math.floor(a);
  const mFloat = (a - d) * 60;
  const m = Math.floor(mFloat);
  const s = ((mFloat - m) * 60).toFixed(1);
  return `${d}°${m}'${s}"${v >= 0 ? pos : neg}`;
}

function coordText(rng: Rng, lat: number, lon: number): string {
  const la = lat.toFixed(5);
  const lo = lon.toFixed(5);
  switch (rng.int(5)) {
    case 0:
      return `${la}, ${lo}`;
    case 1:
      return `${dms(lat, 'N', 'S')} ${dms(lon, 'E', 'W')}`;
    case 2:
      return `https://maps.google.com/?q=${la},${lo}`;
    case 3:
      return `https://www.google.com/maps/@${la},${lo},17z`;
    default:
      return `${la},${lo}`;
  }
}

function bytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(256);
  return b;
}

/** A fresh crypto address: bech32 segwit, Tron (base58check) or Ethereum-style hex. */
export function cryptoAddress(rng: Rng): string {
  const r = rng.int(3);
  if (r === 0) return segwitV0Address(Array.from(bytes(rng, 20)));
  if (r === 1) return tronAddress(bytes(rng, 20));
  return '0x' + Buffer.from(bytes(rng, 20)).toString('hex');
}

/** Render one template of `topic` in `ctx.lang`. */
export function render(rng: Rng, topic: Topic, ctx: RenderContext): Rendered {
  const lang = ctx.lang;
  const list = PARSED[lang][topic];
  const tpl = rng.pick(list);
  const parts = tpl.parts;
  let body = '';
  let entities: PlantedEntity[] | null = null;
  let coord: [number, number] | null = null;
  const sh = ctx.shipment;
  // Templates without slots (most chat) need no planting closure.
  if (parts.length === 1) {
    body = parts[0] as string;
    if ((topic === 'chat' || topic === 'reply' || topic === 'hardneg') && rng.chance(0.3)) body += rng.pick(TAILS[lang]);
    return { body, entities, coord };
  }
  const plant = (type: PlantedEntity['type'], raw: string, value: string, offset = 0): void => {
    const start = body.length + offset;
    (entities ??= []).push({ type, raw, start, end: start + raw.length, value });
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i % 2 === 0) {
      body += part;
      continue;
    }
    let text: string;
    switch (part) {
      case 'code': {
        const c = pickCode(rng, lang, 'cocaine');
        text = c ? rng.pick(c.forms) : rng.pick(DRUG_WORDS[lang]);
        if (c) plant('codeword', text, c.meaning);
        else plant('drug', text, 'cocaine');
        break;
      }
      case 'drug':
        text = rng.pick(DRUG_WORDS[lang]);
        plant('drug', text, 'cocaine');
        break;
      case 'qty': {
        const kg = sh ? sh.qtyKg : 50 * (1 + rng.int(20));
        const unit = rng.pick(KG_UNITS[lang]);
        text = `${kg} ${unit}`;
        plant('drug_quantity', text, `${kg} kg`);
        break;
      }
      case 'bricks': {
        const kg = sh ? (rng.chance(0.5) ? sh.qtyKg : Math.max(10, Math.round(sh.qtyKg / (2 + rng.int(4)) / 10) * 10)) : 10 * (1 + rng.int(30));
        const c = rng.chance(0.6) ? pickCode(rng, lang, rng.chance(0.5) ? 'kilo bricks' : 'kilos') : null;
        const unit = c ? (c.forms[0] as string) : rng.pick(PIECE_UNITS[lang]);
        text = `${kg} ${unit}`;
        plant('drug_quantity', text, `${kg} kg`);
        if (c) plant('codeword', unit, c.meaning, String(kg).length + 1);
        break;
      }
      case 'price': {
        // Per-kilo price: European wholesale, or the supplier's price at origin.
        const eur = sh && rng.chance(0.6) ? sh.priceEurPerKg : 500 * (6 + rng.int(8));
        const [t, v] = moneyText(rng, lang, eur);
        text = t;
        plant('money', text, v);
        break;
      }
      case 'money': {
        // A tranche of the shipment's value, a fee, or an ordinary large amount.
        const eur = sh && rng.chance(0.3) ? (sh.qtyKg * sh.priceEurPerKg * (1 + rng.int(3))) / 10 : 1000 * (10 + rng.int(290));
        const [t, v] = moneyText(rng, lang, Math.round(eur / 1000) * 1000);
        text = t;
        plant('money', text, v);
        break;
      }
      case 'paper': {
        const c = pickCode(rng, lang, 'money (thousand EUR)');
        const n = 50 + 10 * rng.int(60);
        const w = c ? (c.forms[0] as string) : 'k';
        text = `${n} ${w}`;
        plant('money', text, `EUR ${n * 1000}`);
        if (c) plant('codeword', w, c.meaning, String(n).length + 1);
        break;
      }
      case 'container': {
        text = sh ? rng.pick(sh.containers) : makeContainerNumber(rng.pick(CONTAINER_OWNERS), rng.int(1_000_000));
        plant('container', text, text);
        break;
      }
      case 'vessel':
        text = sh ? sh.vessel : `${rng.pick(VESSEL_PREFIXES)} ${rng.pick(VESSEL_NAMES)}`;
        plant('vessel', text, text);
        break;
      case 'imo': {
        const n = sh ? sh.imo : makeImo(900_000 + rng.int(99_000));
        text = rng.chance(0.7) ? `IMO ${n}` : `(IMO: ${n})`;
        plant('imo', text, n);
        break;
      }
      case 'origin':
      case 'transit':
      case 'dest':
      case 'home':
      case 'city': {
        let p: Place;
        if (part === 'origin') p = sh ? sh.origin : rng.pick(ORIGINS);
        else if (part === 'transit') p = sh ? (sh.transit ?? sh.dest) : rng.pick(TRANSITS);
        else if (part === 'dest') p = sh ? sh.dest : rng.pick(PORTS);
        else if (part === 'home') p = ctx.home.role === 'home' && rng.chance(0.6) ? ctx.home : rng.pick(HOMES);
        else p = rng.pick(PLACES);
        text = placeName(p, lang, tpl.cases[i]);
        plant('place', text, p.name);
        break;
      }
      case 'coord': {
        const base = sh && rng.chance(0.6) ? sh.dest : ctx.home;
        const lat = Math.round((base.lat + (rng.float() - 0.5) * 0.06) * 1e5) / 1e5;
        const lon = Math.round((base.lon + (rng.float() - 0.5) * 0.08) * 1e5) / 1e5;
        text = coordText(rng, lat, lon);
        plant('coordinate', text, `${lat.toFixed(5)},${lon.toFixed(5)}`);
        coord = [lat, lon];
        break;
      }
      case 'iban': {
        const country = ctx.ibanCountry ?? rng.pick(IBAN_COUNTRIES);
        const pool = ctx.ibans.get(country);
        const iban = pool && pool.length > 0 ? rng.pick(pool) : randomIban(rng, country);
        text = rng.chance(0.5) ? iban : formatIbanPaper(iban);
        plant('iban', text, iban);
        break;
      }
      case 'crypto':
        text = ctx.wallets.length > 0 ? rng.pick(ctx.wallets) : cryptoAddress(rng);
        plant('crypto', text, text);
        break;
      case 'watch':
        text = rng.pick(WATCHES);
        plant('watch', text, text);
        break;
      case 'car':
        text = rng.pick(CARS);
        plant('vehicle', text, text);
        break;
      case 'weapon':
        text = rng.pick(WEAPONS[lang === 'sr-Cyrl' ? 'sr' : lang] ?? WEAPONS.en);
        plant('weapon', text, text);
        break;
      case 'explosive':
        text = rng.pick(EXPLOSIVES[lang === 'sr-Cyrl' ? 'sr' : lang] ?? EXPLOSIVES.en);
        plant('explosive', text, text);
        break;
      case 'day':
        text = rng.pick(DAYS[lang]);
        break;
      case 'nick':
        text = lang === 'sr-Cyrl' ? latinToCyrillic(ctx.nick) : ctx.nick;
        break;
      case 'pin':
        text = ctx.pin;
        if (text.startsWith('+')) plant('phone', text, text);
        break;
      case 'bmoney': {
        const eur = rng.chance(0.7) ? 10 * (2 + rng.int(100)) : 50 * (20 + rng.int(200));
        const [t, v] = moneyText(rng, lang, eur);
        text = t;
        plant('money', text, v);
        break;
      }
      default:
        text = '';
    }
    body += text;
  }
  // Casual endings (only appended, so planted spans stay valid): more distinct bodies, like real chat.
  if ((topic === 'chat' || topic === 'reply' || topic === 'hardneg') && rng.chance(0.3)) body += rng.pick(TAILS[lang]);
  return { body, entities, coord };
}
