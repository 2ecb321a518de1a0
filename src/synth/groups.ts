/**
 * Group conversations (organisation cells, shipment crews, background families and friends),
 * split into segments whenever a member's handle changes: each segment is one conversation
 * record whose members are the handles active throughout it.
 */
import { activeHandle } from './population.js';
import type { Handle, Person, Population } from './population.js';
import type { Rng } from './prng.js';
import type { Shipment } from './shipments.js';

const DAY = 86_400_000;

export interface Segment {
  ref: string;
  from: number;
  to: number;
  byPerson: Map<number, Handle>;
}

export interface Group {
  id: string;
  title: string;
  members: number[];
  from: number;
  to: number;
  org: boolean;
  shipment: Shipment | null;
  segments: Segment[];
}

const GROUP_TITLES: Record<string, readonly string[]> = {
  sr: ['Porodica', 'Fudbal utorkom', 'Ekipa', 'Kumovi', 'Posao', 'Rođendan Ane'],
  'sr-Cyrl': ['Породица', 'Екипа', 'Кумови'],
  nl: ['Familie', 'Voetbal zondag', 'Collega\'s', 'Vrijdagavond'],
  fr: ['Famille', 'Les gars', 'Boulot'],
  es: ['Familia', 'Los parceros', 'Trabajo'],
  pt: ['Família', 'Futebol', 'Trampo'],
  ar: ['العائلة', 'الشباب'],
  en: ['Family', 'Lads', 'Work'],
};
const ORG_TITLES = ['posao', 'BIZNIS', 'ekipa', '🐉', 'Банане', 'voće', 'kafa', '☕', 'S', 'Luka'];

export function buildGroups(rng: Rng, pop: Population, shipments: Shipment[], startMs: number, endMs: number): Group[] {
  const groups: Group[] = [];
  const P = pop.persons;
  // Group chats follow the compartments: the leaders among themselves, each cell (a lieutenant
  // and its couriers), and a shipment's crew (its lieutenant and couriers). Nobody is in a
  // group with someone they do not already know.
  if (pop.leaders.length >= 3) groups.push({ id: `g-${groups.length + 1}`, title: rng.pick(ORG_TITLES), members: pop.leaders.slice(), from: startMs, to: endMs - 1, org: true, shipment: null, segments: [] });
  for (const lt of pop.byRole.get('lieutenant') ?? []) {
    const members = [lt, ...(pop.byRole.get('courier') ?? []).filter((c) => (P[c] as Person).boss === lt)];
    if (members.length >= 3) groups.push({ id: `g-${groups.length + 1}`, title: rng.pick(ORG_TITLES), members, from: startMs, to: endMs - 1, org: true, shipment: null, segments: [] });
  }
  for (const s of shipments) {
    const members = [...new Set([s.who.T, s.who.C, s.who.C2].filter((x): x is number => x !== undefined))];
    if (members.length >= 3) {
      groups.push({ id: `g-${groups.length + 1}`, title: rng.pick(ORG_TITLES), members, from: Math.max(startMs, s.booked - 3 * DAY), to: Math.min(endMs - 1, s.closed + 5 * DAY), org: true, shipment: s, segments: [] });
    }
  }
  for (const cl of pop.clusters) {
    if (cl.length >= 3 && rng.chance(0.4)) {
      const lang = (P[cl[0] as number] as Person).lang;
      groups.push({ id: `g-${groups.length + 1}`, title: rng.pick(GROUP_TITLES[lang] ?? GROUP_TITLES.en as readonly string[]), members: cl.slice(), from: startMs, to: endMs - 1, org: false, shipment: null, segments: [] });
    }
  }
  for (const g of groups) {
    const cuts = new Set<number>([g.from, g.to + 1]);
    for (const m of g.members)
      for (const h of (P[m] as Person).handles) {
        if (h.from > g.from && h.from <= g.to) cuts.add(h.from);
        if (h.to + 1 > g.from && h.to < g.to) cuts.add(h.to + 1);
      }
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const from = sorted[i] as number;
      const to = (sorted[i + 1] as number) - 1;
      const byPerson = new Map<number, Handle>();
      for (const m of g.members) {
        const h = activeHandle(P[m] as Person, from);
        if (h && h.to >= to) byPerson.set(m, h);
      }
      if (byPerson.size >= 2) g.segments.push({ ref: `c-${g.id.slice(2)}-${g.segments.length + 1}`, from, to, byPerson });
    }
  }
  return groups;
}

