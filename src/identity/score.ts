/**
 * Combining evidence: a sum of log-odds contributions plus a prior (most handle pairs are two
 * people), turned into a score in (0, 1) by the logistic function. Every contribution is kept
 * with the suggestion, so the score explains itself.
 */
import type { Evidence } from './types.js';

/** Prior log-odds that a candidate pair is one person. */
export const PRIOR_LOG_ODDS = -8;
/** Default threshold for suggesting a merge. */
export const DEFAULT_THRESHOLD = 0.5;

export function combine(evidence: readonly Evidence[]): { logOdds: number; score: number } {
  let x = PRIOR_LOG_ODDS;
  for (const e of evidence) x += e.contribution;
  return { logOdds: x, score: 1 / (1 + Math.exp(-x)) };
}
