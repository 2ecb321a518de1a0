/**
 * Run every registered extractor on one message and resolve overlaps.
 *
 * Overlap policy: when two mentions overlap, the one kept is (1) checksum-validated (confidence 1) over not,
 * (2) longer, (3) higher confidence, (4) earlier, (5) earlier in the registry. Mentions whose spans are
 * identical but of different types are also resolved this way (one span, one entity). The result is
 * sorted by start. An extractor that throws is skipped (its bug must not lose the other entities).
 */
import type { Mention } from '../../model/entities.js';
import { EXTRACTORS } from './registry.js';
import { MAX_EXTRACT_CHARS, type ExtractContext, type Extractor } from './types.js';

function better(a: Mention, b: Mention): number {
  const va = a.confidence >= 1 ? 1 : 0;
  const vb = b.confidence >= 1 ? 1 : 0;
  if (va !== vb) return vb - va;
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return lb - la;
  if (a.confidence !== b.confidence) return b.confidence - a.confidence;
  return a.start - b.start;
}

/** Keep a non-overlapping subset of mentions by the overlap policy; sorted by start. */
export function resolveOverlaps(mentions: Mention[]): Mention[] {
  if (mentions.length <= 1) return mentions.slice();
  // stable sort keeps registry order as the last tie-breaker
  const ranked = mentions.filter((m) => m.end > m.start).sort(better);
  const kept: Mention[] = [];
  // kept spans sorted by start, non-overlapping: binary search for the first span ending after `start`
  for (const m of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.end <= m.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < kept.length && kept[lo]!.start < m.end) continue;
    kept.splice(lo, 0, m);
  }
  return kept;
}

/** All entity mentions in `text` (UTF-16 spans into `text`), overlaps resolved, sorted by start. */
export function extractAll(text: string, ctx: ExtractContext = {}, extractors: readonly Extractor[] = EXTRACTORS): Mention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const body = text.length > MAX_EXTRACT_CHARS ? text.slice(0, MAX_EXTRACT_CHARS) : text;
  const all: Mention[] = [];
  for (const x of extractors) {
    let found: Mention[];
    try {
      found = x.extract(body, ctx);
    } catch {
      continue;
    }
    for (const m of found) all.push(m);
  }
  return resolveOverlaps(all);
}
