/** Paging through a conversation around one message (the workspace's "earlier" / "later"). */
import { conversationTitle } from '../identity/conversation-title.js';
import { bestName } from '../identity/resolve-ref.js';
import type { AccountView, IdentityPort, MessagePort, MessageView } from '../store/types.js';

export interface ThreadPage {
  /** Oldest first; includes the anchor message. Accounts carry their best name (`label`). */
  messages: MessageView[];
  /** Whether more messages exist before the first / after the last of this page. */
  moreBefore: boolean;
  moreAfter: boolean;
  /**
   * The conversation's title: its own when it is a real one, else its members' best names
   * ("Tata, Kum, Ljuba +3"); null for a direct exchange without one.
   */
  title: string | null;
  /** The members seen on the page (senders and recipients of the anchor's conversation), most active first, labelled. */
  members: AccountView[];
}

export const MAX_THREAD_PAGE = 200;
/** Accounts labelled per page (the names are read for these only: fast on a big case). */
const MAX_LABELLED = 100;

/** The names phones saved these accounts under, with how many phones saved each (one indexed read). */
async function savedNamesOf(store: IdentityPort, ids: readonly number[]): Promise<Map<number, { name: string; owners: number }[]>> {
  const savedOf = new Map<number, { name: string; owners: number }[]>();
  if (ids.length === 0) return savedOf;
  for (const r of await store.identity().savedNamesOf(ids)) {
    let l = savedOf.get(r.contact);
    if (!l) savedOf.set(r.contact, (l = []));
    l.push({ name: r.name, owners: r.owners });
  }
  return savedOf;
}

/** The accounts labelled among `accounts`: the first MAX_LABELLED distinct ones. */
const labelledIds = (accounts: readonly AccountView[]): number[] => [...new Set(accounts.map((a) => a.id))].slice(0, MAX_LABELLED);

function bestLabels(accounts: readonly AccountView[], savedOf: Map<number, { name: string; owners: number }[]>): Map<number, string> {
  const out = new Map<number, string>();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  for (const id of labelledIds(accounts)) {
    const a = byId.get(id)!;
    const saved = [...(savedOf.get(id) ?? [])].sort((x, y) => y.owners - x.owners || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    out.set(id, bestName(a, saved).label);
  }
  return out;
}

/** Best names of a few accounts: display name, else the name most phones saved, else the handle. */
export async function labelAccounts(store: IdentityPort, accounts: readonly AccountView[]): Promise<Map<number, string>> {
  return bestLabels(accounts, await savedNamesOf(store, labelledIds(accounts)));
}

/** The same accounts, each with its best name as `label` (see labelAccounts; the first MAX_LABELLED). */
export async function withLabels(store: IdentityPort, accounts: readonly AccountView[]): Promise<AccountView[]> {
  const labels = await labelAccounts(store, accounts);
  return accounts.map((a) => (labels.has(a.id) ? { ...a, label: labels.get(a.id)! } : a));
}

/** Top talkers (stats) with their accounts labelled. */
export async function labelTalkers<T extends { account: AccountView }>(store: IdentityPort, rows: readonly T[]): Promise<T[]> {
  const accounts = await withLabels(store, rows.map((r) => r.account));
  return rows.map((r, i) => ({ ...r, account: accounts[i]! }));
}

/** Up to `before` messages before `id` and `after` after it, in its conversation (or exchange). */
export async function threadPage(store: MessagePort & IdentityPort, id: number, opts: { before: number; after: number }): Promise<ThreadPage> {
  return (await threadPages(store, [id], opts))[0]!;
}

/** Thread pages read at once (an evidence report's cited messages). */
const PAGES_AT_ONCE = 250;

/**
 * The thread pages of many messages (one per id, in order), each as threadPage makes it, read in
 * batches: one store read of the pages and one of the saved names per PAGES_AT_ONCE ids.
 */
export async function threadPages(store: MessagePort & IdentityPort, ids: readonly number[], opts: { before: number; after: number }): Promise<ThreadPage[]> {
  const before = Math.min(Math.max(0, opts.before), MAX_THREAD_PAGE);
  const after = Math.min(Math.max(0, opts.after), MAX_THREAD_PAGE);
  const out: ThreadPage[] = [];
  for (let i = 0; i < ids.length; i += PAGES_AT_ONCE) {
    const chunk = ids.slice(i, i + PAGES_AT_ONCE);
    // one extra on each side tells whether there is more
    const alls = await store.threads(chunk, { before: before + 1, after: after + 1 });
    const pages = chunk.map((id, k) => pageOf(alls[k]!, id, before, after));
    const savedOf = await savedNamesOf(store, [...new Set(pages.flatMap((p) => labelledIds(p.toLabel)))]);
    for (const p of pages) out.push(p.finish(bestLabels(p.toLabel, savedOf)));
  }
  return out;
}

/** One page cut from its thread, and the accounts it labels (the labels come from one read for many pages). */
function pageOf(all: MessageView[], id: number, before: number, after: number): { toLabel: AccountView[]; finish: (labels: Map<number, string>) => ThreadPage } {
  const at = all.findIndex((m) => m.id === id);
  const nBefore = at;
  const nAfter = all.length - at - 1;
  const page = all.slice(Math.max(0, at - before), at + after + 1);
  const anchor = all[at];
  // members: who sends and receives in the anchor's conversation on this page, most active first
  const activity = new Map<number, { a: AccountView; n: number }>();
  const seen = (a: AccountView, n: number) => {
    const e = activity.get(a.id);
    if (e) e.n += n;
    else activity.set(a.id, { a, n });
  };
  for (const m of page) {
    if (anchor && m.conversationId !== anchor.conversationId) continue;
    seen(m.sender, 1);
    for (const r of m.recipients) seen(r, 0);
  }
  const accounts = page.flatMap((m) => [m.sender, ...m.recipients]);
  const toLabel = [...[...activity.values()].sort((x, y) => y.n - x.n).map((e) => e.a), ...accounts];
  const finish = (labels: Map<number, string>): ThreadPage => {
    const label = (a: AccountView): AccountView => ({ ...a, label: labels.get(a.id) ?? a.displayName ?? a.handle });
    const members = [...activity.values()].sort((x, y) => y.n - x.n || x.a.id - y.a.id).map((e) => label(e.a));
    const title = anchor?.conversationId != null ? conversationTitle(anchor.conversationTitle, members.map((m) => m.label!)) : null;
    return {
      messages: page.map((m) => ({
        ...m,
        sender: label(m.sender),
        recipients: m.recipients.map(label),
        conversationTitle: m.conversationId != null && m.conversationId === anchor?.conversationId ? title : m.conversationTitle,
      })),
      moreBefore: nBefore > before,
      moreAfter: nAfter > after,
      title,
      members,
    };
  };
  return { toLabel, finish };
}
