/**
 * The selector keys that cross-case discovery (docs/team.md) compares between cases: `type:value`
 * with the watchlist's normalisers (selector.ts), for the kinds of selector that name one person's
 * line, account, money or mailbox: phone numbers, PINs and handles, e-mail addresses, IBANs and
 * wallets. The same function derives a case's keys at ingest (from its accounts' handles and
 * references and from the entities extracted from its messages) and a user's keys when they look
 * at a selector, so both sides meet on exactly equal strings. Names, vessels and containers are
 * left out: shared by many unrelated cases, they would say nothing.
 */
import { classifySelector, type SelectorType } from './selector.js';

/** Keys one lookup may ask about (the database refuses more: store/postgres/discovery.ts). */
export const DISCOVERY_KEYS_PER_CALL = 500;
/** Keys one user may ask about in an hour, found or not (the database refuses more). */
export const DISCOVERY_KEYS_PER_HOUR = 5000;

/** The selector types discovery compares. */
export const DISCOVERY_TYPES = ['phone', 'email', 'iban', 'crypto', 'handle'] as const satisfies readonly SelectorType[];
export type DiscoveryType = (typeof DISCOVERY_TYPES)[number];

/** Entity (mention) types whose normalised values are discovery keys as they are. */
export const DISCOVERY_MENTION_TYPES: readonly string[] = ['phone', 'email', 'iban', 'crypto'];

const isDiscoveryType = (t: string): t is DiscoveryType => (DISCOVERY_TYPES as readonly string[]).includes(t);

/**
 * The keys an account's handle or reference stands for: the handle itself (folded, as a watchlist's
 * `pin:` selector matches it), the part after a platform prefix (`sky:ABC123` is also `ABC123`), a
 * phone number when it is one, an e-mail address when it is one, and the phone number of a
 * messenger's phone-number address (381641234567@s.whatsapp.net).
 */
export function accountKeys(s: string): string[] {
  const keys = new Set<string>();
  if (!s) return [];
  const add = (type: DiscoveryType, value: string) => {
    const r = classifySelector(`${type}:${value}`);
    if (r.ok) keys.add(`${r.type}:${r.value}`);
  };
  const bare = s.includes(':') && !s.includes('@') ? s.slice(s.indexOf(':') + 1) : s;
  add('handle', s);
  if (bare !== s) add('handle', bare);
  if (/[0-9]{7}/.test(bare.replace(/[^0-9]/g, '')) && /^[+0-9()\-./ ]+$/.test(bare)) add('phone', bare);
  if (bare.includes('@')) {
    add('email', bare);
    const local = /^\+?([0-9]{7,15})@/.exec(bare);
    if (local) add('phone', `+${local[1]}`);
  }
  return [...keys];
}

export type DiscoveryKeyResult = { ok: true; key: string; type: DiscoveryType; value: string } | { ok: false; reason: string };

/**
 * The key of one selector a user looks at, as a watchlist reads it (`phone:+381…`, `iban:…`,
 * `pin:…`, or bare): refused when it is too broad or malformed (the watchlist's rules) or of a
 * type discovery does not compare (a name, a vessel, a container).
 */
export function discoveryKey(selector: string): DiscoveryKeyResult {
  const r = classifySelector(selector);
  if (!r.ok) return { ok: false, reason: r.reason };
  if (!isDiscoveryType(r.type)) return { ok: false, reason: `a ${r.type} is not compared across cases (only ${DISCOVERY_TYPES.join(', ')})` };
  return { ok: true, key: `${r.type}:${r.value}`, type: r.type, value: r.value };
}
