#!/usr/bin/python3
"""Writes src/graph/communities/fixtures/*.json: small classic graphs with python-igraph's
Louvain (community_multilevel) and Leiden (community_leiden, objective_function='modularity')
modularity over seeds 0..9, plus one igraph membership and its modularity.
Run with the system python (apt python3-igraph python3-networkx): /usr/bin/python3 make-community-fixtures.py
"""
import json, os, random, statistics
import igraph as ig
import networkx as nx

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'graph', 'communities', 'fixtures')

def runs(g, weights):
    ml, ld = [], []
    memb = None
    for seed in range(10):
        random.seed(seed)
        ig.set_random_number_generator(random)
        c = g.community_multilevel(weights=weights)
        ml.append(g.modularity(c.membership, weights=weights))
        if seed == 0:
            memb = c.membership
        random.seed(seed)
        c2 = g.community_leiden(objective_function='modularity', weights=weights, n_iterations=2)
        ld.append(g.modularity(c2.membership, weights=weights))
    return ml, ld, memb

def write(name, n, edges, weighted, source):
    g = ig.Graph(n=n, edges=[(a, b) for a, b, _ in edges])
    weights = [w for _, _, w in edges] if weighted else None
    ml, ld, memb = runs(g, weights)
    doc = {
        'name': name, 'source': source, 'n': n, 'weighted': weighted,
        'edges': [[a, b, w] if weighted else [a, b] for a, b, w in edges],
        'igraph': {
            'version': ig.__version__,
            'multilevel': ml, 'multilevelMedian': statistics.median(ml), 'multilevelMax': max(ml),
            'leiden': ld, 'leidenMedian': statistics.median(ld), 'leidenMax': max(ld),
            'membershipSeed0': memb, 'modularitySeed0': ml[0],
        },
    }
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump(doc, f, separators=(',', ':'))
    print(name, n, len(edges), 'ml median', statistics.median(ml), 'max', max(ml), 'leiden median', statistics.median(ld), 'max', max(ld))

k = ig.Graph.Famous('Zachary')
write('karate', k.vcount(), [(a, b, 1) for a, b in k.get_edgelist()], False, "Zachary's karate club (igraph Graph.Famous('Zachary'))")

lm = nx.les_miserables_graph()
names = sorted(lm.nodes())
idx = {s: i for i, s in enumerate(names)}
write('lesmis', len(names), sorted((min(idx[a], idx[b]), max(idx[a], idx[b]), float(d['weight'])) for a, b, d in lm.edges(data=True)), True,
      'Les Miserables co-appearance (networkx les_miserables_graph, weighted; nodes in sorted name order)')

def planted(name, groups, size, p_in, p_out, seed, weighted):
    G = nx.planted_partition_graph(groups, size, p_in, p_out, seed=seed)
    rnd = random.Random(seed)
    edges = sorted((min(a, b), max(a, b), (rnd.randint(1, 5) if weighted else 1)) for a, b in G.edges())
    write(name, G.number_of_nodes(), edges, weighted,
          f'networkx planted_partition_graph({groups}, {size}, {p_in}, {p_out}, seed={seed})' + (', weights uniform 1..5 seeded' if weighted else ''))

planted('planted-4x32', 4, 32, 0.3, 0.03, 1, False)
planted('planted-10x100-weighted', 10, 100, 0.08, 0.01, 2, True)
