/**
 * The cast: the organisation (roles, cells, hierarchy) and the background population
 * (small clusters of friends, family and colleagues), with their handles over time
 * (rotation), devices, contact relations and the names others save for them.
 */
import { makeImei } from './luhn.js';
import { ARABIC_FIRST, ARABIC_LAST, FAMILY_NICKS, ORG_NICKS, isFemaleName, namePool } from './names.js';
import type { Culture } from './names.js';
import { makePhone } from './phone.js';
import type { PhoneCountry } from './phone.js';
import { hash3, hashUnit } from './prng.js';
import type { Rng } from './prng.js';
import { asciiBare, asciiDj, latinToCyrillic } from './translit.js';
import type { Role } from './types.js';
import { PLACES, place, placeName } from './vocab.js';
import type { Lang, Place } from './vocab.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface Handle {
  gid: number;
  ref: string;
  kind: 'pin' | 'phone';
  from: number;
  to: number;
  imei: string | null;
  display: string | null;
  /** `["ref"]`: the handle as a JSON recipient list (precomputed for the writer). */
  toJson: string;
}

export interface Person {
  idx: number;
  id: string;
  name: string;
  nick: string | null;
  variants: string[];
  culture: Culture;
  country: string;
  city: Place;
  zone: string;
  lang: Lang;
  role: Role;
  org: boolean;
  group: string;
  handles: Handle[];
  partners: number[];
  weight: number;
  /** For couriers: their lieutenant; for lieutenants: their leader. */
  boss: number;
  /** Background person working in a port or shipping (talks about real containers and vessels: hard negatives). */
  portWorker: boolean;
}

interface CultureInfo {
  country: string;
  phone: PhoneCountry;
  cities: readonly string[];
  langs: readonly [Lang, number][];
  family: keyof typeof FAMILY_NICKS;
}

const CULTURES: Record<Culture, CultureInfo> = {
  rs: { country: 'RS', phone: 'RS', cities: ['Belgrade', 'Belgrade', 'Novi Sad'], langs: [['sr', 0.72], ['sr-Cyrl', 0.28]], family: 'sr' },
  me: { country: 'ME', phone: 'ME', cities: ['Kotor', 'Budva'], langs: [['sr', 0.8], ['sr-Cyrl', 0.2]], family: 'sr' },
  hr: { country: 'HR', phone: 'HR', cities: ['Zagreb', 'Split'], langs: [['sr', 1]], family: 'sr' },
  nl: { country: 'NL', phone: 'NL', cities: ['Rotterdam', 'Amsterdam'], langs: [['nl', 1]], family: 'nl' },
  be: { country: 'BE', phone: 'BE', cities: ['Antwerp'], langs: [['nl', 0.7], ['fr', 0.3]], family: 'nl' },
  ma: { country: 'NL', phone: 'NL', cities: ['Rotterdam', 'Amsterdam', 'Antwerp'], langs: [['nl', 0.75], ['ar', 0.25]], family: 'ar' },
  de: { country: 'DE', phone: 'DE', cities: ['Hamburg'], langs: [['en', 1]], family: 'en' },
  fr: { country: 'FR', phone: 'FR', cities: ['Antwerp', 'Madrid'], langs: [['fr', 1]], family: 'fr' },
  co: { country: 'CO', phone: 'CO', cities: ['Cartagena', 'Turbo', 'Buenaventura'], langs: [['es', 1]], family: 'es' },
  ec: { country: 'EC', phone: 'EC', cities: ['Guayaquil'], langs: [['es', 1]], family: 'es' },
  br: { country: 'BR', phone: 'BR', cities: ['Santos'], langs: [['pt', 1]], family: 'pt' },
  tg: { country: 'TG', phone: 'TG', cities: ['Lomé'], langs: [['fr', 1]], family: 'fr' },
  ci: { country: 'CI', phone: 'CI', cities: ['Abidjan'], langs: [['fr', 1]], family: 'fr' },
  gw: { country: 'GW', phone: 'GW', cities: ['Bissau'], langs: [['pt', 0.6], ['fr', 0.4]], family: 'pt' },
  ae: { country: 'AE', phone: 'AE', cities: ['Dubai'], langs: [['ar', 0.7], ['en', 0.3]], family: 'ar' },
};

const BACKGROUND_CULTURES: readonly [Culture, number][] = [
  ['rs', 30], ['me', 6], ['hr', 7], ['nl', 17], ['be', 8], ['ma', 5], ['de', 4], ['fr', 3], ['co', 5], ['ec', 3], ['br', 4], ['tg', 2], ['ci', 2], ['gw', 1], ['ae', 3],
];

export interface PopulationParams {
  messages: number;
  startMs: number;
  endMs: number;
}

export interface Population {
  persons: Person[];
  orgCount: number;
  leaders: number[];
  byRole: Map<Role, number[]>;
  /** Org edges (person index pairs) with weights, for general org chatter. */
  orgEdges: [number, number, number][];
  decoys: { a: number; b: number; reason: 'shared_contacts' | 'succession' | 'same_name' }[];
  rotations: { person: number; old: Handle; new: Handle; sameDevice: boolean }[];
  /** Background clusters (person indexes). */
  clusters: number[][];
  handleCount: number;
}

/** Scale of the case: 0 at 1k messages, 3 at 1M, 4 at 10M. */
export function scaleOf(messages: number): number {
  return Math.max(0, Math.min(5, Math.log10(Math.max(1, messages) / 1000)));
}

function pickWeighted<T>(rng: Rng, xs: readonly [T, number][]): T {
  return (xs[rng.weighted(xs.map((x) => x[1]))] as [T, number])[0];
}

function pinFor(counter: number, salt: number): string {
  // Bijection on 24 bits: odd multiply, xor-shift, add, so PINs are unique and look random.
  let x = (counter * 0x2f6b35 + salt) & 0xffffff;
  x ^= x >>> 11;
  x = Math.imul(x, 0x5bd1e9) & 0xffffff; // odd multiplier: bijective mod 2^24
  x ^= x >>> 13;
  return x.toString(16).toUpperCase().padStart(6, '0');
}

export function buildPopulation(rng: Rng, p: PopulationParams): Population {
  const s = scaleOf(p.messages);
  const persons: Person[] = [];
  const byRole = new Map<Role, number[]>();
  const phoneCounters = new Map<string, number>();
  let handleGid = 0;
  const pinSalt = rng.u32() & 0xffffff;
  const phoneSalt = rng.int(1000);
  const usedNicks = new Set<string>();

  const makeName = (culture: Culture): { name: string; first: string; last: string; variants: string[] } => {
    const pool = namePool(culture);
    if (!pool) {
      const f = rng.pick(ARABIC_FIRST);
      const l = rng.pick(ARABIC_LAST);
      const fl = rng.pick(f.latin);
      const ll = rng.pick(l.latin);
      return { name: `${fl} ${ll}`, first: fl, last: ll, variants: [`${f.ar} ${l.ar}`, f.ar, ...f.latin.slice(0, 2).map((x) => `${x} ${ll}`), fl] };
    }
    const first = rng.pick(pool.first);
    const last = rng.pick(pool.last);
    const full = `${first} ${last}`;
    const v = [first, full];
    if (culture === 'rs' || culture === 'me') v.push(latinToCyrillic(full), latinToCyrillic(first), asciiDj(full), asciiBare(full));
    else v.push(asciiBare(full), last.toUpperCase());
    return { name: full, first, last, variants: v };
  };

  const nickGroup = (c: Culture): keyof typeof ORG_NICKS =>
    c === 'rs' || c === 'me' || c === 'hr' ? 'balkan' : c === 'co' || c === 'ec' || c === 'br' ? 'latam' : c === 'nl' || c === 'be' || c === 'de' ? 'lowlands' : c === 'ae' || c === 'ma' ? 'arab' : 'africa';

  const addPerson = (role: Role, culture: Culture, cityName: string | null, group: string): Person => {
    const info = CULTURES[culture];
    const city = place(cityName ?? rng.pick(info.cities));
    const org = role !== 'background';
    let nm = makeName(culture);
    // Organisation roles are overwhelmingly male in the real cases; launderers and buyers less so.
    const maleRole = org && role !== 'launderer' && role !== 'buyer';
    for (let i = 0; i < 10 && maleRole && isFemaleName(nm.first); i++) nm = makeName(culture);
    let nick: string | null = null;
    if (org) {
      const list = ORG_NICKS[nickGroup(culture)];
      for (let i = 0; i < 6 && nick === null; i++) {
        const n = rng.pick(list);
        if (!usedNicks.has(n)) nick = n;
      }
      nick ??= `${rng.pick(list)} ${nm.first.split(' ')[0] as string}`;
      usedNicks.add(nick);
    }
    const variants = [...nm.variants];
    if (nick) {
      const cityLocal = placeName(city, culture === 'rs' || culture === 'me' || culture === 'hr' ? 'sr' : 'en');
      variants.unshift(nick, `${nick} ${cityLocal}`);
      if (culture === 'rs' || culture === 'me' || culture === 'hr') variants.push(latinToCyrillic(nick), asciiBare(nick), `${nick} ${nm.first}`);
      else variants.push(`${nick} ${city.country}`);
    }
    const person: Person = {
      idx: persons.length,
      id: '',
      name: nm.name,
      nick,
      variants: [...new Set(variants)],
      culture,
      country: role === 'leader' && city.name === 'Dubai' ? 'RS' : info.country,
      city,
      zone: city.zone,
      lang: pickWeighted(rng, info.langs),
      role,
      org,
      group,
      handles: [],
      partners: [],
      weight: org ? 1 : Math.exp(rng.normal() * 0.9),
      boss: -1,
      portWorker: false,
    };
    persons.push(person);
    const list = byRole.get(role) ?? [];
    list.push(person.idx);
    byRole.set(role, list);
    return person;
  };

  // --- the organisation -------------------------------------------------------------------
  const nLeaders = p.messages < 20_000 ? 2 : 3;
  const nLieut = 3 + Math.round(s);
  const nSupp = 3 + Math.floor(s / 2);
  const nLog = 3 + Math.floor(s / 2);
  const nPort = 2 + Math.round(s / 1.5);
  const nLaund = 2 + Math.floor(s / 2);
  const nBuyer = 4 + Math.round(s);
  const nEnf = 2 + Math.floor(s / 2);

  const leaders: number[] = [];
  for (let i = 0; i < nLeaders; i++) {
    const c: Culture = i === 1 ? 'me' : 'rs';
    const cell = `cell-${i + 1}`;
    leaders.push(addPerson('leader', c, i === 0 ? 'Belgrade' : i === 1 ? 'Dubai' : 'Kotor', cell).idx);
  }
  const lieutenants: number[] = [];
  for (let i = 0; i < nLieut; i++) {
    const boss = leaders[i % nLeaders] as number;
    const c: Culture = rng.pick(['rs', 'rs', 'me', 'hr'] as const);
    const per = addPerson('lieutenant', c, null, (persons[boss] as Person).group);
    per.boss = boss;
    lieutenants.push(per.idx);
  }
  const couriers: number[] = [];
  for (const lt of lieutenants) {
    const k = 2 + (rng.chance(s / 6) ? 1 : 0);
    for (let j = 0; j < k; j++) {
      const c: Culture = rng.pick(['rs', 'rs', 'me', 'hr', 'nl'] as const);
      const per = addPerson('courier', c, c === 'nl' ? 'Rotterdam' : null, (persons[lt] as Person).group);
      per.boss = lt;
      couriers.push(per.idx);
    }
  }
  const supplierCultures: Culture[] = ['co', 'ec', 'br'];
  for (let i = 0; i < nSupp; i++) addPerson('supplier', supplierCultures[i % 3] as Culture, null, 'org');
  const logCultures: Culture[] = ['tg', 'ci', 'gw'];
  for (let i = 0; i < nLog; i++) addPerson('logistics', logCultures[i % 3] as Culture, null, 'org');
  for (let i = 0; i < nPort; i++) {
    const antwerp = i % 2 === 0;
    const c: Culture = antwerp ? rng.pick(['be', 'be', 'ma'] as const) : rng.pick(['nl', 'nl', 'ma'] as const);
    addPerson('port_insider', c, antwerp ? 'Antwerp' : 'Rotterdam', 'org');
  }
  for (let i = 0; i < nLaund; i++) {
    if (i % 2 === 0) addPerson('launderer', 'ae', 'Dubai', 'org');
    else addPerson('launderer', 'rs', 'Belgrade', 'org');
  }
  const buyerCultures: Culture[] = ['nl', 'be', 'de', 'hr'];
  for (let i = 0; i < nBuyer; i++) addPerson('buyer', buyerCultures[i % 4] as Culture, null, 'org');
  for (let i = 0; i < nEnf; i++) {
    const per = addPerson('enforcer', rng.pick(['rs', 'me'] as const), null, (persons[leaders[i % nLeaders] as number] as Person).group);
    per.boss = leaders[i % nLeaders] as number;
  }
  const orgCount = persons.length;

  // Same-name decoy: one courier gets the same first name and nickname style as another.
  const decoys: Population['decoys'] = [];

  // --- org edges -------------------------------------------------------------------------
  // Compartmentalised as trafficking networks are (Morselli, Giguère & Petit 2007; Morselli 2009,
  // docs/synth.md): each lieutenant runs a small cell (its couriers, who all know each other);
  // cells reach each other only through their lieutenants; a leader talks to the other leaders,
  // its own lieutenants, and the few outsiders it must (a supplier, a launderer, an enforcer);
  // suppliers, logistics and port insiders are each known to one or two people. Every contact
  // the organisation's traffic uses is one of these edges, so the observed network is this one
  // (or the part of it the traffic happened to use).
  const edgeMap = new Map<number, [number, number, number]>();
  const addEdge = (a: number, b: number, w: number): void => {
    if (a === b) return;
    const key = a < b ? a * 1_000_000 + b : b * 1_000_000 + a;
    const e = edgeMap.get(key);
    if (e) e[2] += w;
    else edgeMap.set(key, [a, b, w]);
  };
  const R = (r: Role): number[] => byRole.get(r) ?? [];
  const ltsOf = (l: number): number[] => lieutenants.filter((x) => (persons[x] as Person).boss === l);
  const cellOf = (lt: number): number[] => couriers.filter((c) => (persons[c] as Person).boss === lt);
  for (let i = 0; i < leaders.length; i++) for (let j = i + 1; j < leaders.length; j++) addEdge(leaders[i] as number, leaders[j] as number, 3);
  for (const lt of lieutenants) addEdge(lt, (persons[lt] as Person).boss, 4);
  // Each leader's branch reaches the next one through one pair of lieutenants (the brokers
  // between compartments); lieutenants of the same leader talk through their leader.
  for (let i = 0; i + 1 < leaders.length; i++) {
    const a = ltsOf(leaders[i] as number);
    const b = ltsOf(leaders[i + 1] as number);
    if (a.length > 0 && b.length > 0) addEdge(a[a.length - 1] as number, b[0] as number, 1.5);
  }
  for (const lt of lieutenants) {
    const cell = cellOf(lt);
    for (const c of cell) addEdge(c, lt, 4);
    for (let i = 0; i < cell.length; i++) for (let j = i + 1; j < cell.length; j++) addEdge(cell[i] as number, cell[j] as number, 1);
  }
  // Each supplier deals with one leader and that leader's import lieutenant; its logistics
  // (transit) people know the supplier and the same lieutenant.
  const supplierLt = new Map<number, number>();
  R('supplier').forEach((x, k) => {
    const l = leaders[k % leaders.length] as number;
    const lts = ltsOf(l);
    const lt = lts.length > 0 ? (lts[Math.floor(k / leaders.length) % lts.length] as number) : (lieutenants[k % lieutenants.length] as number);
    supplierLt.set(x, lt);
    addEdge(x, l, 1.5);
    addEdge(x, lt, 1.5);
  });
  R('logistics').forEach((w, k) => {
    const sup = R('supplier')[k % R('supplier').length] as number;
    addEdge(w, sup, 1);
    addEdge(w, supplierLt.get(sup) as number, 0.8);
  });
  // One port insider per lieutenant (an insider serves at most a couple of lieutenants).
  lieutenants.forEach((lt, k) => addEdge(lt, R('port_insider')[k % R('port_insider').length] as number, 1.5));
  // Buyers deal with one lieutenant and one of its couriers; the launderer of that lieutenant's
  // leader collects from them.
  const launderers = R('launderer');
  const laundererOf = (l: number): number => launderers[leaders.indexOf(l) % launderers.length] as number;
  R('buyer').forEach((b, k) => {
    const lt = lieutenants[k % lieutenants.length] as number;
    const cell = cellOf(lt);
    addEdge(b, lt, 1);
    if (cell.length > 0) addEdge(b, cell[Math.floor(k / lieutenants.length) % cell.length] as number, 0.8);
    addEdge(b, laundererOf((persons[lt] as Person).boss), 0.8);
  });
  for (const l of leaders) addEdge(l, laundererOf(l), 1.5);
  for (const e of R('enforcer')) {
    const l = (persons[e] as Person).boss;
    addEdge(e, l, 1.5);
    const lts = ltsOf(l);
    if (lts.length > 0) addEdge(e, lts[R('enforcer').indexOf(e) % lts.length] as number, 0.6);
  }
  const orgEdges = [...edgeMap.values()];
  for (const [a, b] of orgEdges) {
    (persons[a] as Person).partners.push(b);
    (persons[b] as Person).partners.push(a);
  }
  for (const lt of lieutenants) {
    const own = couriers.filter((c) => (persons[c] as Person).boss === lt);
    if (own.length >= 2) decoys.push({ a: own[0] as number, b: own[1] as number, reason: 'shared_contacts' });
  }

  // --- background -------------------------------------------------------------------------
  const nBg = Math.max(60, Math.round(p.messages / 150));
  const clusters: number[][] = [];
  while (persons.length < orgCount + nBg) {
    // Every culture has at least one cluster (so every language appears even in small cases).
    const culture = clusters.length < BACKGROUND_CULTURES.length ? (BACKGROUND_CULTURES[clusters.length] as [Culture, number])[0] : pickWeighted(rng, BACKGROUND_CULTURES);
    const size = Math.min(orgCount + nBg - persons.length, 3 + rng.int(8));
    const cityName = rng.pick(CULTURES[culture].cities);
    const cl: number[] = [];
    const portCity = ['Rotterdam', 'Antwerp', 'Hamburg', 'Santos', 'Guayaquil', 'Cartagena', 'Lomé', 'Abidjan'].includes(cityName);
    const workers = portCity && rng.chance(0.35);
    for (let i = 0; i < size; i++) {
      const per = addPerson('background', culture, rng.chance(0.8) ? cityName : null, `bg-${clusters.length + 1}`);
      per.portWorker = workers && rng.chance(0.7);
      cl.push(per.idx);
    }
    for (let i = 0; i < cl.length; i++)
      for (let j = i + 1; j < cl.length; j++)
        if (rng.chance(0.7) || j === i + 1) {
          (persons[cl[i] as number] as Person).partners.push(cl[j] as number);
          (persons[cl[j] as number] as Person).partners.push(cl[i] as number);
        }
    clusters.push(cl);
  }
  const bgStart = orgCount;
  const link = (a: number, b: number): void => {
    if (a === b || (persons[a] as Person).partners.includes(b)) return;
    (persons[a] as Person).partners.push(b);
    (persons[b] as Person).partners.push(a);
  };
  for (let i = bgStart; i < persons.length; i++) if (rng.chance(0.35)) link(i, bgStart + rng.int(persons.length - bgStart));
  // Org members have ordinary lives: family and friends in the background, same culture when possible.
  for (let i = 0; i < orgCount; i++) {
    const me = persons[i] as Person;
    const k = 2 + rng.int(4);
    for (let j = 0; j < k; j++) {
      let pick = bgStart + rng.int(persons.length - bgStart);
      for (let t = 0; t < 20 && (persons[pick] as Person).culture !== me.culture; t++) pick = bgStart + rng.int(persons.length - bgStart);
      link(i, pick);
    }
    // A hard negative: a background person in the same port city as an insider, or the same city as a buyer.
  }

  // --- handles, rotations, devices ----------------------------------------------------------
  const rotations: Population['rotations'] = [];
  const span = p.endMs - p.startMs;
  const newHandle = (per: Person, from: number, to: number, phone: boolean, imei: string | null): Handle => {
    let ref: string;
    if (phone) {
      const pc = CULTURES[per.culture].phone;
      const k = phoneCounters.get(pc) ?? 0;
      phoneCounters.set(pc, k + 1);
      ref = 'phone:' + makePhone(pc, k, phoneSalt);
    } else ref = 'skyecc:' + pinFor(handleGid, pinSalt);
    const displayRoll = rng.float();
    let display: string | null = null;
    if (displayRoll < 0.25 && per.nick) display = per.nick;
    else if (displayRoll < 0.45) display = rng.pick(per.variants);
    return { gid: handleGid++, ref, kind: phone ? 'phone' : 'pin', from, to, imei, display, toJson: `["${ref}"]` };
  };
  const imeiFor = (): string => makeImei(rng.pick(['35693803', '35332510', '35282108', '35391110', '86753103']), rng.int(1_000_000));

  for (const per of persons) {
    const org = per.org;
    const phoneShare = org ? 0.15 : 0.3;
    let nHandles = 1;
    const r = rng.float();
    if (per.role === 'leader' || per.role === 'lieutenant') nHandles = r < 0.2 ? 1 : r < 0.7 ? 2 : 3;
    else if (org) nHandles = r < 0.45 ? 1 : r < 0.9 ? 2 : 3;
    else nHandles = r < 0.88 ? 1 : 2;
    if (span < 90 * DAY) nHandles = 1;
    // Rotation instants, at least 30 days apart and 20 days from either end.
    const cuts: number[] = [];
    for (let k = 1; k < nHandles; k++) {
      const lo = p.startMs + 20 * DAY + ((k - 1) * (span - 40 * DAY)) / (nHandles - 1);
      const hi = p.startMs + 20 * DAY + (k * (span - 40 * DAY)) / (nHandles - 1) - 30 * DAY;
      cuts.push(Math.floor(lo + rng.float() * Math.max(0, hi - lo)));
    }
    let from = p.startMs;
    const isPhone = rng.chance(phoneShare);
    let imei: string | null = rng.chance(org ? 0.55 : 0.3) ? imeiFor() : null;
    for (let k = 0; k < nHandles; k++) {
      const last = k === nHandles - 1;
      const to = last ? p.endMs - 1 : (cuts[k] as number);
      const h = newHandle(per, from, to, k === 0 ? isPhone : rng.chance(phoneShare / 2), imei);
      per.handles.push(h);
      if (!last) {
        const gap = rng.chance(0.7) ? 2 * HOUR + rng.float() * 70 * HOUR : 4 * DAY + rng.float() * 8 * DAY;
        from = to + Math.floor(gap);
        const sameDevice = imei !== null && rng.chance(0.35);
        if (!sameDevice) imei = rng.chance(org ? 0.55 : 0.3) ? imeiFor() : null;
        rotations.push({ person: per.idx, old: h, new: null as unknown as Handle, sameDevice });
      }
    }
    for (let k = 0; k < per.handles.length - 1; k++) {
      const rot = rotations[rotations.length - (per.handles.length - 1) + k] as Population['rotations'][number];
      rot.new = per.handles[k + 1] as Handle;
    }
  }

  // Succession decoy: a courier arrested mid-period is replaced by a new courier of the same
  // lieutenant a few days later, with the same contacts: looks like a rotation, is not.
  const lt0 = lieutenants[0] as number;
  const own = couriers.filter((c) => (persons[c] as Person).boss === lt0);
  if (own.length >= 1 && span >= 90 * DAY) {
    const old = persons[own[0] as number] as Person;
    const cut = p.startMs + Math.floor(span * 0.55);
    old.handles = old.handles.filter((h) => h.from < cut);
    const lastH = old.handles[old.handles.length - 1] as Handle;
    lastH.to = Math.max(lastH.from + DAY, cut);
    for (let i = rotations.length - 1; i >= 0; i--) {
      const r = rotations[i] as Population['rotations'][number];
      if (r.person === old.idx && !old.handles.includes(r.new)) rotations.splice(i, 1);
    }
    const succ = addPerson('courier', old.culture, old.city.name, old.group);
    succ.boss = lt0;
    succ.weight = old.weight;
    const start = lastH.to + 3 * DAY + Math.floor(rng.float() * 3 * DAY);
    succ.handles.push(newHandle(succ, start, p.endMs - 1, false, null));
    for (const q of old.partners) {
      if (q >= orgCount) continue;
      link(succ.idx, q);
      const e = orgEdges.find(([a, b]) => (a === old.idx && b === q) || (b === old.idx && a === q));
      if (e) orgEdges.push([succ.idx, q, e[2]]);
    }
    const bgOld = old.partners.filter((q) => q >= orgCount);
    if (bgOld.length > 0) link(succ.idx, bgOld[0] as number);
    decoys.push({ a: old.idx, b: succ.idx, reason: 'succession' });
  }

  // Namesake decoy: an ordinary person in the background with exactly a lieutenant's name
  // (common Serbian names collide in real data too), but no nickname and no shared contacts.
  const namesakeOf = lieutenants[0];
  const namesake = namesakeOf === undefined ? undefined : persons.find((x) => !x.org && x.culture === (persons[namesakeOf] as Person).culture);
  if (namesakeOf !== undefined && namesake) {
    const src = persons[namesakeOf] as Person;
    const first = src.name.split(' ')[0] as string;
    const cyr = namesake.culture === 'rs' || namesake.culture === 'me';
    namesake.name = src.name;
    namesake.variants = [...new Set([first, src.name, asciiDj(src.name), asciiBare(src.name), ...(cyr ? [latinToCyrillic(src.name), latinToCyrillic(first)] : [])])];
    decoys.push({ a: namesakeOf, b: namesake.idx, reason: 'same_name' });
  }

  // Ids: shuffle so person numbering says nothing about roles.
  const order = rng.shuffle(persons.map((_, i) => i));
  order.forEach((pi, k) => {
    (persons[pi] as Person).id = `p-${k + 1}`;
  });
  // Activity weights: leaders talk less but to many; lieutenants and couriers most.
  const roleWeight: Record<Role, number> = { leader: 1.2, lieutenant: 2, courier: 1.5, supplier: 1, logistics: 0.8, port_insider: 1, launderer: 0.8, buyer: 0.8, enforcer: 0.6, background: 1 };
  for (const per of persons) if (per.org) per.weight = roleWeight[per.role];

  return { persons, orgCount: persons.filter((x) => x.org).length, leaders, byRole, orgEdges, decoys, rotations, clusters, handleCount: handleGid };
}

/** The handle a person uses at `t`, or null (between handles). */
export function activeHandle(per: Person, t: number): Handle | null {
  for (const h of per.handles) if (t >= h.from && t <= h.to) return h;
  return null;
}

/** Imperfect contact carry-over: a handle of a rotating person drops some partners. */
export function handleDrops(h: Handle, partner: number, rotating: boolean, seed: number): boolean {
  return rotating && hash3(seed, h.gid, partner) < 0.12 * 4294967296;
}

/** The name `owner` saved for `other` (stable per pair, sometimes different per handle). */
export function savedName(owner: Person, other: Person, h: Handle, seed: number): string {
  const k = hashUnit(seed, owner.idx, other.idx) < 0.8 ? Math.floor(hashUnit(seed + 1, owner.idx, other.idx) * other.variants.length) : Math.floor(hashUnit(seed + 2, owner.idx, h.gid) * other.variants.length);
  let name = other.variants[k] as string;
  if (!owner.org && hashUnit(seed + 3, owner.idx, other.idx) < 0.25) {
    const fam = FAMILY_NICKS[CULTURES[owner.culture].family];
    name = fam[Math.floor(hashUnit(seed + 4, owner.idx, other.idx) * fam.length)] as string;
  }
  return name;
}

export const ALL_PLACES = PLACES;
