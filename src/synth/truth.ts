/** The ground truth known before the first message: cast, handles, rotations, shipments, groups. */
import type { Group } from './groups.js';
import { orgNetworkTruth } from './network.js';
import type { MoneyPools } from './money.js';
import type { Person, Population } from './population.js';
import type { Shipment } from './shipments.js';
import type { ResolvedSynthOptions, SynthTruth, TruthConversation, TruthGroup, TruthPerson } from './types.js';
import { CODE_WORDS } from './vocab.js';

const iso = (t: number): string => new Date(t).toISOString();

export function buildTruth(
  opts: ResolvedSynthOptions, pop: Population, shipments: Shipment[], groups: Group[], money: MoneyPools, startMs: number, endMs: number,
): SynthTruth {
  const P = pop.persons;
  const id = (i: number): string => (P[i] as Person).id;
  const persons: TruthPerson[] = [...P]
    .sort((a, b) => Number(a.id.slice(2)) - Number(b.id.slice(2)))
    .map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.nick ? { nickname: p.nick } : {}),
      name_variants: p.variants,
      role: p.role,
      group: p.group,
      country: p.country,
      city: p.city.name,
      language: p.lang,
      time_zone: p.zone,
      handles: p.handles.map((h) => ({ ref: h.ref, from: iso(h.from), to: iso(h.to), ...(h.imei ? { imei: h.imei } : {}) })),
    }));
  const tg: TruthGroup[] = [{ id: 'org', kind: 'organisation', name: 'Balkan cartel (synthetic)', members: P.filter((p) => p.org).map((p) => p.id) }];
  const cells = new Map<string, string[]>();
  for (const p of P) if (p.org && p.group.startsWith('cell-')) cells.set(p.group, [...(cells.get(p.group) ?? []), p.id]);
  for (const [cid, members] of cells) tg.push({ id: cid, kind: 'cell', name: `cell of ${id(pop.leaders[Number(cid.slice(5)) - 1] as number)}`, members });
  pop.clusters.forEach((cl, i) => tg.push({ id: `bg-${i + 1}`, kind: 'background', name: `background cluster ${i + 1}`, members: cl.map(id) }));
  const handles: Record<string, string> = {};
  for (const p of P) for (const h of p.handles) handles[h.ref] = p.id;
  const conversations: TruthConversation[] = [];
  for (const g of groups)
    for (const s of g.segments) conversations.push({ ref: s.ref, group: g.id, title: g.title, from: iso(s.from), to: iso(s.to), members: [...s.byPerson.values()].map((h) => h.ref) });
  return {
    generator: { name: 'clew-synth', version: 1, params: opts },
    period: { start: iso(startMs), end: iso(endMs) },
    organisation: { id: 'org', name: 'Balkan cartel (synthetic)' },
    leaders: pop.leaders.map(id),
    organisation_network: orgNetworkTruth(
      'the organisation as designed: its members (persons) and every contact between them its traffic may use',
      P.filter((p) => p.org).map((p) => p.id),
      pop.orgEdges.map(([a, b]) => [id(a), id(b)] as const),
      pop.leaders.map(id),
    ),
    persons,
    groups: tg,
    handles,
    rotations: pop.rotations.map((r) => ({
      person: id(r.person), old: r.old.ref, new: r.new.ref, old_last: iso(r.old.to), new_first: iso(r.new.from),
      gap_hours: Math.round(((r.new.from - r.old.to) / 3_600_000) * 10) / 10, same_device: r.sameDevice,
    })),
    decoys: pop.decoys.map((d) => ({ a: id(d.a), b: id(d.b), reason: d.reason })),
    shipments: shipments.map((s) => ({
      id: s.id,
      route: [s.origin.name, ...(s.transit ? [s.transit.name] : []), s.dest.name],
      origin_country: s.origin.country,
      containers: s.containers,
      vessel: { name: s.vessel, imo: s.imo },
      quantity_kg: s.qtyKg,
      price_eur_per_kg: s.priceEurPerKg,
      outcome: s.seized ? 'seized' : 'delivered',
      dates: {
        planning: iso(s.planning), booked: iso(s.booked), departed: iso(s.departed),
        ...(s.transitAt !== null ? { transit: iso(s.transitAt) } : {}), arrived: iso(s.arrived), closed: iso(s.closed),
      },
      participants: Object.fromEntries(Object.entries(s.who).map(([k, v]) => [k, id(v)])),
    })),
    code_words: CODE_WORDS.map((c) => ({ word: c.word, language: c.lang, meaning: c.meaning, forms: [...c.forms] })),
    money_accounts: { wallets: money.wallets, ibans: [...money.ibans.values()].flat() },
    conversations,
  };
}

