/**
 * Cross-case discovery (issue 21 part 6; docs/team.md): of the selectors a user looks at (those a
 * view shows: an account's handle and reference, an entity, a watchlist's selectors), which are
 * also held by a case the user may not read, and who owns that case. Each selector is read with the
 * watchlist's rules (text/watch/discovery-keys.ts: too broad or malformed ones are refused, not
 * looked up); the store answers only for a case the team server opened as a user (the database
 * decides what the user may learn: store/postgres/discovery.ts), and null elsewhere (clew serve,
 * the CLI): no discovery there.
 */
import { accountKeys, DISCOVERY_KEYS_PER_CALL, DISCOVERY_KEYS_PER_HOUR, discoveryKey } from '../text/watch/discovery-keys.js';
import type { CaseStore } from './types.js';

export { DISCOVERY_KEYS_PER_CALL, DISCOVERY_KEYS_PER_HOUR };

/** Accounts (handles or references) one request may name. */
export const MAX_DISCOVERY_ACCOUNTS = 50;

export interface DiscoveryHit {
  /** The selector's key, `type:value`. */
  selector: string;
  /** What the caller gave that stands for it (a selector as written, an account's handle or reference). */
  inputs: string[];
  /** The other case's name. */
  case: string;
  owners: { name: string; agency: string | null }[];
}

export interface DiscoveryResult {
  /** False where there is no discovery (clew serve, a case not opened as a team user). */
  available: boolean;
  hits: DiscoveryHit[];
  /** Selectors not looked up: too broad, malformed, or of a type not compared across cases. */
  refused: { selector: string; reason: string }[];
}

/** The other cases holding `selectors` (as a watchlist reads them) and the keys of `accounts` (handles or references). */
export async function discoverSelectors(store: Pick<CaseStore, 'discover'>, req: { selectors?: readonly string[]; accounts?: readonly string[] }): Promise<DiscoveryResult> {
  const inputsOf = new Map<string, string[]>();
  const refused: DiscoveryResult['refused'] = [];
  const add = (key: string, input: string) => {
    const l = inputsOf.get(key);
    if (!l) inputsOf.set(key, [input]);
    else if (!l.includes(input)) l.push(input);
  };
  for (const s of req.selectors ?? []) {
    const r = discoveryKey(s);
    if (r.ok) add(r.key, s);
    else refused.push({ selector: s, reason: r.reason });
  }
  for (const a of req.accounts ?? []) for (const k of accountKeys(a)) add(k, a);
  if (!store.discover) return { available: false, hits: [], refused };
  const keys = [...inputsOf.keys()].slice(0, DISCOVERY_KEYS_PER_CALL);
  const rows = await store.discover(keys);
  if (rows === null) return { available: false, hits: [], refused };
  return { available: true, hits: rows.map((r) => ({ selector: r.selector, inputs: inputsOf.get(r.selector) ?? [], case: r.case, owners: r.owners })), refused };
}
