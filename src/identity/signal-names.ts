/**
 * Names signal: the nicknames others saved for each handle and its display name, compared across
 * scripts (name-similarity.ts). Two kinds of evidence:
 *  - one contact-list owner saved both handles under the same name (per owner, up to 3);
 *  - the best-matching names, weighted by rarity (a shared "Marko" says less than "Crni Žarko").
 */
import { nameKey, type NameKey } from './name-key.js';
import { NAME_MATCH_THRESHOLD, keySimilarity } from './name-similarity.js';
import type { Profile } from './profile.js';
import type { Evidence } from './types.js';

export const SAME_OWNER_WEIGHT = 1.5;
export const SAME_OWNER_MAX = 3;
export const RARE_NAME_WEIGHT = 3;
/** Distinct names kept per handle (the most frequent). */
export const NAMES_PER_HANDLE = 20;
/** Both handles carry names (at least MIN_NAMES each) and none of them meet: counts against. */
export const NAMES_DISAGREE_WEIGHT = -2.5;
export const MIN_NAMES = 2;
/** Both handles carry full names (two tokens or more) and the best pair of them does not meet. */
export const FULL_NAME_CONFLICT_WEIGHT = -3;

interface HandleNames {
  /** Distinct names, most frequent first, with their keys. */
  names: { name: string; key: NameKey; rarity: number }[];
  byOwner: Map<number, NameKey>;
}

/** Names per handle with keys computed once, and token rarity over the whole case. */
export class NameIndex {
  private readonly keys = new Map<string, NameKey>();
  private readonly perHandle = new Map<number, HandleNames>();
  /** Handles per token skeleton (and per folded token). */
  readonly df = new Map<string, number>();
  readonly handles: number;

  constructor(profiles: Map<number, Profile>) {
    this.handles = profiles.size;
    const raw = new Map<number, { counts: Map<string, number>; byOwner: Map<number, NameKey> }>();
    for (const [id, p] of profiles) {
      const counts = new Map<string, number>();
      const byOwner = new Map<number, NameKey>();
      for (const o of p.names) {
        counts.set(o.name, (counts.get(o.name) ?? 0) + 1);
        if (o.owner !== null) byOwner.set(o.owner, this.key(o.name));
      }
      raw.set(id, { counts, byOwner });
      const seen = new Set<string>();
      for (const n of counts.keys()) for (const t of this.key(n).tokens) seen.add(t.folded);
      for (const k of seen) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    }
    for (const [id, r] of raw) {
      const names = [...r.counts.entries()]
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, NAMES_PER_HANDLE)
        .map(([name]) => ({ name, key: this.key(name), rarity: this.rarity(this.key(name)) }));
      this.perHandle.set(id, { names, byOwner: r.byOwner });
    }
  }

  key(name: string): NameKey {
    let k = this.keys.get(name);
    if (!k) {
      k = nameKey(name);
      this.keys.set(name, k);
    }
    return k;
  }

  /** Rarity of a name in [0, 1]: inverse document frequency of its rarest token, scaled. */
  rarity(k: NameKey): number {
    if (this.handles < 2) return 1;
    let best = 0;
    for (const t of k.tokens) {
      const df = Math.max(1, this.df.get(t.folded) ?? 1);
      best = Math.max(best, Math.log(this.handles / df) / Math.log(this.handles));
    }
    return best;
  }

  names(id: number): HandleNames | undefined {
    return this.perHandle.get(id);
  }
}

export function namesEvidence(index: NameIndex, a: number, b: number): Evidence[] {
  const na = index.names(a);
  const nb = index.names(b);
  if (!na || !nb) return [];
  const out: Evidence[] = [];
  // one owner, both handles, the same name
  const owners: { a: string; b: string; owner: number; similarity: number }[] = [];
  const [small, large] = na.byOwner.size <= nb.byOwner.size ? [na.byOwner, nb.byOwner] : [nb.byOwner, na.byOwner];
  for (const [owner, k1] of small) {
    const k2 = large.get(owner);
    if (!k2) continue;
    const s = keySimilarity(k1, k2);
    if (s >= NAME_MATCH_THRESHOLD) {
      const [ka, kb] = small === na.byOwner ? [k1, k2] : [k2, k1];
      owners.push({ a: ka.tokens.map((t) => t.folded).join(' '), b: kb.tokens.map((t) => t.folded).join(' '), owner, similarity: s });
    }
  }
  if (owners.length > 0) {
    const n = Math.min(SAME_OWNER_MAX, owners.length);
    out.push({
      signal: 'names', weight: SAME_OWNER_WEIGHT, value: owners.length, contribution: SAME_OWNER_WEIGHT * n,
      summary: `${owners.length} contact lists save both under the same name`, names: owners.slice(0, 20),
    });
  }
  // the best cross-script match, weighted by rarity
  let best: { a: string; b: string; similarity: number; value: number } | null = null;
  for (const x of na.names)
    for (const y of nb.names) {
      const r = Math.min(x.rarity, y.rarity);
      if (best && r <= best.value) continue;
      const s = keySimilarity(x.key, y.key);
      if (s < NAME_MATCH_THRESHOLD) continue;
      const v = s * r;
      if (!best || v > best.value) best = { a: x.name, b: y.name, similarity: s, value: v };
    }
  let fullBest = -1;
  let fullPair: [string, string] | null = null;
  for (const x of na.names)
    if (x.key.tokens.length >= 2)
      for (const y of nb.names)
        if (y.key.tokens.length >= 2) {
          const s = keySimilarity(x.key, y.key);
          if (s > fullBest) {
            fullBest = s;
            fullPair = [x.name, y.name];
          }
        }
  if (fullPair && fullBest < NAME_MATCH_THRESHOLD)
    out.push({
      signal: 'names', weight: FULL_NAME_CONFLICT_WEIGHT, value: fullBest, contribution: FULL_NAME_CONFLICT_WEIGHT,
      summary: `full names differ: "${fullPair[0]}" vs "${fullPair[1]}" (similarity ${fullBest.toFixed(2)})`,
      names: [{ a: fullPair[0], b: fullPair[1], owner: null, similarity: fullBest }],
    });
  if (!best && owners.length === 0 && na.names.length >= MIN_NAMES && nb.names.length >= MIN_NAMES)
    out.push({ signal: 'names', weight: NAMES_DISAGREE_WEIGHT, value: 0, contribution: NAMES_DISAGREE_WEIGHT, summary: `none of the ${na.names.length} and ${nb.names.length} saved names meet` });
  if (best)
    out.push({
      signal: 'names', weight: RARE_NAME_WEIGHT, value: best.value, contribution: RARE_NAME_WEIGHT * best.value,
      summary: `names meet: "${best.a}" ~ "${best.b}" (similarity ${best.similarity.toFixed(2)}, rarity-weighted ${best.value.toFixed(2)})`,
      names: [{ a: best.a, b: best.b, owner: null, similarity: best.similarity }],
    });
  return out;
}
