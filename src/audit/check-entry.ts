/**
 * The checks of one stored audit entry at its place in the log, by the reference decoder
 * (entry.ts decodeLeaf): it is at its place (no gap: a removed entry is named), holds a
 * canonical leaf whose index is its own (a moved entry is named), matches its columns (user,
 * agency, case, action and time, which queries filter on) and its recorded leaf hash. The
 * verifier (verify-log.ts) folds the leaf hash of an entry that passes into the tree; the fast
 * path over packed rows (check-rows.ts) asks this for every entry it does not accept itself,
 * so every problem is named by this one function.
 */
import { decodeLeaf } from './entry.js';
import { leafHash, sameHash } from './hash.js';

/** An entry as stored: its place, the columns queries use, its leaf and the leaf hash recorded when written. */
export interface StoredAuditRow {
  index: number;
  at: number;
  user: string;
  agency: string | null;
  case: string | null;
  action: string;
  leaf: Buffer;
  leafHash: Buffer;
}

export type AuditProblemKind = 'missing' | 'moved' | 'leaf' | 'columns' | 'hash' | 'signature' | 'key' | 'root' | 'consistency' | 'truncated' | 'unsigned';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The first entry that is (or may be) bad. */
  index: number;
  /** The signed head involved, by its size. */
  head?: number;
  message: string;
}

/** An entry that passed: its leaf hash (to fold into the tree) and its time. */
export interface CheckedEntry {
  hash: Buffer;
  at: number;
}

/** Check the row stored at place `i`: what to fold, or the problem. */
export function checkEntry(row: StoredAuditRow, i: number): CheckedEntry | AuditProblem {
  if (row.index !== i) return { kind: 'missing', index: i, message: `entry ${i} is missing: the next stored entry is ${row.index} (removed from the log)` };
  let entry;
  try {
    entry = decodeLeaf(row.leaf);
  } catch (e) {
    return { kind: 'leaf', index: i, message: `entry ${i}: ${(e as Error).message}` };
  }
  if (entry.index !== i) return { kind: 'moved', index: i, message: `entry ${i} holds the entry written as ${entry.index} (entries were reordered or renumbered)` };
  if (entry.at !== row.at || entry.user !== row.user || entry.agency !== row.agency || entry.case !== row.case || entry.action !== row.action)
    return { kind: 'columns', index: i, message: `entry ${i}: its user, agency, case, action or time were changed (they differ from its leaf)` };
  const hash = leafHash(row.leaf);
  if (!sameHash(hash, row.leafHash)) return { kind: 'hash', index: i, message: `entry ${i} was changed after it was written (its leaf no longer has its recorded hash)` };
  return { hash, at: entry.at };
}

export function isProblem(r: CheckedEntry | AuditProblem): r is AuditProblem {
  return 'kind' in r;
}
