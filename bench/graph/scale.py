#!/usr/bin/python3
"""python-igraph side of bench/graph/scale.mjs (run with /usr/bin/python3: Debian's python3-igraph 0.10).

  scale.py engine FILE.ncol CLEW_PAGERANK.bin [--skip-composite] [--pivots K]   steps timed one by one, JSON on the last line
  scale.py rank FILE.ncol          the whole process a user would write: read, PageRank, print the top 20
  scale.py communities FILE.ncol   read, Leiden (modularity), print the 10 largest communities
  scale.py composite FILE.ncol     read, the composite ranking's measures, print the top 20

The file holds `name name weight` rows (Graph.Read_Ncol). Parallel rows are merged with summed weights
(simplify / as_undirected with combine_edges='sum'), as clew merges them.

Composite: clew ranks by 0.3 PageRank + 0.3 betweenness (Brandes from K sampled pivots: 512, fewer on
large networks) + 0.2 degree + 0.2 eigenvector, each as a normalised rank. python-igraph 0.10 has no
pivot-sampled betweenness, so its betweenness part here is a plain BFS from K random pivots (--pivots,
default 512: scale.mjs passes the number clew used; no path counting, no accumulation): a lower bound
on what igraph would need, as in bench-core.
"""
import json
import random
import resource
import sys
import time

import igraph as ig
import numpy as np

PIVOTS = sys.argv[sys.argv.index('--pivots') + 1] if '--pivots' in sys.argv else '512'


def pivots_for(u):
    """--pivots K, or --pivots budget: clew's rule (min(512, max(32, 3e9 // (n + 2 * contact pairs))))."""
    if PIVOTS != 'budget':
        return int(PIVOTS)
    return min(512, max(32, int(3e9 // (u.vcount() + 2 * u.ecount()))))


def read(path):
    g = ig.Graph.Read_Ncol(path, names=True, weights='if_present', directed=True)
    g.simplify(multiple=True, loops=True, combine_edges='sum')
    return g


def undirected(g):
    return g.as_undirected(mode='collapse', combine_edges='sum')


def leiden(u):
    random.seed(1)
    return u.community_leiden(objective_function='modularity', weights='weight', n_iterations=2, resolution_parameter=1)


def norm_rank(x):
    order = np.argsort(np.asarray(x), kind='stable')
    r = np.empty(len(order))
    r[order] = np.arange(len(order))
    return r / max(1, len(order) - 1)


def composite(g, u):
    pr = g.pagerank(weights='weight')
    rng = random.Random(1)
    reach = np.zeros(u.vcount())
    k = pivots_for(u)
    print('  igraph BFS from %d pivots' % k, flush=True)
    for s in rng.sample(range(u.vcount()), min(k, u.vcount())):
        order = u.bfs(s)[0]
        reach[order] += 1
    deg = u.degree()
    eig = u.eigenvector_centrality(weights='weight', scale=True)
    score = 0.3 * norm_rank(pr) + 0.3 * norm_rank(reach) + 0.2 * norm_rank(deg) + 0.2 * norm_rank(eig)
    return np.argsort(-score, kind='stable')[:20]


def engine(path, clew_pr, skip_composite):
    times = {}
    cpu = {}

    def t(label, fn):
        t0 = time.perf_counter()
        c0 = time.process_time()
        v = fn()
        times[label] = time.perf_counter() - t0
        cpu[label] = time.process_time() - c0
        print('  igraph %-28s %.2f s (CPU %.2f s)' % (label, times[label], cpu[label]), flush=True)
        return v

    g = t('read + build (directed)', lambda: read(path))
    u = t('undirected', lambda: undirected(g))
    times['load + build'] = times['read + build (directed)'] + times['undirected']
    cpu['load + build'] = cpu['read + build (directed)'] + cpu['undirected']
    pr = t('pagerank', lambda: g.pagerank(weights='weight'))
    comm = t('leiden', lambda: leiden(u))
    if not skip_composite:
        t('composite ranking', lambda: composite(g, u))
    ours = np.fromfile(clew_pr, dtype=np.float64)
    ids = np.array([int(name[1:]) for name in g.vs['name']])
    diff = float(np.max(np.abs(ours[ids] - np.asarray(pr))))
    print(json.dumps({
        'times': times,
        'cpu': cpu,
        'rssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'nodes': g.vcount(),
        'directedEdges': g.ecount(),
        'undirectedEdges': u.ecount(),
        'pagerankMaxDiff': diff,
        'modularity': u.modularity(comm.membership, weights='weight'),
        'communities': len(comm),
    }))


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == 'engine':
        engine(path, sys.argv[3], '--skip-composite' in sys.argv)
        return
    g = read(path)
    names = g.vs['name']
    if cmd == 'rank':
        pr = g.pagerank(weights='weight')
        for i, v in enumerate(np.argsort(-np.asarray(pr), kind='stable')[:20]):
            print('%4d. %.6g  %s' % (i + 1, pr[v], names[v]))
    elif cmd == 'communities':
        u = undirected(g)
        c = leiden(u)
        print('leiden: %d communities in %d nodes, modularity %.4f' % (len(c), u.vcount(), u.modularity(c.membership, weights='weight')))
        for i in sorted(range(len(c)), key=lambda i: -len(c[i]))[:10]:
            print('community %d: %d nodes' % (i, len(c[i])))
    elif cmd == 'composite':
        u = undirected(g)
        for i, v in enumerate(composite(g, u)):
            print('%4d. %s' % (i + 1, names[v]))
    else:
        raise SystemExit('unknown command ' + cmd)


if __name__ == '__main__':
    main()
