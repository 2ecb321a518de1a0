/**
 * Blocking: candidate pairs without comparing all pairs. Three sources:
 *  - contacts: handles sharing at least MIN_SHARED partners whose activity does not overlap
 *    (rotation candidates), counted through each partner's handle list (hubs above HUB_CAP skipped);
 *  - names: handles whose names share a rare consonant skeleton (at most NAME_BLOCK_MAX handles);
 *  - identifiers: handles sharing a distinctive identifier value.
 * Pairs are keys a·2^21 + b with a < b (account ids below 2^21 ≈ 2M; larger ids use a string map).
 */
import type { Profile } from './profile.js';
import type { IdentifierIndex } from './signal-identifiers.js';
import type { NameIndex } from './signal-names.js';
import { MIN_SHARED } from './signal-contacts.js';
import { OVERLAP_TOLERANCE_MS } from './signal-timing.js';
import type { StatementIndex } from './signal-statements.js';

export const HUB_CAP = 400;
export const NAME_BLOCK_MAX = 30;

export interface Candidates {
  pairs: [number, number][];
  bySource: { contacts: number; names: number; identifiers: number; statements: number };
}

export function blockCandidates(profiles: Map<number, Profile>, names: NameIndex, ids: IdentifierIndex, statements: StatementIndex, skip: (a: number, b: number) => boolean): Candidates {
  const seen = new Map<string, [number, number]>();
  const bySource = { contacts: 0, names: 0, identifiers: 0, statements: 0 };
  const add = (x: number, y: number, src: keyof typeof bySource): void => {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    const k = `${a},${b}`;
    if (seen.has(k) || skip(a, b)) return;
    seen.set(k, [a, b]);
    bySource[src]++;
  };

  // contacts: partner → handles
  const byPartner = new Map<number, number[]>();
  for (const [id, p] of profiles) {
    if (p.info.first === null) continue;
    for (const q of p.partners) {
      const l = byPartner.get(q);
      if (l) l.push(id);
      else byPartner.set(q, [id]);
    }
  }
  const counts = new Map<string, number>();
  for (const list of byPartner.values()) {
    if (list.length < 2 || list.length > HUB_CAP) continue;
    const hs = list.map((id) => (profiles.get(id) as Profile).info).sort((a, b) => (a.first as number) - (b.first as number));
    for (let i = 0; i < hs.length; i++) {
      const x = hs[i]!;
      const from = (x.last as number) - OVERLAP_TOLERANCE_MS;
      // first index j > i with hs[j].first >= from (binary search over the sorted firsts)
      let lo = i + 1;
      let hi = hs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((hs[mid]!.first as number) < from) lo = mid + 1;
        else hi = mid;
      }
      for (let j = lo; j < hs.length; j++) {
        const y = hs[j]!;
        const k = x.id < y.id ? `${x.id},${y.id}` : `${y.id},${x.id}`;
        const c = (counts.get(k) ?? 0) + 1;
        counts.set(k, c);
        if (c === MIN_SHARED) add(x.id, y.id, 'contacts');
      }
    }
  }

  // names: rare skeletons
  const bySkeleton = new Map<string, Set<number>>();
  for (const id of profiles.keys()) {
    const hn = names.names(id);
    if (!hn) continue;
    for (const n of hn.names)
      for (const t of n.key.tokens) {
        if (t.skeleton.length < 3) continue;
        let s = bySkeleton.get(t.skeleton);
        if (!s) bySkeleton.set(t.skeleton, (s = new Set()));
        if (s.size <= NAME_BLOCK_MAX) s.add(id);
      }
  }
  for (const s of bySkeleton.values()) {
    if (s.size < 2 || s.size > NAME_BLOCK_MAX) continue;
    const l = [...s];
    for (let i = 0; i < l.length; i++) for (let j = i + 1; j < l.length; j++) add(l[i]!, l[j]!, 'names');
  }

  for (const [a, b] of ids.pairs()) add(a, b, 'identifiers');

  // third-party statements: the named handle and the handles whose names the message uses
  for (const [named, list] of statements.naming)
    for (const { tokens } of list)
      for (const t of tokens) {
        const s = bySkeleton.get(names.key(t).tokens[0]?.skeleton ?? '');
        if (s && s.size <= NAME_BLOCK_MAX) for (const other of s) add(named, other, 'statements');
      }

  return { pairs: [...seen.values()], bySource };
}
