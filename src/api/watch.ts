/**
 * Watchlists: a list of selectors (phone numbers, PINs, e-mails, IBANs, wallets, containers,
 * vessels, IMO numbers, names) checked against the case in one batch. Each selector is
 * classified and normalised once (src/text/watch), then matched:
 *  - accounts: every account's handle, reference and display name go through the same
 *    normalisers (a handle that is a phone number or an e-mail gives that key too), and a
 *    confirmed person's name names its accounts;
 *  - messages: those that mention the value (the entity mentions the ingest extracted) and those
 *    the matched accounts sent or received (store WatchPort.watchMessages, one batch).
 * The answer is a row per selector: accounts, message count with the first ids, first and last
 * time; as a table (CLI, workspace) and as CSV.
 *
 * Scope: this case. Team mode (every case the user may read) needs an access model clew does not
 * have yet; it would call `matchSelectors` once per readable case and add a case column
 * (`WatchScope` is the seam).
 */
import { ClewError } from '../model/errors.js';
import { csvTable, csvTime, type CsvColumn } from './csv.js';
import { classifySelector, handleKey, nameKey } from '../text/watch/selector.js';
import { parseSelectorList, type SelectorList, type SelectorListProblem } from '../text/watch/selector-list.js';
import type { AccountView, IdentityPort, NetworkPort, StoredSelector, WatchlistSummary, WatchMessageQuery, WatchMessageRow, WatchPort } from '../store/types.js';
import { defaultUser } from './identity.js';

/** Message ids listed per selector. */
export const WATCH_IDS = 5;
/** Accounts listed (and whose messages count) per selector. */
export const MAX_ACCOUNTS_PER_SELECTOR = 50;
export const MAX_WATCHLIST_NAME = 200;
/** Selectors matched per store call. */
const BATCH = 10_000;

/** Where a watchlist runs: this case (team mode, across the cases a user may read, is not built yet). */
export type WatchScope = { kind: 'case' };

export type WatchStore = Pick<WatchPort, 'watchMessages' | 'watchlists' | 'watchlist' | 'putWatchlist' | 'removeWatchlist'> & Pick<NetworkPort, 'accounts'> & IdentityPort;

export interface WatchRow extends StoredSelector {
  accounts: AccountView[];
  /** Accounts matched, when more than those listed. */
  accountsTotal: number;
  messages: number;
  /** The first message ids, oldest first. */
  ids: number[];
  first: number | null;
  last: number | null;
}

export interface WatchResult {
  scope: WatchScope;
  rows: WatchRow[];
  /** Selectors with at least one account or message. */
  matched: number;
  elapsedMs: number;
}

/** Mention types a selector type matches in message text. */
const MENTION_TYPES: Readonly<Record<string, string | undefined>> = {
  phone: 'phone', email: 'email', iban: 'iban', crypto: 'crypto', container: 'container', imo: 'imo', vessel: 'vessel',
};

/** Mention values a selector matches: a vessel with and without a ship prefix (the extractor keeps it after a keyword: "brod MV Ocean Star"). */
function mentionValues(type: string, value: string): string[] {
  if (type !== 'vessel') return [value];
  const bare = value.replace(/^(?:M\/?[VT]|MS) /, '');
  return [bare, ...['MV', 'M/V', 'MT', 'M/T', 'MS'].map((p) => `${p} ${bare}`)];
}

/** The account keys a selector looks for (`type:value`). */
function accountKey(type: string, value: string): string | null {
  return type === 'phone' || type === 'email' || type === 'handle' || type === 'name' ? `${type}:${value}` : null;
}

/** The keys an account is known by, from the same normalisers as the selectors. */
function keysOfAccount(a: AccountView): string[] {
  const keys = new Set<string>();
  for (const s of [a.handle, a.ref]) {
    if (!s) continue;
    keys.add(`handle:${handleKey(s)}`);
    const bare = s.includes(':') && !s.includes('@') ? s.slice(s.indexOf(':') + 1) : s;
    if (bare !== s) keys.add(`handle:${handleKey(bare)}`);
    if (/[0-9]{7}/.test(bare.replace(/[^0-9]/g, '')) && /^[+0-9()\-./ ]+$/.test(bare)) {
      const p = classifySelector(`phone:${bare}`);
      if (p.ok) keys.add(`phone:${p.value}`);
    }
    if (bare.includes('@')) {
      const e = classifySelector(`email:${bare}`);
      if (e.ok) keys.add(`email:${e.value}`);
      // a messenger's phone-number address (381641234567@s.whatsapp.net) is that phone number too
      const local = /^\+?([0-9]{7,15})@/.exec(bare);
      if (local) {
        const p = classifySelector(`phone:+${local[1]}`);
        if (p.ok) keys.add(`phone:${p.value}`);
      }
    }
  }
  if (a.displayName) {
    keys.add(`name:${nameKey(a.displayName)}`);
    keys.add(`handle:${handleKey(a.displayName)}`);
  }
  return [...keys];
}

/** Match selectors against the case: one row per selector, in order. */
export async function matchSelectors(store: WatchStore, selectors: readonly StoredSelector[], opts: { ids?: number } = {}): Promise<WatchResult> {
  const t0 = performance.now();
  const wanted = new Set<string>();
  for (const s of selectors) {
    const k = accountKey(s.type, s.value);
    if (k) wanted.add(k);
  }
  // accounts by key, for the keys some selector wants
  const byKey = new Map<string, AccountView[]>();
  const add = (k: string, a: AccountView) => {
    if (!wanted.has(k)) return;
    let l = byKey.get(k);
    if (!l) byKey.set(k, (l = []));
    if (!l.some((x) => x.id === a.id)) l.push(a);
  };
  if (wanted.size > 0) {
    const byId = new Map<number, AccountView>();
    for await (const chunk of store.accounts())
      for (const a of chunk) {
        byId.set(a.id, a);
        for (const k of keysOfAccount(a)) add(k, a);
      }
    const persons = await store.identity().persons();
    for (const p of persons) for (const a of p.accounts) add(`name:${nameKey(p.name)}`, byId.get(a.id) ?? a);
  }
  // one store query per distinct selector
  const distinct = new Map<string, number>();
  const queries: WatchMessageQuery[] = [];
  const accountsOf: AccountView[][] = [];
  // selectors that ask the same question (a PIN and a display name of one account) share it
  const bySignature = new Map<string, number>();
  const queryOf = selectors.map((s) => {
    const key = `${s.type}\u0000${s.value}`;
    let i = distinct.get(key);
    if (i === undefined) {
      const accounts = byKey.get(accountKey(s.type, s.value) ?? '') ?? [];
      const mt = MENTION_TYPES[s.type];
      const q: WatchMessageQuery = {
        mentions: mt ? mentionValues(s.type, s.value).map((value) => ({ type: mt, value })) : [],
        accounts: accounts.slice(0, MAX_ACCOUNTS_PER_SELECTOR).map((a) => a.id).sort((x, y) => x - y),
      };
      const signature = `${q.mentions.map((m) => `${m.type}\u0001${m.value}`).join('\u0000')}\u0002${q.accounts.join(',')}`;
      i = bySignature.get(signature);
      if (i === undefined) {
        i = queries.length;
        bySignature.set(signature, i);
        queries.push(q);
      }
      distinct.set(key, i);
      accountsOf[i] = accounts;
    }
    return i;
  });
  const answers: WatchMessageRow[] = [];
  for (let i = 0; i < queries.length; i += BATCH) answers.push(...(await store.watchMessages(queries.slice(i, i + BATCH), { ids: opts.ids ?? WATCH_IDS })));
  let matched = 0;
  const rows = selectors.map((s, i): WatchRow => {
    const q = queryOf[i]!;
    const a = answers[q]!;
    const accounts = accountsOf[q]!;
    if (accounts.length > 0 || a.messages > 0) matched++;
    return { ...s, accounts: accounts.slice(0, MAX_ACCOUNTS_PER_SELECTOR), accountsTotal: accounts.length, messages: a.messages, ids: a.ids, first: a.first, last: a.last };
  });
  return { scope: { kind: 'case' }, rows, matched, elapsedMs: performance.now() - t0 };
}

function checkName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > MAX_WATCHLIST_NAME) throw new ClewError('INVALID_ARGUMENT', `a watchlist needs a name of 1 to ${MAX_WATCHLIST_NAME} characters`, { parameter: 'name' });
  return n;
}

export interface AddWatchlistResult {
  summary: WatchlistSummary;
  problems: SelectorListProblem[];
  legacyLines: number[];
  encoding: SelectorList['encoding'];
}

/** Read a selector list and store it in the case under a name (replacing one of that name). */
export async function addWatchlist(store: WatchStore, name: string, input: Uint8Array | string, opts: { by?: string; defaultRegion?: string } = {}): Promise<AddWatchlistResult> {
  const n = checkName(name);
  const list = parseSelectorList(input, { defaultRegion: opts.defaultRegion });
  if (list.selectors.length === 0)
    throw new ClewError('INVALID_ARGUMENT', `no usable selector in the list (${list.problems.length} line${list.problems.length === 1 ? '' : 's'} refused${list.problems[0] ? `; line ${list.problems[0].line}: ${list.problems[0].reason}` : ''})`, {
      parameter: 'file',
    });
  const summary = await store.putWatchlist(n, list.selectors, opts.by ?? defaultUser());
  return { summary, problems: list.problems, legacyLines: list.legacyLines, encoding: list.encoding };
}

/** Run a stored watchlist. */
export async function runWatchlist(store: WatchStore, name: string, opts: { ids?: number } = {}): Promise<WatchResult & { watchlist: WatchlistSummary }> {
  const w = await store.watchlist(name);
  if (!w) throw new ClewError('NOT_FOUND', `no watchlist named "${name}"`, { name });
  return { ...(await matchSelectors(store, w.selectors, opts)), watchlist: w.summary };
}

const WATCH_CSV: readonly CsvColumn<WatchRow>[] = [
  { header: 'line', value: (r) => r.line },
  { header: 'selector', value: (r) => r.raw },
  { header: 'type', value: (r) => r.type },
  { header: 'value', value: (r) => r.value },
  { header: 'note', value: (r) => r.note ?? '' },
  { header: 'accounts', value: (r) => r.accounts.map((a) => a.ref).join(' | ') },
  { header: 'accounts_total', value: (r) => r.accountsTotal },
  { header: 'messages', value: (r) => r.messages },
  { header: 'first_message_ids', value: (r) => r.ids.join(' ') },
  { header: 'first', value: (r) => csvTime(r.first) },
  { header: 'last', value: (r) => csvTime(r.last) },
];

export const WATCH_CSV_HEADER = WATCH_CSV.map((c) => c.header);

/**
 * The result as CSV, one line per selector, by the workspace's table rules (api/csv.ts): RFC 4180,
 * CRLF, a UTF-8 byte-order mark, and a cell that begins with = + - @ (a phone number too) prefixed
 * with an apostrophe so that a spreadsheet never runs it.
 */
export function watchCsv(rows: readonly WatchRow[]): string {
  return csvTable(WATCH_CSV, rows);
}
