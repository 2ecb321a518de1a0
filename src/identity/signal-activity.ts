/**
 * Activity signals: similar hours of the day (cosine of the 24-hour histograms) and writing
 * habits (mean message length). Weak on their own; they separate look-alikes.
 */
import type { Evidence, HandleInfo } from './types.js';

export const HOURS_WEIGHT = 1.5;
export const HABITS_WEIGHT = 1;
/** Fewer messages than this on either side: no evidence. */
export const MIN_MESSAGES = 15;

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

const clip = (x: number): number => Math.max(-1, Math.min(1, x));

export function hoursEvidence(a: HandleInfo, b: HandleInfo): Evidence[] {
  if (a.messages < MIN_MESSAGES || b.messages < MIN_MESSAGES) return [];
  const c = cosine(a.hours, b.hours);
  const contribution = HOURS_WEIGHT * clip((c - 0.6) / 0.3);
  return [{ signal: 'hours', weight: HOURS_WEIGHT, value: c, contribution, summary: `active hours cosine ${c.toFixed(2)}` }];
}

export function habitsEvidence(a: HandleInfo, b: HandleInfo): Evidence[] {
  if (a.messages < MIN_MESSAGES || b.messages < MIN_MESSAGES || a.meanLength <= 0 || b.meanLength <= 0) return [];
  const r = Math.min(a.meanLength, b.meanLength) / Math.max(a.meanLength, b.meanLength);
  const contribution = HABITS_WEIGHT * clip((r - 0.8) / 0.2);
  return [{ signal: 'habits', weight: HABITS_WEIGHT, value: r, contribution, summary: `mean message length ${a.meanLength.toFixed(0)} vs ${b.meanLength.toFixed(0)} characters` }];
}
