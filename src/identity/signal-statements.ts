/**
 * Explicit statements in messages: "new number", "novi broj", "nieuw nummer", "this is X's new
 * PIN: 7B1D22" in the case languages (Serbian Latin and Cyrillic fold to one form, Dutch, English,
 * French, Spanish, Portuguese, Arabic). Two forms:
 *  - self-announcement: a handle says "new number" within days of its first message, to someone
 *    the other handle talked to → the earlier handle is the same person;
 *  - third party: a message names a handle (PIN or number) next to a statement phrase and a name
 *    that the other handle's contacts use for it.
 */
import { normalise } from '../text/normalise/normalise.js';
import { nameKey } from './name-key.js';
import { tokenSimilarity } from './name-similarity.js';
import type { NameIndex } from './signal-names.js';
import type { Evidence, HandleInfo, StatementMessage } from './types.js';

const DAY = 86_400_000;
export const STATEMENT_WEIGHT = 4;
/** A self-announcement is weaker: it says "new", not whose. */
export const SELF_ANNOUNCE_WEIGHT = 2.5;
/** The earlier handle must have gone silent within this window before the announcing one started. */
export const SILENT_BEFORE_MS = 14 * DAY;
/** A self-announcement counts when sent within this time of the handle's first message. */
export const ANNOUNCE_WINDOW_MS = 7 * DAY;

/** Folded phrases (as the normaliser writes them) that announce a new handle. */
export const STATEMENT_PHRASES: readonly string[] = [
  'novi broj', 'novi pin', 'nov broj', 'promenio sam broj', 'promijenio sam broj',
  'new number', 'new pin',
  'nieuw nummer', 'nieuwe nummer', 'nieuwe pin',
  'nouveau numero', 'nouveau pin',
  'numero nuevo', 'nuevo pin', 'nuevo numero',
  'numero novo', 'pin novo', 'novo numero',
  'رقم جديد', 'رقمي الجديد',
];

/** Looser phrases that count only next to a handle's PIN or number (third-party statements). */
export const THIRD_PARTY_PHRASES: readonly string[] = ['zit nu op', 'stari je mrtav', 'se javlja sa', 'is on', 'الجديد', 'nieuwe nummer van'];

const phraseRe = (ps: readonly string[]): RegExp =>
  new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${ps.map((p) => p.replace(/ /g, '\\s+')).join('|')})(?=$|[^\\p{L}\\p{N}])`, 'u');
const THIRD_RE = phraseRe(THIRD_PARTY_PHRASES);

const PHRASE_RE = phraseRe(STATEMENT_PHRASES);

/** Does the text state a new handle? (folded comparison, linear-time pattern) */
export function isStatement(body: string): boolean {
  return PHRASE_RE.test(normalise(body.slice(0, 2000)));
}

export interface StatementIndex {
  /** Self-announcements by the announcing handle. */
  selfBy: Map<number, StatementMessage[]>;
  /** Third-party statements by the handle they name. */
  naming: Map<number, { message: StatementMessage; tokens: string[] }[]>;
}

/** `handleByText`: lowercase handle text without a leading "+" → account id. */
export function indexStatements(messages: readonly StatementMessage[], handles: Map<number, HandleInfo>, handleByText: Map<string, number>): StatementIndex {
  const selfBy = new Map<number, StatementMessage[]>();
  const naming = new Map<number, { message: StatementMessage; tokens: string[] }[]>();
  for (const m of messages) {
    const folded = normalise(m.body.slice(0, 2000));
    const strict = PHRASE_RE.test(folded);
    if (!strict && !THIRD_RE.test(folded)) continue;
    const tokens = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
    let named: number | undefined;
    for (const t of tokens) {
      const id = handleByText.get(t);
      if (id !== undefined && id !== m.sender) named = id;
    }
    if (named !== undefined) {
      const l = naming.get(named) ?? [];
      l.push({ message: m, tokens });
      naming.set(named, l);
      continue;
    }
    const h = handles.get(m.sender);
    if (strict && h && h.first !== null && m.ts - h.first <= ANNOUNCE_WINDOW_MS) {
      const l = selfBy.get(m.sender) ?? [];
      l.push(m);
      selfBy.set(m.sender, l);
    }
  }
  return { selfBy, naming };
}

/**
 * Evidence that `later` is the new handle of `earlier`'s person. `partnersOfEarlier`: the
 * earlier handle's contacts (raw account ids).
 */
export function statementsEvidence(ix: StatementIndex, names: NameIndex, earlier: HandleInfo, later: HandleInfo, partnersOfEarlier: Set<number>): Evidence[] {
  const msgs: number[] = [];
  const why: string[] = [];
  let weight = 0;
  const silentInTime =
    earlier.last !== null && later.first !== null && earlier.last <= later.first + 3 * DAY && later.first - earlier.last <= SILENT_BEFORE_MS;
  for (const m of silentInTime ? (ix.selfBy.get(later.id) ?? []) : [])
    if (m.recipients.some((r) => partnersOfEarlier.has(r))) {
      msgs.push(m.id);
      weight = SELF_ANNOUNCE_WEIGHT;
      if (why.length === 0) why.push('announces a new number to a contact of the other, which went silent just before');
    }
  const nm = names.names(earlier.id);
  for (const { message, tokens } of ix.naming.get(later.id) ?? []) {
    if (!nm) break;
    const hit = nm.names.find((n) => n.key.tokens.some((t) => tokens.some((u) => u.length >= 3 && tokenSimilarity(t, nameKey(u).tokens[0] ?? t) >= 0.95)));
    if (hit) {
      msgs.push(message.id);
      weight = STATEMENT_WEIGHT;
      why.push(`a third party gives it as the new handle of "${hit.name}"`);
    }
  }
  if (msgs.length === 0) return [];
  return [{ signal: 'statements', weight, value: msgs.length, contribution: weight, summary: [...new Set(why)].join('; '), messages: msgs.slice(0, 20) }];
}
