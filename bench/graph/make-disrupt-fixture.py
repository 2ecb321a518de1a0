#!/usr/bin/python3
"""Reference run of the Cavallaro et al. (2020) disruption procedure with networkx:
blocks of 5 nodes by unweighted betweenness (recomputed on the surviving graph after each
block), reporting LCC size, components and global efficiency. Ties (relative 1e-9) go to the
lower node id, as in src/graph/investigate/disrupt.ts.
Writes src/graph/investigate/fixtures/cavallaro-nx.json. Run: /usr/bin/python3 make-disrupt-fixture.py
"""
import functools, json, os, random
import networkx as nx

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'graph', 'investigate', 'fixtures')
os.makedirs(OUT, exist_ok=True)

G = nx.powerlaw_cluster_graph(150, 2, 0.3, seed=7)
rnd = random.Random(7)
edges = sorted((min(a, b), max(a, b), rnd.randint(1, 9)) for a, b in G.edges())  # weights must be ignored

def cmp(a, b, bc):
    x, y = bc[a], bc[b]
    if x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y)):
        return a - b
    return -1 if x > y else 1

H = G.copy()
steps = []
def record(step, removed):
    comps = list(nx.connected_components(H))
    steps.append({'step': step, 'removed': removed, 'lcc': max((len(c) for c in comps), default=0),
                  'components': len(comps), 'efficiency': nx.global_efficiency(H)})
record(0, [])
for step in range(1, 9):
    bc = nx.betweenness_centrality(H, normalized=False)
    order = sorted(H.nodes(), key=functools.cmp_to_key(lambda a, b: cmp(a, b, bc)))
    block = order[:5]
    H.remove_nodes_from(block)
    record(step, block)
with open(os.path.join(OUT, 'cavallaro-nx.json'), 'w') as f:
    json.dump({'source': 'networkx %s powerlaw_cluster_graph(150, 2, 0.3, seed=7); weights random 1..9 (ignored)' % nx.__version__,
               'n': 150, 'edges': edges, 'steps': steps}, f, separators=(',', ':'))
print([ (s['lcc'], s['components'], round(s['efficiency'], 4)) for s in steps])
