#!/usr/bin/python3
"""Reference values for src/graph from python-igraph and networkx (Debian packages).

Run with the system interpreter (the pyenv python3 does not see the Debian packages):

    /usr/bin/python3 bench/graph/reference.py

Writes src/graph/fixtures/<name>.json: the edge list plus expected values. Conventions (all
follow igraph unless stated; src/graph follows the same ones):

- Edges are given once; undirected graphs list each edge once. Nodes are 0..n-1.
- pagerank: igraph PRPACK, damping 0.85, weighted when the fixture is weighted; dangling nodes
  jump according to the reset (personalisation) vector, uniform when there is none.
  pagerank_personalized: reset vector `reset` (also in the fixture).
- betweenness / betweenness_weighted: igraph raw counts (undirected pairs counted once), weights as
  distances. Cross-checked against networkx (normalized=False) here, so the two libraries agree.
- closeness: igraph, mode OUT, normalized: (reached-1) / sum of distances to reached nodes,
  NaN (null) for nodes that reach nothing. closeness_wf: networkx closeness_centrality defaults
  (Wasserman-Faust scaling; on directed graphs networkx uses incoming distances, i.e. mode IN).
- harmonic: igraph harmonic_centrality, mode OUT, normalized (mean of 1/d over the n-1 others).
- eigenvector: igraph, scale=True (max 1), strongly connected graphs only (directed: in-edges).
- coreness: igraph coreness mode ALL.
- clustering: igraph transitivity_local_undirected mode "nan" (null for degree < 2);
  transitivity: transitivity_undirected.
- weak / strong: igraph connected_components membership (compared as partitions).
- efficiency: networkx global_efficiency (undirected, unweighted).
"""

import json
import math
import os
import random

import igraph as ig
import networkx as nx

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'graph', 'fixtures')


def clean(xs):
    return [None if (x is None or (isinstance(x, float) and math.isnan(x))) else x for x in xs]


def close(a, b, tol=1e-9):
    for x, y in zip(a, b):
        if abs(x - y) > tol * max(1.0, abs(x), abs(y)):
            return False
    return len(a) == len(b)


def fixture(name, n, edges, directed, weighted):
    """edges: list of (u, v, w) with u != v and no duplicates."""
    g = ig.Graph(n=n, edges=[(u, v) for u, v, _ in edges], directed=directed)
    w = [float(x) for _, _, x in edges]
    g.es['weight'] = w
    wt = 'weight' if weighted else None

    rng = random.Random(n * 7 + len(edges))
    reset = [float(rng.randint(0, 3)) for _ in range(n)]
    if sum(reset) == 0:
        reset[0] = 1.0

    exp = {}
    exp['pagerank'] = g.pagerank(directed=True, damping=0.85, weights=wt, implementation='prpack')
    exp['pagerank_personalized'] = g.personalized_pagerank(directed=True, damping=0.85, reset=reset, weights=wt, implementation='prpack')
    exp['betweenness'] = g.betweenness(directed=True)
    exp['betweenness_weighted'] = g.betweenness(directed=True, weights='weight')
    exp['closeness'] = clean(g.closeness(mode='out', normalized=True))
    exp['closeness_weighted'] = clean(g.closeness(mode='out', weights='weight', normalized=True))
    exp['harmonic'] = g.harmonic_centrality(mode='out', normalized=True)
    exp['harmonic_weighted'] = g.harmonic_centrality(mode='out', weights='weight', normalized=True)
    exp['coreness'] = g.coreness(mode='all')
    if directed:
        exp['coreness_in'] = g.coreness(mode='in')
        exp['coreness_out'] = g.coreness(mode='out')
    exp['clustering'] = clean(g.transitivity_local_undirected(mode='nan'))
    exp['transitivity'] = g.transitivity_undirected()
    exp['weak'] = g.connected_components(mode='weak').membership
    exp['strong'] = g.connected_components(mode='strong').membership
    if g.is_connected(mode='strong'):
        # Directed: igraph takes the left eigenvector (centrality from in-edges).
        exp['eigenvector'] = g.eigenvector_centrality(directed=directed, scale=True)
        exp['eigenvector_weighted'] = g.eigenvector_centrality(directed=directed, scale=True, weights='weight')

    # networkx cross-checks and networkx-only conventions
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(edges)
    bc = nx.betweenness_centrality(G, normalized=False)
    assert close([bc[i] for i in range(n)], exp['betweenness']), name + ': igraph and networkx betweenness differ'
    bcw = nx.betweenness_centrality(G, normalized=False, weight='weight')
    assert close([bcw[i] for i in range(n)], exp['betweenness_weighted']), name + ': weighted betweenness differs'
    bcn = nx.betweenness_centrality(G, normalized=True)
    exp['betweenness_normalized'] = [bcn[i] for i in range(n)]
    pr = nx.pagerank(G, alpha=0.85, weight='weight' if weighted else None, tol=1e-13, max_iter=10000)
    assert close([pr[i] for i in range(n)], exp['pagerank'], 1e-7), name + ': pagerank differs'
    cw = nx.closeness_centrality(G, wf_improved=True)  # directed: incoming distances
    exp['closeness_wf'] = [cw[i] for i in range(n)]
    if not directed:
        exp['efficiency'] = nx.global_efficiency(G)
        cl = nx.clustering(G)
        assert close([cl[i] for i in range(n)], [0.0 if x is None else x for x in exp['clustering']]), name + ': clustering differs'
        core = nx.core_number(G)
        assert [core[i] for i in range(n)] == exp['coreness'], name + ': coreness differs'

    doc = {
        'name': name,
        'source': 'python-igraph %s, networkx %s' % (ig.__version__, nx.__version__),
        'n': n,
        'directed': directed,
        'weighted': weighted,
        'edges': [[u, v, x] for u, v, x in edges],
        'reset': reset,
        'expected': exp,
    }
    path = os.path.join(OUT, name + '.json')
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
    print('%-22s n=%4d m=%5d %s %s -> %d bytes' % (name, n, len(edges), 'directed' if directed else 'undirected',
                                                   'weighted' if weighted else 'unweighted', os.path.getsize(path)))


def from_nx(G, weighted, weight_fn=None):
    nodes = list(G.nodes())
    idx = {v: i for i, v in enumerate(nodes)}
    edges = []
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = weight_fn() if weight_fn else (d.get('weight', 1) if weighted else 1)
        edges.append((idx[u], idx[v], float(w)))
    return len(nodes), edges


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(20260101)
    iw = lambda: rng.randint(1, 5)  # noqa: E731 - integer weights keep path-length ties exact

    n, e = from_nx(nx.karate_club_graph(), False)
    fixture('karate', n, e, False, False)
    n, e = from_nx(nx.karate_club_graph(), True)
    fixture('karate-weighted', n, e, False, True)
    n, e = from_nx(nx.florentine_families_graph(), False)
    fixture('florentine', n, e, False, False)
    n, e = from_nx(nx.les_miserables_graph(), True)
    fixture('lesmis-weighted', n, e, False, True)
    n, e = from_nx(nx.gnp_random_graph(150, 0.02, seed=11), True, iw)
    fixture('er-sparse-weighted', n, e, False, True)
    n, e = from_nx(nx.barabasi_albert_graph(300, 2, seed=12), True, iw)
    fixture('ba-weighted', n, e, False, True)
    # Large enough (n >= 1024) that the traversals run on a BFS-relabelled copy (src/graph/reorder.ts).
    n, e = from_nx(nx.barabasi_albert_graph(1100, 2, seed=16), True, iw)
    fixture('ba-1100-weighted', n, e, False, True)
    n, e = from_nx(nx.gnp_random_graph(120, 0.03, seed=13, directed=True), True, iw)
    fixture('er-directed-weighted', n, e, True, True)
    n, e = from_nx(nx.gnp_random_graph(50, 0.12, seed=17, directed=True), True, iw)
    fixture('er-directed-strong-weighted', n, e, True, True)
    n, e = from_nx(nx.gnp_random_graph(60, 0.05, seed=14, directed=True), False)
    fixture('er-directed', n, e, True, False)
    # Scale-free directed graph (BA tree edges oriented randomly plus reciprocal links).
    B = nx.barabasi_albert_graph(200, 3, seed=15)
    D = nx.DiGraph()
    D.add_nodes_from(B.nodes())
    for u, v in B.edges():
        r = rng.random()
        if r < 0.45:
            D.add_edge(u, v)
        elif r < 0.9:
            D.add_edge(v, u)
        else:
            D.add_edge(u, v)
            D.add_edge(v, u)
    n, e = from_nx(D, True, iw)
    fixture('ba-directed-weighted', n, e, True, True)


if __name__ == '__main__':
    main()
