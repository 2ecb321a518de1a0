/**
 * Contacts signal: Jaccard and cosine similarity of the two handles' partner sets (canonical
 * partners, so a partner's own rotation still counts as one contact). Two handles that talked
 * to each other are two people: that counts against.
 */
import type { Profile } from './profile.js';
import type { Evidence } from './types.js';

export const CONTACTS_WEIGHT = 9;
export const TALKED_TO_EACH_OTHER = -6;
/** Fewer shared partners than this: no evidence (a pair sharing one friend says nothing). */
export const MIN_SHARED = 2;

export function contactSimilarity(a: Set<number>, b: Set<number>, exclude: readonly number[] = []): { jaccard: number; cosine: number; shared: number[] } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const shared: number[] = [];
  for (const x of small) if (large.has(x) && !exclude.includes(x)) shared.push(x);
  let na = a.size;
  let nb = b.size;
  for (const x of exclude) {
    if (a.has(x)) na--;
    if (b.has(x)) nb--;
  }
  const union = na + nb - shared.length;
  return { jaccard: union > 0 ? shared.length / union : 0, cosine: na > 0 && nb > 0 ? shared.length / Math.sqrt(na * nb) : 0, shared };
}

export function contactsEvidence(a: Profile, b: Profile, canonA: number, canonB: number): Evidence[] {
  const out: Evidence[] = [];
  if (a.partners.has(canonB) || b.partners.has(canonA))
    out.push({ signal: 'contacts', weight: TALKED_TO_EACH_OTHER, value: 1, contribution: TALKED_TO_EACH_OTHER, summary: 'the two handles talked to each other' });
  const s = contactSimilarity(a.partners, b.partners, [canonA, canonB]);
  if (s.shared.length < MIN_SHARED) return out;
  const contribution = CONTACTS_WEIGHT * s.jaccard;
  out.push({
    signal: 'contacts',
    weight: CONTACTS_WEIGHT,
    value: s.jaccard,
    contribution,
    summary: `${s.shared.length} shared contacts (Jaccard ${s.jaccard.toFixed(2)}, cosine ${s.cosine.toFixed(2)})`,
    contacts: s.shared.sort((x, y) => x - y).slice(0, 200),
  });
  return out;
}
