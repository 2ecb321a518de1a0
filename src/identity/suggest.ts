/**
 * Merge suggestions: profiles → blocking → signals → score, in two passes. The first pass finds
 * the confident merges; the second recomputes contact similarity with those merged, so that the
 * contacts' own rotations no longer hide shared contacts. Decided persons count as one contact
 * from the start; rejected pairs and pairs already in one person are never suggested.
 */
import { blockCandidates } from './blocking.js';
import { buildProfiles, type Profile } from './profile.js';
import { combine, DEFAULT_THRESHOLD } from './score.js';
import { habitsEvidence, hoursEvidence } from './signal-activity.js';
import { contactsEvidence } from './signal-contacts.js';
import { IdentifierIndex, identifiersEvidence } from './signal-identifiers.js';
import { NameIndex, namesEvidence } from './signal-names.js';
import { indexStatements, statementsEvidence, type StatementIndex } from './signal-statements.js';
import { timingEvidence } from './signal-timing.js';
import type { Evidence, HandleInfo, ResolveInput, SuggestResult, Suggestion } from './types.js';
import { UnionFind } from './union-find.js';

export interface SuggestOptions {
  /** Score at or above which a pair is suggested (default 0.5). */
  threshold?: number;
  /** Also return pairs scoring at least this (for precision–recall curves); default = threshold. */
  floor?: number;
  /** Second pass with confident merges applied to the contacts (default true). */
  refine?: boolean;
}

const PERSON_BASE = 2 ** 40;

export function scorePair(a: Profile, b: Profile, canonA: number, canonB: number, names: NameIndex, ids: IdentifierIndex, st: StatementIndex): Suggestion {
  const [early, late] = (a.info.first ?? 0) <= (b.info.first ?? 0) ? [a, b] : [b, a];
  const [ce, cl] = early === a ? [canonA, canonB] : [canonB, canonA];
  const evidence: Evidence[] = [
    ...namesEvidence(names, early.info.id, late.info.id),
    ...contactsEvidence(early, late, ce, cl),
    ...timingEvidence(early.info, late.info),
    ...hoursEvidence(early.info, late.info),
    ...habitsEvidence(early.info, late.info),
    ...identifiersEvidence(ids, early.info.id, late.info.id),
    ...statementsEvidence(st, names, early.info, late.info, rawPartners(early)),
  ];
  const { logOdds, score } = combine(evidence);
  return { a: early.info.id, b: late.info.id, score, logOdds, evidence };
}

function rawPartners(p: Profile): Set<number> {
  return p.partners;
}

export function suggest(input: ResolveInput, opts: SuggestOptions = {}): SuggestResult {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const floor = Math.min(opts.floor ?? threshold, threshold);
  const personOf = new Map<number, number>();
  for (const m of input.members) personOf.set(m.account, m.person);
  const rejected = new Set(input.rejected.map(([a, b]) => (a < b ? `${a},${b}` : `${b},${a}`)));
  const decidedCanon = (id: number): number => {
    const p = personOf.get(id);
    return p === undefined ? id : PERSON_BASE + p;
  };
  const skip = (a: number, b: number): boolean => {
    const pa = personOf.get(a);
    return rejected.has(`${a},${b}`) || (pa !== undefined && pa === personOf.get(b));
  };

  const handles = new Map<number, HandleInfo>(input.handles.map((h) => [h.id, h]));
  const handleByText = new Map<string, number>();
  for (const h of input.handles) handleByText.set(h.handle.toLowerCase().replace(/^\+/, ''), h.id);
  const ids = new IdentifierIndex(input.identifiers);
  const st = indexStatements(input.statements, handles, handleByText);

  let canon = decidedCanon;
  let profiles = buildProfiles(input, canon);
  const names = new NameIndex(profiles);
  let cands = blockCandidates(profiles, names, ids, st, skip);
  let scored = cands.pairs.length;
  const run = (): Suggestion[] =>
    cands.pairs.map(([a, b]) => scorePair(profiles.get(a) as Profile, profiles.get(b) as Profile, canon(a), canon(b), names, ids, st));
  let all = run();

  if (opts.refine ?? true) {
    const uf = new UnionFind();
    for (const s of all) if (s.score >= threshold) uf.union(decidedCanon(s.a), decidedCanon(s.b));
    canon = (id: number): number => uf.find(decidedCanon(id));
    profiles = buildProfiles(input, canon);
    cands = blockCandidates(profiles, names, ids, st, skip);
    scored += cands.pairs.length;
    all = run();
  }

  const suggestions = all.filter((s) => s.score >= floor).sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  return { suggestions, pairsScored: scored, handles: input.handles.length, threshold, blocking: cands.bySource };
}
