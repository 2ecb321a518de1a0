#!/usr/bin/python3
"""python-igraph side of bench/graph/bench-core.mjs. Reads the edge files that script writes
(int32 n, int32 m, int32 src[m], int32 dst[m], float64 weight[m]) and times the same steps.

igraph has no pivot-sampled betweenness in python-igraph 0.10; the "betweenness k=100" row times
BFS from the same 100 sources (no path counting, no accumulation), a lower bound on what a
Brandes pass from those sources costs in igraph.
"""
import json
import resource
import sys
import time

import igraph as ig
import numpy as np


def load(path):
    with open(path, 'rb') as f:
        n, m = np.frombuffer(f.read(8), dtype=np.int32)
        src = np.frombuffer(f.read(4 * m), dtype=np.int32)
        dst = np.frombuffer(f.read(4 * m), dtype=np.int32)
        w = np.frombuffer(f.read(8 * m), dtype=np.float64)
    return int(n), src, dst, w


def timed(label, fn, times):
    t0 = time.perf_counter()
    value = fn()
    times[label] = time.perf_counter() - t0
    print('  igraph %-22s %.3f s' % (label, times[label]), flush=True)
    return value


def main():
    big, exact, sources_file, out = sys.argv[1:5]
    only = sys.argv[5] if len(sys.argv) > 5 else None  # 'pagerank': build + PageRank only
    times = {}
    n, src, dst, w = load(big)
    pairs = list(zip(src.tolist(), dst.tolist()))
    weights = w.tolist()

    def build():
        g = ig.Graph(n=n, edges=pairs, directed=True)
        g.es['weight'] = weights
        # Merge parallel edges summing weights, as clew's buildCSR does.
        g.simplify(multiple=True, loops=True, combine_edges='sum')
        return g

    g = timed('build (directed)', build, times)
    u = timed('toUndirected', lambda: g.as_undirected(mode='collapse', combine_edges='sum'), times)
    pr = timed('pagerank (weighted)', lambda: g.pagerank(weights='weight', directed=True, implementation='prpack'), times)
    if only == 'pagerank':
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        with open(out, 'w') as f:
            json.dump({'times': times, 'pagerank': pr, 'rss_mb': rss}, f)
        return
    with open(sources_file) as f:
        sources = json.load(f)
    timed('betweenness k=%d' % len(sources), lambda: [u.bfs(s) for s in sources], times)
    core = timed('coreness (undirected)', lambda: u.coreness(), times)
    weak = timed('weak components', lambda: g.connected_components(mode='weak'), times)
    strong = timed('strong components', lambda: g.connected_components(mode='strong'), times)

    n2, s2, d2, w2 = load(exact)
    ge = ig.Graph(n=n2, edges=list(zip(s2.tolist(), d2.tolist())), directed=False)
    ge.simplify(multiple=True, loops=True)
    bc = timed('exact betweenness %dk' % (n2 // 1000), lambda: ge.betweenness(directed=False), times)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print('  igraph peak RSS %.0f MB' % rss)
    with open(out, 'w') as f:
        json.dump({'times': times, 'pagerank': pr, 'coreness': core, 'weak': len(weak), 'strong': len(strong),
                   'betweenness': bc, 'rss_mb': rss}, f)


if __name__ == '__main__':
    main()
