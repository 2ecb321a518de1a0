/**
 * Cocaine shipments: origin port in Colombia/Ecuador/Brazil, optionally via West Africa,
 * to Antwerp or Rotterdam, with containers, vessel, quantity, price, phases and outcome.
 */
import { makeContainerNumber } from './container.js';
import { makeImo } from './imo.js';
import type { Population, Person } from './population.js';
import { scaleOf } from './population.js';
import type { Rng } from './prng.js';
import type { Role } from './types.js';
import { CONTAINER_OWNERS, PLACES, VESSEL_NAMES, VESSEL_PREFIXES, place } from './vocab.js';
import type { Place } from './vocab.js';

const DAY = 86_400_000;

export type Phase = 'plan' | 'book' | 'transit' | 'arrive' | 'pay' | 'seize';

export interface Shipment {
  id: string;
  origin: Place;
  transit: Place | null;
  dest: Place;
  containers: string[];
  vessel: string;
  imo: string;
  qtyKg: number;
  priceEurPerKg: number;
  seized: boolean;
  planning: number;
  booked: number;
  departed: number;
  transitAt: number | null;
  arrived: number;
  closed: number;
  /** Participants by role key: L leader, L2 other leader, T lieutenant, S supplier, W logistics, P port insider, C courier, B buyer, M launderer, E enforcer. */
  who: Record<string, number>;
  phases: { phase: Phase; from: number; to: number; weight: number }[];
}

/** Role pairs that talk in each phase. */
export const PHASE_PAIRS: Record<Phase, readonly [string, string][]> = {
  plan: [['L', 'S'], ['L', 'T'], ['L', 'L2'], ['S', 'T']],
  book: [['S', 'W'], ['T', 'P'], ['L', 'S'], ['S', 'T']],
  transit: [['W', 'T'], ['S', 'W'], ['L', 'T']],
  arrive: [['P', 'T'], ['T', 'C'], ['C', 'B'], ['T', 'B'], ['T', 'C2']],
  pay: [['L', 'M'], ['M', 'B'], ['T', 'B'], ['L', 'S'], ['L', 'T']],
  seize: [['P', 'T'], ['T', 'L'], ['L', 'E'], ['T', 'E'], ['L', 'S'], ['L', 'L2']],
};

export function buildShipments(rng: Rng, pop: Population, messages: number, startMs: number, endMs: number): Shipment[] {
  const s = scaleOf(messages);
  const k = Math.max(3, Math.min(12, Math.round(3 + 2 * s)));
  const role = (r: Role): number[] => pop.byRole.get(r) ?? [];
  const persons = pop.persons;
  const out: Shipment[] = [];
  const span = endMs - startMs;
  const origins = PLACES.filter((p) => p.role === 'origin');
  // Adjacency of the organisation's contact network: every shipment runs along existing contacts.
  const adj = new Map<number, Set<number>>();
  for (const [a, b] of pop.orgEdges) {
    if (!adj.has(a)) adj.set(a, new Set());
    if (!adj.has(b)) adj.set(b, new Set());
    (adj.get(a) as Set<number>).add(b);
    (adj.get(b) as Set<number>).add(a);
  }
  const near = (x: number, r: Role): number[] => [...(adj.get(x) ?? [])].filter((y) => (persons[y] as Person).role === r).sort((a, b) => a - b);
  const pickOr = (xs: number[], fallback: number[]): number => rng.pick(xs.length > 0 ? xs : fallback);
  for (let i = 0; i < k; i++) {
    const planning = startMs + Math.floor(((i + rng.float() * 0.8) / k) * Math.max(DAY, span - 75 * DAY));
    const supplier = rng.pick(role('supplier'));
    const sc = (persons[supplier] as Person).country;
    const origin = rng.pick(origins.filter((o) => o.country === sc));
    const ws = near(supplier, 'logistics');
    const viaAfrica = ws.length > 0 && rng.chance(0.6);
    const logistics = viaAfrica ? rng.pick(ws) : -1;
    const transit = viaAfrica ? (persons[logistics] as Person).city : null;
    const leader = pickOr(near(supplier, 'leader'), pop.leaders);
    const lt = pickOr(near(supplier, 'lieutenant'), role('lieutenant'));
    const port = pickOr(near(lt, 'port_insider'), role('port_insider'));
    const dest = (persons[port] as Person).city.name === 'Antwerp' ? place('Antwerp') : place('Rotterdam');
    const other = pickOr(near(leader, 'leader'), pop.leaders.filter((l) => l !== leader).concat([leader]));
    const couriers = role('courier').filter((c) => (persons[c] as Person).boss === lt);
    const cs = couriers.length > 0 ? couriers : role('courier');
    const buyer = pickOr(near(lt, 'buyer'), role('buyer'));
    // The courier who meets the buyer is the one the buyer knows, when there is one.
    const known = cs.filter((c) => adj.get(buyer)?.has(c));
    const courier = pickOr(known, cs);
    const courier2 = rng.pick(cs);
    const nContainers = rng.chance(0.25) ? 2 : 1;
    const owner = rng.pick(CONTAINER_OWNERS);
    const containers = Array.from({ length: nContainers }, () => makeContainerNumber(owner, rng.int(1_000_000)));
    const vessel = `${rng.pick(VESSEL_PREFIXES)} ${rng.pick(VESSEL_NAMES)}`;
    const imo = makeImo(900_000 + rng.int(99_000));
    const booked = planning + (8 + rng.int(10)) * DAY;
    const departed = booked + (5 + rng.int(8)) * DAY;
    const transitAt = viaAfrica ? departed + (12 + rng.int(7)) * DAY : null;
    const arrived = (transitAt ?? departed) + (14 + rng.int(10)) * DAY;
    const seized = rng.chance(0.25);
    const closed = arrived + (seized ? 10 : 18) * DAY;
    const who: Record<string, number> = {
      L: leader, L2: other, T: lt, S: supplier, P: port, C: courier, C2: courier2,
      B: buyer, M: pickOr(near(leader, 'launderer'), role('launderer')), E: pickOr(near(leader, 'enforcer'), role('enforcer')),
    };
    if (logistics >= 0) who.W = logistics;
    const phases: Shipment['phases'] = [
      { phase: 'plan', from: planning, to: booked, weight: 0.6 },
      { phase: 'book', from: booked - 2 * DAY, to: departed + DAY, weight: 1 },
      { phase: 'pay', from: planning + 3 * DAY, to: booked, weight: 0.4 },
    ];
    if (transitAt !== null) phases.push({ phase: 'transit', from: transitAt - 4 * DAY, to: transitAt + 4 * DAY, weight: 0.6 });
    if (seized) phases.push({ phase: 'seize', from: arrived, to: closed, weight: 2.5 });
    else {
      phases.push({ phase: 'arrive', from: arrived - 2 * DAY, to: arrived + 5 * DAY, weight: 2 });
      phases.push({ phase: 'pay', from: arrived + 2 * DAY, to: closed, weight: 1 });
    }
    const qtyKg = 50 * (4 + rng.int(37));
    out.push({
      id: `s-${i + 1}`, origin, transit, dest, containers, vessel, imo, qtyKg, priceEurPerKg: 1000 * (27 + rng.int(9)), seized,
      planning, booked, departed, transitAt, arrived, closed, who,
      phases: phases.map((ph) => ({ ...ph, from: Math.max(startMs, ph.from), to: Math.min(endMs - 1, ph.to) })).filter((ph) => ph.to > ph.from),
    });
  }
  return out;
}
