// Shared by bench-core.mjs and scale.mjs: the same graph generator, so their figures compare.
/**
 * A synthetic contact graph for the graph benchmarks: a degree-corrected planted partition with
 * power-law community sizes, drawn with clew's seeded generator (`createRng` from dist/graph).
 */
export function plantedPartition(createRng, n, m, seed, mixing = 0.2) {
  const rng = createRng(seed);
  // Activity: Pareto(alpha 2.5), capped so the largest hub has ~ a few thousand contacts.
  const theta = new Float64Array(n);
  for (let v = 0; v < n; v++) theta[v] = Math.min(400, Math.pow(1 - rng.next(), -1 / 1.5));
  // Community sizes: power law (exponent 2) in [8, 400], nodes assigned in random order.
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
  }
  const commOf = new Int32Array(n);
  const commStart = [];
  let pos = 0;
  while (pos < n) {
    const size = Math.min(n - pos, Math.floor(8 / Math.max(1e-9, 1 - rng.next() * (1 - 8 / 400))));
    commStart.push(pos);
    for (let i = pos; i < pos + size; i++) commOf[perm[i]] = commStart.length - 1;
    pos += size;
  }
  commStart.push(n);
  // Cumulative activity in permutation order: global sampling over all, community sampling over a segment.
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + theta[perm[i]];
  const pick = (lo, hi) => {
    // index i in [lo, hi) with probability theta / segment total
    const x = cum[lo] + rng.next() * (cum[hi] - cum[lo]);
    let a = lo, b = hi - 1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (cum[mid + 1] <= x) a = mid + 1; else b = mid;
    }
    return perm[a];
  };
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const weight = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const u = pick(0, n);
    let v = u;
    while (v === u) {
      if (rng.next() < mixing) v = pick(0, n);
      else {
        const c = commOf[u];
        v = commStart[c + 1] - commStart[c] > 1 ? pick(commStart[c], commStart[c + 1]) : pick(0, n);
      }
    }
    src[e] = u;
    dst[e] = v;
    weight[e] = 1 + Math.floor(-Math.log(1 - rng.next()) * 4);
  }
  return { n, src, dst, weight, communities: commStart.length - 1 };
}
