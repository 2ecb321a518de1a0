/**
 * Message ids: time-ordered and derived from the record's time and place in its source, so that
 * ingesting the same data gives the same ids.
 */
import type { Locator } from './records.js';

/** Slots per millisecond in a message id: id = ts_ms * SLOTS + slot. ts < 2^42 keeps ids below 2^53. */
export const SLOTS = 2048;

/** FNV-1a of a string, 32 bits. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The first id to try for a message at `ts`: the slot comes from where the record sits in its file. */
export function messageIdBase(ts: number, l: Locator): number {
  const salt = l.offset ?? l.line ?? 0;
  const mix = l.path !== undefined || l.entry !== undefined ? fnv1a(`${l.entry ?? ''}|${l.path ?? ''}`) : 0;
  return ts * SLOTS + (((salt ^ mix) >>> 0) % SLOTS);
}
