/**
 * One thread checking audit entries for `clew audit verify` (verify-threads.ts): a chunk of
 * packed entries in, their leaf hashes and times (or the first problem) out. Started from dist/.
 */
import { parentPort } from 'node:worker_threads';
import { type CheckedRows, type PackedRows, checkRows } from './check-rows.js';

export interface CheckTask {
  id: number;
  rows: PackedRows;
  /** The place of the chunk's first entry. */
  first: number;
}

export interface CheckReply {
  id: number;
  checked: CheckedRows;
}

parentPort!.on('message', (t: CheckTask) => {
  const checked = checkRows(t.rows, t.first);
  parentPort!.postMessage({ id: t.id, checked } satisfies CheckReply, [checked.hashes.buffer as ArrayBuffer, checked.ats.buffer as ArrayBuffer, checked.subtreeHashes.buffer as ArrayBuffer]);
});
