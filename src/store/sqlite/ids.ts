/**
 * Identifiers derived from content, so that ingesting the same data twice yields the same ids.
 */
import { createHash } from 'node:crypto';
import type { Locator } from '../../model/records.js';

/** Slots per millisecond in a message id: id = ts_ms * SLOTS + slot. ts < 2^42 keeps ids below 2^53. */
export const SLOTS = 2048;

/** 16 bytes of SHA-256 over the parts joined by NUL. */
export function digest16(...parts: (string | number)[]): Buffer {
  const h = createHash('sha256');
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) h.update('\0');
    h.update(String(parts[i]));
  }
  return h.digest().subarray(0, 16);
}

/** A stable text key of a locator (for record ids). */
export function locatorKey(l: Locator): string {
  return `${l.entry ?? ''}|${l.path ?? ''}|${l.line ?? ''}|${l.offset ?? ''}`;
}

/** The first id to try for a message at `ts` with record id `rid`. */
export function messageIdBase(ts: number, rid: Buffer): number {
  return ts * SLOTS + (rid.readUInt16BE(0) & (SLOTS - 1));
}

export function tsOfMessageId(id: number): number {
  return Math.floor(id / SLOTS);
}
