/**
 * A call's context (an evidence report's item): the calls and messages between its two parties,
 * either way, nearest to it in time. The order is the store's (CommunicationKey: time, then calls
 * before messages at the same millisecond, then id), so the context is the same on every build.
 * Accounts carry their best name (`label`), as in a thread page.
 */
import type { AccountView, CallPort, CallView, IdentityPort, MessagePort, MessageView } from '../store/types.js';
import { labelAccounts, MAX_THREAD_PAGE } from './thread.js';

export type CallContextEntry = { kind: 'call'; call: CallView } | { kind: 'message'; message: MessageView };

export interface CallContext {
  /** The cited call labelled. */
  call: CallView;
  /** Oldest first, the cited call among them. */
  entries: CallContextEntry[];
  moreBefore: boolean;
  moreAfter: boolean;
}

/** Up to `before` communications before the call and `after` after it between its caller and callee. NOT_FOUND for no such call. */
export async function callContext(store: CallPort & MessagePort & IdentityPort, id: number, opts: { before: number; after: number }): Promise<CallContext> {
  const [call] = await store.calls([id]);
  const before = Math.min(Math.max(0, opts.before), MAX_THREAD_PAGE);
  const after = Math.min(Math.max(0, opts.after), MAX_THREAD_PAGE);
  const at = { kind: 'call' as const, id: call!.id, ts: call!.ts };
  // one extra on each side tells whether there is more
  const earlier = (await store.between(call!.caller.id, call!.callee.id, at, 'before', before + 1)).reverse();
  const later = await store.between(call!.caller.id, call!.callee.id, at, 'after', after + 1);
  const keys = [...earlier.slice(Math.max(0, earlier.length - before)), at, ...later.slice(0, after)];
  const calls = new Map((await store.calls(keys.filter((k) => k.kind === 'call').map((k) => k.id))).map((c) => [c.id, c]));
  const messages = new Map<number, MessageView>();
  for (const k of keys) if (k.kind === 'message') messages.set(k.id, await store.message(k.id));
  const accounts = [...calls.values()].flatMap((c) => [c.caller, c.callee]).concat([...messages.values()].flatMap((m) => [m.sender, ...m.recipients]));
  const labels = await labelAccounts(store, [call!.caller, call!.callee, ...accounts]);
  const label = (a: AccountView): AccountView => ({ ...a, label: labels.get(a.id) ?? a.displayName ?? a.handle });
  const labelCall = (c: CallView): CallView => ({ ...c, caller: label(c.caller), callee: label(c.callee) });
  return {
    call: labelCall(call!),
    entries: keys.map((k) =>
      k.kind === 'call' ? { kind: 'call', call: labelCall(calls.get(k.id)!) } : { kind: 'message', message: { ...messages.get(k.id)!, sender: label(messages.get(k.id)!.sender), recipients: messages.get(k.id)!.recipients.map(label) } },
    ),
    moreBefore: earlier.length > before,
    moreAfter: later.length > after,
  };
}
