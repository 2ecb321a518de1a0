/**
 * The synthetic case: a trafficking organisation hidden in background traffic, streamed as
 * canonical JSONL day by day (memory holds the cast and one day of records, never the case).
 */
import { ClewError } from '../model/errors.js';
import { buildGroups } from './groups.js';
import type { Group } from './groups.js';
import type { IbanCountry } from './iban.js';
import { buildMoneyPools } from './money.js';
import type { MoneyPools } from './money.js';
import { parseDay, resolveSynthOptions } from './options.js';
import { activeHandle, buildPopulation, handleDrops, savedName } from './population.js';
import type { Handle, Person, Population } from './population.js';
import { Rng, hash32 } from './prng.js';
import { render } from './render.js';
import type { RenderContext } from './render.js';
import { PHASE_PAIRS, buildShipments } from './shipments.js';
import type { Phase, Shipment } from './shipments.js';
import type { Topic } from './templates.js';
import { orgNetworkTruth } from './network.js';
import type { OrgNetworkTruth } from './network.js';
import { buildTruth } from './truth.js';
import { ZoneClock, formatIsoWithOffset } from './tz.js';
import type { PlantedEntity, PlantedEntry, ResolvedSynthOptions, SynthChunk, SynthOptions, SynthStats, SynthTruth } from './types.js';
import { encodeUtf8 } from './utf8.js';
import type { Lang } from './vocab.js';

export { resolveSynthOptions };

const DAY = 86_400_000;
const MIN = 60_000;

const BG_HOURS = [0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.4, 1, 1.5, 1.6, 1.6, 1.7, 1.9, 1.8, 1.7, 1.7, 1.8, 2, 2.2, 2.5, 2.6, 2.4, 1.8, 0.9];
const ORG_HOURS = [0.8, 0.6, 0.5, 0.4, 0.3, 0.3, 0.5, 0.9, 1.2, 1.5, 1.6, 1.6, 1.6, 1.5, 1.5, 1.5, 1.6, 1.7, 1.8, 1.8, 1.7, 1.6, 1.4, 1.1];
/** Sunday first. */
const BG_WEEK = [0.95, 1, 1, 1, 1.02, 1.1, 1.15];
const ORG_WEEK = [0.6, 1.05, 1.05, 1.05, 1.05, 1, 0.8];

function cumulative(xs: readonly number[]): Float64Array {
  const out = new Float64Array(xs.length);
  let s = 0;
  xs.forEach((x, i) => {
    s += x;
    out[i] = s;
  });
  return out;
}

function sampleCum(rng: Rng, cum: Float64Array): number {
  const r = rng.float() * (cum[cum.length - 1] as number);
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const BG_HOUR_CUM = cumulative(BG_HOURS);
const ORG_HOUR_CUM = cumulative(ORG_HOURS);

interface Entry {
  ts: number;
  call: boolean;
  from: string;
  to: string;
  conv: string | null;
  zone: string;
  body: string;
  entities: PlantedEntity[] | null;
  reply: Entry | null;
  id: number;
  coord: [number, number] | null;
  att: boolean;
  dur: number;
  org: boolean;
  topic: string;
  shipment: string | null;
  announce: PlantedEntry['announces'] | null;
}

export interface SynthCase {
  readonly options: ResolvedSynthOptions;
  /** Everything decided before the first message: cast, handles, rotations, shipments… */
  readonly truth: SynthTruth;
  /** Streams the records; planted entities of each message go to `onPlanted`. Single use. */
  chunks(onPlanted?: (p: PlantedEntry) => void): Generator<SynthChunk, SynthStats>;
  /**
   * After `chunks()` has been run to the end: the organisation's network as the written traffic
   * shows it (persons linked by a message, call or group message sender → member), with what
   * arresting the leaders does to it. Throws before.
   */
  observedNetwork(): OrgNetworkTruth;
}

export function generateCase(options: SynthOptions): SynthCase {
  const opts = resolveSynthOptions(options);
  const startMs = parseDay(opts.start, 'start');
  const endMs = parseDay(opts.end, 'end');
  const rng = new Rng(opts.seed);
  const pop = buildPopulation(rng.fork(1), { messages: opts.messages, startMs, endMs });
  const shipments = buildShipments(rng.fork(2), pop, opts.messages, startMs, endMs);
  const groups = buildGroups(rng.fork(3), pop, shipments, startMs, endMs);
  const money = buildMoneyPools(rng.fork(5), opts.messages);
  const truth = buildTruth(opts, pop, shipments, groups, money, startMs, endMs);
  let used = false;
  let done = false;
  const observed = new Set<number>();
  return {
    options: opts,
    truth,
    chunks(onPlanted) {
      if (used) throw new ClewError('INTERNAL', 'synth: chunks() may be called once per case');
      used = true;
      const inner = stream(opts, rng.fork(4), pop, shipments, groups, money, startMs, endMs, observed, onPlanted);
      return (function* () {
        const stats = yield* inner;
        done = true;
        return stats;
      })();
    },
    observedNetwork() {
      if (!done) throw new ClewError('INTERNAL', 'synth: observedNetwork() needs chunks() run to the end');
      const P = pop.persons;
      const id = (i: number): string => (P[i] as Person).id;
      const edges = [...observed].sort((a, b) => a - b).map((k) => [id(Math.floor(k / OBS_BASE)), id(k % OBS_BASE)] as const);
      return orgNetworkTruth(
        'the organisation as the written traffic shows it: its members (persons, handles merged) linked by a message, call or group message (sender → each member)',
        P.filter((p) => p.org).map((p) => p.id),
        edges,
        pop.leaders.map(id),
      );
    },
  };
}

function pairLang(a: Person, b: Person): Lang {
  if (a.lang === b.lang) return a.lang;
  const balkan = (l: Lang): boolean => l === 'sr' || l === 'sr-Cyrl';
  if (balkan(a.lang) && balkan(b.lang)) return a.lang;
  if (a.culture === b.culture) return a.lang;
  return 'en';
}

/** Pair key base for observed org edges (person indexes stay far below it). */
const OBS_BASE = 1 << 24;

const IBAN_BY_COUNTRY: Record<string, IbanCountry> = { RS: 'RS', ME: 'ME', AE: 'AE', NL: 'NL', BE: 'BE', DE: 'DE' };

function* stream(
  opts: ResolvedSynthOptions, rng: Rng, pop: Population, shipments: Shipment[], groups: Group[], money: MoneyPools, startMs: number, endMs: number,
  observed: Set<number>, onPlanted?: (p: PlantedEntry) => void,
): Generator<SynthChunk, SynthStats> {
  const P = pop.persons;
  /** Records that persons a and b were in contact (kept for organisation members only). */
  const observe = (a: number, b: number): void => {
    if (a !== b && (P[a] as Person).org && (P[b] as Person).org) observed.add(a < b ? a * OBS_BASE + b : b * OBS_BASE + a);
  };
  // A shipment's phases talk only along the organisation's contacts.
  const orgKeys = new Set(pop.orgEdges.map(([a, b]) => (a < b ? a * OBS_BASE + b : b * OBS_BASE + a)));
  const phasePairs = new Map<string, [string, string][]>();
  const pairsOf = (sh: Shipment, phase: Phase): [string, string][] => {
    const key = `${sh.id}|${phase}`;
    let xs = phasePairs.get(key);
    if (!xs) {
      xs = PHASE_PAIRS[phase].filter(([ra, rb]) => {
        const a = sh.who[ra];
        const b = sh.who[rb];
        return a !== undefined && b !== undefined && a !== b && orgKeys.has(a < b ? a * OBS_BASE + b : b * OBS_BASE + a);
      });
      phasePairs.set(key, xs);
    }
    return xs;
  };
  const clock = new ZoneClock(startMs, endMs);
  const seed = opts.seed | 0;
  const stats: SynthStats = {
    records: 0, messages: 0, calls: 0, accounts: 0, contacts: 0, devices: 0, conversations: 0, attachments: 0, locations: 0, planted_messages: 0,
    persons: P.length, org_persons: pop.orgCount,
  };
  const rotating = new Uint8Array(P.length);
  for (const p of P) if (p.handles.length > 1) rotating[p.idx] = 1;

  // ---- header: accounts, devices, contacts, conversations --------------------------------------
  let buf = '';
  let bufRecords = 0;
  const flushHeader = function* (force: boolean): Generator<SynthChunk> {
    if (bufRecords > 0 && (force || buf.length > 1 << 20)) {
      stats.records += bufRecords;
      yield { data: Buffer.from(buf, 'utf8'), records: bufRecords, messages: 0 };
      buf = '';
      bufRecords = 0;
    }
  };
  for (const p of P) {
    for (const h of p.handles) {
      buf += `{"type":"account","ref":"${h.ref}","kind":"${h.kind}"${h.display ? `,"display_name":${JSON.stringify(h.display)}` : ''}}\n`;
      bufRecords++;
      stats.accounts++;
      if (h.imei) {
        const ids = h.kind === 'pin' ? `"imei":"${h.imei}","pin":"${h.ref.slice(7)}"` : `"imei":"${h.imei}","msisdn":"${h.ref.slice(6)}"`;
        buf += `{"type":"device","account":"${h.ref}","identifiers":{${ids}}}\n`;
        bufRecords++;
        stats.devices++;
      }
    }
    yield* flushHeader(false);
  }
  for (const a of P) {
    const pSave = a.org ? 0.75 : 0.5;
    for (const ha of a.handles) {
      for (const bi of a.partners) {
        const b = P[bi] as Person;
        if (handleDrops(ha, bi, rotating[a.idx] === 1, seed)) continue;
        for (const hb of b.handles) {
          if (hb.to < ha.from || hb.from > ha.to) continue;
          if (hash32(seed, ha.gid, hb.gid) / 4294967296 >= pSave) continue;
          buf += `{"type":"contact","owner":"${ha.ref}","contact":"${hb.ref}","name":${JSON.stringify(savedName(a, b, hb, seed))}}\n`;
          bufRecords++;
          stats.contacts++;
        }
      }
      yield* flushHeader(false);
    }
  }
  for (const g of groups)
    for (const s of g.segments) {
      buf += `{"type":"conversation","ref":"${s.ref}","title":${JSON.stringify(g.title)},"members":${JSON.stringify([...s.byPerson.values()].map((h) => h.ref))}}\n`;
      bufRecords++;
      stats.conversations++;
    }
  yield* flushHeader(true);

  // ---- day budgets -----------------------------------------------------------------------------
  const days = Math.round((endMs - startMs) / DAY);
  const orgTotal = Math.round(opts.messages * opts.orgShare);
  const bgTotal = opts.messages - orgTotal;
  const wOrg = new Float64Array(days);
  const wBg = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const t = startMs + d * DAY + DAY / 2;
    const wd = new Date(t).getUTCDay();
    let act = 0.25;
    for (const s of shipments) for (const ph of s.phases) if (t >= ph.from && t <= ph.to) act += ph.weight;
    wOrg[d] = act * (ORG_WEEK[wd] as number) * (0.85 + 0.3 * rng.float());
    const month = new Date(t).getUTCMonth();
    wBg[d] = (BG_WEEK[wd] as number) * (month === 11 ? 1.12 : month === 3 ? 1.08 : 1) * (0.9 + 0.2 * rng.float());
  }
  const cumTargets = (w: Float64Array, total: number): Float64Array => {
    const out = new Float64Array(days);
    let s = 0;
    for (const x of w) s += x;
    let acc = 0;
    for (let d = 0; d < days; d++) {
      acc += w[d] as number;
      out[d] = d === days - 1 ? total : Math.round((acc / s) * total);
    }
    return out;
  };
  const orgCum = cumTargets(wOrg, orgTotal);
  const bgCum = cumTargets(wBg, bgTotal);

  // Background sender choice: cumulative activity weights.
  const actCum = new Float64Array(P.length);
  {
    let s = 0;
    for (let i = 0; i < P.length; i++) {
      s += (P[i] as Person).partners.length > 0 ? (P[i] as Person).weight : 0;
      actCum[i] = s;
    }
  }
  const orgEdgeCum = cumulative(pop.orgEdges.map((e) => e[2]));
  const bgGroups = groups.filter((g) => !g.org);
  const orgGroups = groups.filter((g) => g.org);

  // Rotation announcements, in time order.
  const announcements = pop.rotations
    .filter((r) => (P[r.person] as Person).org || rng.chance(0.2))
    .map((r) => ({ r, t: r.new.from + Math.floor(rng.float() * 20 * 3_600_000) }))
    .filter((x) => x.t < endMs)
    .sort((a, b) => a.t - b.t);
  let annIdx = 0;

  let orgDone = 0;
  let bgDone = 0;
  let msgId = 0;
  let callId = 0;
  let attId = 0;
  let day: Entry[] = [];

  const ctx: RenderContext = {
    lang: 'en', shipment: null, nick: 'Kum', pin: '', home: (P[0] as Person).city, ibanCountry: null, wallets: money.wallets, ibans: money.ibans,
  };
  /** Fills the one reusable render context (no allocation per message). */
  const ctxFor = (sender: Person, lang: Lang, sh: Shipment | null, third: Person | null, pin: string): RenderContext => {
    ctx.lang = lang;
    ctx.shipment = sh;
    ctx.nick = third?.nick ?? (third ? (third.name.split(' ')[0] as string) : 'Kum');
    ctx.pin = pin;
    ctx.home = sender.city;
    ctx.ibanCountry = IBAN_BY_COUNTRY[sender.country] ?? null;
    return ctx;
  };

  const push = (e: Entry): Entry => {
    day.push(e);
    return e;
  };

  const message = (sender: Person, hs: Handle, to: string, conv: string | null, t: number, topic: Topic, lang: Lang, sh: Shipment | null, org: boolean, prev: Entry | null, third: Person | null): Entry => {
    const r = render(rng, topic, ctxFor(sender, lang, sh, third, ''));
    return push({
      ts: t, id: 0, call: false, from: hs.ref, to, conv, zone: sender.zone, body: r.body, entities: r.entities, reply: prev && rng.chance(0.15) ? prev : null,
      coord: r.coord, att: rng.chance(0.012), dur: 0, org, topic, shipment: sh?.id ?? null, announce: null,
    });
  };

  const startTime = (zone: string, dayStart: number, cum: Float64Array): number => {
    const off = clock.offsetMinutes(zone, dayStart + DAY / 2);
    const local = sampleCum(rng, cum) * 3_600_000 + rng.int(3_600_000);
    return dayStart + ((((local - off * MIN) % DAY) + DAY) % DAY);
  };

  const thirdOf = (a: Person, b: Person): Person | null => {
    const cands = a.partners.filter((x) => x !== b.idx && (P[x] as Person).org);
    return cands.length > 0 ? (P[rng.pick(cands)] as Person) : null;
  };

  /** A 1:1 exchange; returns the number of messages written. */
  const pairBurst = (a: Person, b: Person, t0: number, n: number, topic: Topic, sh: Shipment | null, org: boolean, dayEnd: number): number => {
    let t = t0;
    let s = a;
    let r = b;
    let prev: Entry | null = null;
    let count = 0;
    const third = org ? thirdOf(a, b) : null;
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        t += 5000 + Math.floor(rng.exp(org ? 120_000 : 90_000));
        if (rng.chance(0.75)) {
          const tmp = s;
          s = r;
          r = tmp;
        }
      }
      if (t >= dayEnd) break;
      const hs = activeHandle(s, t);
      const hr = activeHandle(r, t);
      if (!hs || !hr || handleDrops(hs, r.idx, rotating[s.idx] === 1, seed) || handleDrops(hr, s.idx, rotating[r.idx] === 1, seed)) break;
      const tp: Topic = i === 0 ? topic : org ? (rng.chance(0.45) ? topic : 'reply') : rng.chance(0.85) ? topic : 'reply';
      prev = message(s, hs, hr.toJson, null, t, tp, pairLang(s, r), sh, org, prev, third);
      observe(s.idx, r.idx);
      count++;
    }
    // Calls: callRatio per message on average (stochastic rounding), the organisation a bit more.
    const calls = Math.floor(opts.callRatio * count * (org ? 1.4 : 1.07) + rng.float());
    let tc = t;
    for (let k = 0; k < calls; k++) {
      tc += 20_000 + Math.floor(rng.exp(10 * MIN));
      const caller = rng.chance(0.6) ? a : b;
      const callee = caller === a ? b : a;
      const hs = activeHandle(caller, tc);
      const hr = activeHandle(callee, tc);
      if (!hs || !hr || tc >= dayEnd) break;
      const answered = rng.chance(0.82);
      observe(caller.idx, callee.idx);
      push({
        ts: tc, id: 0, call: true, from: hs.ref, to: hr.ref, conv: null, zone: caller.zone, body: '', entities: null, reply: null,
        coord: rng.chance(0.3) ? [caller.city.lat + (rng.float() - 0.5) * 0.1, caller.city.lon + (rng.float() - 0.5) * 0.14] : null,
        att: false, dur: answered ? 3 + Math.floor(rng.exp(org ? 70 : 150)) : 0, org, topic: 'call', shipment: sh?.id ?? null, announce: null,
      });
    }
    return count;
  };

  const groupBurst = (g: Group, t0: number, n: number, topic: Topic, org: boolean, dayEnd: number): number => {
    let t = t0;
    let count = 0;
    let prev: Entry | null = null;
    const seg = g.segments.find((s) => t0 >= s.from && t0 <= s.to);
    if (!seg) return 0;
    const members = [...seg.byPerson.keys()];
    for (let i = 0; i < n; i++) {
      if (i > 0) t += 5000 + Math.floor(rng.exp(150_000));
      if (t >= dayEnd || t > seg.to) break;
      const si = rng.pick(members);
      const s = P[si] as Person;
      const hs = seg.byPerson.get(si) as Handle;
      const tp: Topic = i === 0 ? topic : rng.chance(0.5) ? topic : 'reply';
      prev = message(s, hs, '', seg.ref, t, tp, s.lang, g.shipment, org, prev, org ? (P[rng.pick(members)] as Person) : null);
      for (const m of members) observe(si, m);
      count++;
    }
    return count;
  };

  const burstLen = (org: boolean): number => 1 + Math.min(40, Math.floor(rng.exp(org ? 5 : 3.5)));

  const phaseTopic: Record<Phase, Topic> = { plan: 'plan', book: 'book', transit: 'transit', arrive: 'arrive', pay: 'pay', seize: 'seize' };

  const orgBurst = (dayStart: number, dayEnd: number, budget: number): number => {
    const mid = dayStart + DAY / 2;
    const active: { s: Shipment; phase: Phase; w: number }[] = [];
    for (const s of shipments) for (const ph of s.phases) if (mid >= ph.from && mid <= ph.to) active.push({ s, phase: ph.phase, w: ph.weight });
    const n = Math.min(budget, burstLen(true));
    if (active.length > 0 && rng.chance(0.72)) {
      const pick = active[rng.weighted(active.map((x) => x.w))] as (typeof active)[number];
      if (rng.chance(0.12)) {
        const g = orgGroups.find((x) => x.shipment === pick.s) ?? (orgGroups.length > 0 ? rng.pick(orgGroups) : null);
        if (g) return groupBurst(g, startTime((P[g.members[0] as number] as Person).zone, dayStart, ORG_HOUR_CUM), n, phaseTopic[pick.phase], true, dayEnd);
      }
      const pairs = pairsOf(pick.s, pick.phase);
      if (pairs.length === 0) return 0;
      const [ra, rb] = rng.pick(pairs);
      const a = pick.s.who[ra] as number;
      const b = pick.s.who[rb] as number;
      const pa = P[a] as Person;
      return pairBurst(pa, P[b] as Person, startTime(pa.zone, dayStart, ORG_HOUR_CUM), n, phaseTopic[pick.phase], pick.s, true, dayEnd);
    }
    if (orgGroups.length > 0 && rng.chance(0.1)) {
      const g = rng.pick(orgGroups.filter((x) => x.shipment === null).concat(orgGroups.slice(0, 1)));
      return groupBurst(g, startTime((P[g.members[0] as number] as Person).zone, dayStart, ORG_HOUR_CUM), n, rng.pick(['meet', 'pay', 'lux', 'plan'] as const), true, dayEnd);
    }
    const [a, b] = pop.orgEdges[sampleCum(rng, orgEdgeCum)] as [number, number, number];
    const pa = P[a] as Person;
    const pb = P[b] as Person;
    const hasArms = pa.role === 'enforcer' || pb.role === 'enforcer';
    const topic: Topic = hasArms && rng.chance(0.6) ? 'arms' : rng.pick(['lux', 'meet', 'meet', 'pay', 'plan', 'arms'] as const);
    return pairBurst(pa, pb, startTime(pa.zone, dayStart, ORG_HOUR_CUM), n, topic, null, true, dayEnd);
  };

  const bgBurst = (dayStart: number, dayEnd: number, budget: number): number => {
    const n = Math.min(budget, burstLen(false));
    if (bgGroups.length > 0 && rng.chance(0.08)) {
      const g = rng.pick(bgGroups);
      return groupBurst(g, startTime((P[g.members[0] as number] as Person).zone, dayStart, BG_HOUR_CUM), n, rng.chance(0.85) ? 'chat' : 'hardneg', false, dayEnd);
    }
    const a = P[sampleCum(rng, actCum)] as Person;
    if (a.partners.length === 0) return 0;
    const b = P[rng.pick(a.partners)] as Person;
    const topic: Topic = a.portWorker && b.portWorker && rng.chance(0.4) ? 'portwork' : rng.chance(0.87) ? 'chat' : 'hardneg';
    return pairBurst(a, b, startTime(a.zone, dayStart, BG_HOUR_CUM), n, topic, null, false, dayEnd);
  };

  for (let d = 0; d < days; d++) {
    const dayStart = startMs + d * DAY;
    const dayEnd = dayStart + DAY;
    day = [];
    // Rotation announcements: the new handle tells a few contacts; sometimes a third party passes it on.
    while (annIdx < announcements.length && (announcements[annIdx] as { t: number }).t < dayEnd) {
      const { r, t } = announcements[annIdx] as (typeof announcements)[number];
      annIdx++;
      const per = P[r.person] as Person;
      const k = 1 + rng.int(3);
      for (let i = 0; i < k && orgDone + bgDone < opts.messages; i++) {
        const ti = t + i * (30_000 + rng.int(600_000));
        if (per.partners.length === 0 || ti >= dayEnd) break;
        const other = P[rng.pick(per.partners)] as Person;
        const hr = activeHandle(other, ti);
        const hs = activeHandle(per, ti);
        if (!hr || !hs) continue;
        const e = message(per, hs, hr.toJson, null, ti, 'newnum', pairLang(per, other), null, per.org, null, per);
        e.announce = { person: per.id, old: r.old.ref, new: r.new.ref };
        observe(per.idx, other.idx);
        if (per.org) orgDone++;
        else bgDone++;
        // Third party: "this is X's new PIN".
        if (i === 0 && rng.chance(0.45) && other.partners.length > 1) {
          const fwd = P[rng.pick(other.partners.filter((x) => x !== per.idx))] as Person;
          const tf = ti + 600_000 + rng.int(3 * 3_600_000);
          const h1 = activeHandle(other, tf);
          const h2 = activeHandle(fwd, tf);
          if (h1 && h2 && tf < dayEnd && orgDone + bgDone < opts.messages) {
            const pin = r.new.kind === 'pin' ? r.new.ref.slice(7) : r.new.ref.slice(6);
            const rr = render(rng, 'thirdnum', ctxFor(other, pairLang(other, fwd), null, per, pin));
            push({
              ts: tf, id: 0, call: false, from: h1.ref, to: h2.toJson, conv: null, zone: other.zone, body: rr.body, entities: rr.entities, reply: null, coord: null,
              att: false, dur: 0, org: per.org, topic: 'thirdnum', shipment: null, announce: { person: per.id, old: r.old.ref, new: r.new.ref },
            });
            observe(other.idx, fwd.idx);
            if (per.org) orgDone++;
            else bgDone++;
          }
        }
      }
    }
    // Exactly `messages` in total: announcements count against the budget; the last day takes the rest.
    const N = opts.messages;
    let fails = 0;
    while (orgDone < (orgCum[d] as number) && orgDone + bgDone < N && fails < 2000) {
      const got = orgBurst(dayStart, dayEnd, Math.min((orgCum[d] as number) - orgDone, N - orgDone - bgDone));
      orgDone += got;
      fails = got === 0 ? fails + 1 : 0;
    }
    fails = 0;
    const bgGoal = d === days - 1 ? N - orgDone : (bgCum[d] as number);
    while (bgDone < bgGoal && orgDone + bgDone < N && fails < 2000) {
      const got = bgBurst(dayStart, dayEnd, Math.min(bgGoal - bgDone, N - orgDone - bgDone));
      bgDone += got;
      fails = got === 0 ? fails + 1 : 0;
    }
    yield serializeDay(day);
  }

  function serializeDay(entries: Entry[]): SynthChunk {
    entries.sort((a, b) => a.ts - b.ts);
    // No exact duplicates (same sender, second and body): make a rare collision distinct.
    for (let i = 1; i < entries.length; i++) {
      const e = entries[i] as Entry;
      for (let j = i - 1; j >= 0 && Math.floor((entries[j] as Entry).ts / 1000) === Math.floor(e.ts / 1000); j--) {
        const o = entries[j] as Entry;
        if (!o.call && !e.call && o.from === e.from && o.body === e.body) e.body += '!';
      }
    }
    const out: string[] = [];
    let records = 0;
    let messages = 0;
    for (const e of entries) {
      if (!e.call) e.id = ++msgId;
    }
    for (const e of entries) {
      const ts = formatIsoWithOffset(e.ts, clock.offsetMinutes(e.zone, e.ts));
      if (e.call) {
        out.push(`{"type":"call","id":"k-${++callId}","from":"${e.from}","to":"${e.to}","ts":"${ts}","duration":${e.dur}${e.coord ? `,"lat":${e.coord[0].toFixed(5)},"lon":${e.coord[1].toFixed(5)}` : ''}}\n`);
        records++;
        stats.calls++;
        continue;
      }
      const mid = `m-${e.id}`;
      let line = `{"type":"message","id":"${mid}","from":"${e.from}",`;
      if (e.conv) line += `"conversation":"${e.conv}",`;
      else line += `"to":${e.to},`;
      line += `"ts":"${ts}","body":${JSON.stringify(e.body)}`;
      if (e.reply) line += `,"reply_to":"m-${e.reply.id}"`;
      let att = '';
      if (e.att) {
        const aid = `a-${++attId}`;
        line += `,"attachments":["${aid}"]`;
        let sha = '';
        for (let i = 0; i < 8; i++) sha += rng.u32().toString(16).padStart(8, '0');
        att = `{"type":"attachment","id":"${aid}","message":"${mid}","filename":"IMG_${1000 + rng.int(9000)}.jpg","mime":"image/jpeg","size":${40_000 + rng.int(4_000_000)},"sha256":"${sha}"}\n`;
        records++;
        stats.attachments++;
      }
      out.push(line + '}\n' + att);
      records++;
      messages++;
      stats.messages++;
      if (e.coord) {
        out.push(`{"type":"location","kind":"shared","lat":${e.coord[0].toFixed(5)},"lon":${e.coord[1].toFixed(5)},"account":"${e.from}","message":"${mid}","ts":"${ts}"}\n`);
        records++;
        stats.locations++;
      }
      if (e.entities || e.announce) stats.planted_messages++;
      if ((e.entities || e.announce) && onPlanted) {
        const p: PlantedEntry = { message: mid, org: e.org, topic: e.topic, entities: e.entities ?? [] };
        if (e.shipment) p.shipment = e.shipment;
        if (e.announce) p.announces = e.announce;
        onPlanted(p);
      }
    }
    stats.records += records;
    return { data: encodeUtf8(out), records, messages };
  }

  return stats;
}
