/** Paging through a conversation around one message (the workspace's "earlier" / "later"). */
import type { MessagePort, MessageView } from '../store/types.js';

export interface ThreadPage {
  /** Oldest first; includes the anchor message. */
  messages: MessageView[];
  /** Whether more messages exist before the first / after the last of this page. */
  moreBefore: boolean;
  moreAfter: boolean;
}

export const MAX_THREAD_PAGE = 200;

/** Up to `before` messages before `id` and `after` after it, in its conversation (or exchange). */
export async function threadPage(store: MessagePort, id: number, opts: { before: number; after: number }): Promise<ThreadPage> {
  const before = Math.min(Math.max(0, opts.before), MAX_THREAD_PAGE);
  const after = Math.min(Math.max(0, opts.after), MAX_THREAD_PAGE);
  // one extra on each side tells whether there is more
  const all = await store.thread(id, { before: before + 1, after: after + 1 });
  const at = all.findIndex((m) => m.id === id);
  const nBefore = at;
  const nAfter = all.length - at - 1;
  return {
    messages: all.slice(Math.max(0, at - before), at + after + 1),
    moreBefore: nBefore > before,
    moreAfter: nAfter > after,
  };
}
