/**
 * Quality measures of a clustering against ground truth (item → true cluster label):
 * pairwise precision/recall over same-cluster pairs, and B-cubed precision/recall/F1.
 * Items missing from `predicted` stand alone.
 */
export interface PairwiseScores {
  precision: number;
  recall: number;
  predictedPairs: number;
  truePairs: number;
  correctPairs: number;
}

export interface BCubedScores {
  precision: number;
  recall: number;
  f1: number;
}

function groupsOf<K>(labels: Map<K, string | number>): Map<string | number, K[]> {
  const g = new Map<string | number, K[]>();
  for (const [k, l] of labels) {
    const xs = g.get(l);
    if (xs) xs.push(k);
    else g.set(l, [k]);
  }
  return g;
}

/** `truth` and `predicted`: item → cluster label, over the same items (missing predicted = singleton). */
export function pairwise<K>(truth: Map<K, string | number>, predicted: Map<K, string | number>): PairwiseScores {
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const members of groupsOf(predicted).values()) {
    predictedPairs += (members.length * (members.length - 1)) / 2;
    const byTruth = new Map<string | number | undefined, number>();
    for (const m of members) byTruth.set(truth.get(m), (byTruth.get(truth.get(m)) ?? 0) + 1);
    for (const [l, c] of byTruth) if (l !== undefined) correctPairs += (c * (c - 1)) / 2;
  }
  let truePairs = 0;
  for (const members of groupsOf(truth).values()) truePairs += (members.length * (members.length - 1)) / 2;
  return { precision: predictedPairs ? correctPairs / predictedPairs : 1, recall: truePairs ? correctPairs / truePairs : 1, predictedPairs, truePairs, correctPairs };
}

export function bcubed<K>(truth: Map<K, string | number>, predicted: Map<K, string | number>): BCubedScores {
  const tg = groupsOf(truth);
  const pg = groupsOf(predicted);
  let p = 0;
  let r = 0;
  let n = 0;
  for (const [item, tl] of truth) {
    const pl = predicted.get(item);
    const cluster = pl === undefined ? [item] : (pg.get(pl) as K[]);
    const label = tg.get(tl) as K[];
    let both = 0;
    for (const x of cluster) if (truth.get(x) === tl) both++;
    p += both / cluster.length;
    r += both / label.length;
    n++;
  }
  const precision = n ? p / n : 1;
  const recall = n ? r / n : 1;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
