/**
 * How the workspace learns that its case changed while it is open: an ingest, merge, lexicon
 * edit or identity decision from the CLI (another process), another tab or this one. The server
 * reads the case's change counter before each request (src/server/case-state.ts); this polls
 * GET /api/generation and, when it moves, fires `caseChanged()`: every view loading through
 * `useApi` fetches its data again (keeping what it shows until the new answer arrives).
 *
 * An ingest moves the counter at every batch: the refresh waits until the case has been quiet
 * for one poll, and at most MAX_WAIT_MS while it keeps changing.
 */
import { fetchApi, CASE_CHANGED, caseChanged, } from './api';

export const POLL_MS = 1500;
const MAX_WAIT_MS = 10_000;

let started = false;
let last: number | null = null;
let changingSince: number | null = null;
let firing = false;

async function poll(): Promise<void> {
  if (document.hidden) return;
  const g = (await fetchApi('/generation', {})).generation;
  if (last === null) {
    last = g;
    return;
  }
  if (g !== last) {
    last = g;
    changingSince ??= Date.now();
    if (Date.now() - changingSince < MAX_WAIT_MS) return; // still changing: wait for a quiet poll
  }
  if (changingSince !== null) {
    changingSince = null;
    firing = true;
    try {
      caseChanged();
    } finally {
      firing = false;
    }
  }
}

/** Start watching the case (once per page; App calls it). */
export function watchCase(): void {
  if (started) return;
  started = true;
  // a change this tab made itself (an upload's ingest, a decision) is refreshed already: take its generation as seen
  window.addEventListener(CASE_CHANGED, () => {
    if (firing) return;
    changingSince = null;
    last = null;
  });
  const loop = () => {
    poll()
      .catch(() => undefined) // the server may be restarting: try again at the next poll
      .finally(() => window.setTimeout(loop, POLL_MS));
  };
  loop();
}
