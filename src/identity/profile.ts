/**
 * Per-handle profiles built once from the input: communication partners (messages, calls and
 * contact lists, both directions), the names others saved and the display name, activity.
 * `canon` maps an account to the id that stands for its person (the partners' own rotations:
 * two handles of one person count as one contact).
 */
import type { HandleInfo, ResolveInput } from './types.js';

export interface NameObservation {
  name: string;
  /** Who saved it (contact list owner); null for the handle's own display name. */
  owner: number | null;
}

export interface Profile {
  info: HandleInfo;
  partners: Set<number>;
  names: NameObservation[];
}

export function buildProfiles(input: ResolveInput, canon: (id: number) => number = (x) => x): Map<number, Profile> {
  const out = new Map<number, Profile>();
  for (const h of input.handles) {
    const names: NameObservation[] = h.displayName ? [{ name: h.displayName, owner: null }] : [];
    out.set(h.id, { info: h, partners: new Set(), names });
  }
  const add = (x: number, y: number): void => {
    const p = out.get(x);
    if (p && x !== y) p.partners.add(canon(y));
  };
  for (const l of input.links) {
    add(l.a, l.b);
    add(l.b, l.a);
  }
  for (const c of input.contacts) {
    add(c.owner, c.contact);
    add(c.contact, c.owner);
    out.get(c.contact)?.names.push({ name: c.name, owner: c.owner });
  }
  // a handle is not its own contact (after canonicalisation either)
  for (const [id, p] of out) p.partners.delete(canon(id));
  return out;
}
