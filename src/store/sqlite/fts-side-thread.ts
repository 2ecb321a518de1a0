/**
 * Worker thread that builds a completing source's full-text rows in a side file while the
 * writer thread builds the case's read-side indexes (fts-build.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildSideFts } from './fts-build.js';

export type FromFtsSide = { built: boolean } | { error: string };

const { casePath, sourceId, sidePath } = workerData as { casePath: string; sourceId: number; sidePath: string };
let reply: FromFtsSide;
try {
  reply = { built: buildSideFts(casePath, sourceId, sidePath) };
} catch (e) {
  reply = { error: (e as Error).message };
}
parentPort!.postMessage(reply);
