/** GET /api/generation: how the workspace learns that its case changed (see routes/changes.ts). */
export interface GenerationResponse {
  /**
   * Grows each time the server sees the case change (an ingest, merge, lexicon edit or identity
   * decision, from the workspace, another tab or the CLI in another process): when it moves, what
   * a view shows is stale and is fetched again.
   */
  generation: number;
}
