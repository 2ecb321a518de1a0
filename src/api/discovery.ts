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
import { ClewError } from '../model/errors.js';
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

export interface ListDiscovery {
  available: boolean;
  hits: DiscoveryHit[];
  /** Selectors of a compared type not looked up (beyond one call's cap; all of them when `limited`). */
  skipped: number;
  /** The user's hourly budget is spent (RATE_LIMITED): nothing was looked up. */
  limited: boolean;
}

/**
 * The other cases holding the selectors of a list (a watchlist's, as `type:value`): the first
 * DISCOVERY_KEYS_PER_CALL distinct ones of a compared type, in the list's order (the others are
 * never asked about: names, vessels, containers). Spends the user's budget as any lookup; when it
 * is spent, the list's own answer goes on without them (`limited`).
 */
export async function discoverList(store: Pick<CaseStore, 'discover'>, selectors: readonly string[]): Promise<ListDiscovery> {
  const keys = new Set<string>();
  const asked: string[] = [];
  for (const s of selectors) {
    const r = discoveryKey(s);
    if (!r.ok || keys.has(r.key)) continue;
    keys.add(r.key);
    if (asked.length < DISCOVERY_KEYS_PER_CALL) asked.push(s);
  }
  try {
    const r = await discoverSelectors(store, { selectors: asked });
    return { available: r.available, hits: r.hits, skipped: keys.size - asked.length, limited: false };
  } catch (e) {
    if (e instanceof ClewError && e.code === 'RATE_LIMITED') return { available: true, hits: [], skipped: keys.size, limited: true };
    throw e;
  }
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
