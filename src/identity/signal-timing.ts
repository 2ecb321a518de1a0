/**
 * Timing signal (handle rotation): one handle goes silent and the other starts within days.
 * Handles active side by side for longer than a few days are most likely two people.
 */
import type { HandleInfo } from './types.js';
import type { Evidence } from './types.js';

const DAY = 86_400_000;
export const TIMING_WEIGHTS = { adjacent: 2, near: 0.5, far: -2.5, concurrent: -4 } as const;
/** Overlap tolerated between the old handle's last and the new one's first message. */
export const OVERLAP_TOLERANCE_MS = 3 * DAY;
export const ADJACENT_MS = 14 * DAY;
export const NEAR_MS = 45 * DAY;

/** Signed gap from the earlier handle's last message to the later one's first (negative: overlap). */
export function gapMs(a: HandleInfo, b: HandleInfo): number | null {
  if (a.first === null || a.last === null || b.first === null || b.last === null) return null;
  const [early, late] = a.first <= b.first ? [a, b] : [b, a];
  return (late.first as number) - (early.last as number);
}

export function timingEvidence(a: HandleInfo, b: HandleInfo): Evidence[] {
  const g = gapMs(a, b);
  if (g === null) return [];
  const days = g / DAY;
  const w = g < -OVERLAP_TOLERANCE_MS ? TIMING_WEIGHTS.concurrent : g <= ADJACENT_MS ? TIMING_WEIGHTS.adjacent : g <= NEAR_MS ? TIMING_WEIGHTS.near : TIMING_WEIGHTS.far;
  const summary =
    g < -OVERLAP_TOLERANCE_MS ? `both active at the same time for ${(-days).toFixed(0)} days` : g < 0 ? `one starts ${(-days).toFixed(1)} days before the other stops` : `one stops, the other starts ${days.toFixed(1)} days later`;
  return [{ signal: 'timing', weight: w, value: Math.round(days * 10) / 10, contribution: w, summary }];
}
