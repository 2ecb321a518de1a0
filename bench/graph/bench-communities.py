#!/usr/bin/python3
"""python-igraph side of bench-communities.mjs. Usage:
  /usr/bin/python3 bench-communities.py communities EDGES.bin N
  /usr/bin/python3 bench-communities.py disrupt EDGES.bin N STEPS
  /usr/bin/python3 bench-communities.py roundtrip FILE.gexf FILE.graphml
EDGES.bin: little-endian int32 pairs (u, v), undirected, no duplicates. Prints one JSON line.
"""
import array, json, resource, sys, time

def load(path, n):
    import igraph as ig
    a = array.array('i')
    with open(path, 'rb') as f:
        a.frombytes(f.read())
    edges = list(zip(a[0::2], a[1::2]))
    return ig.Graph(n=n, edges=edges)

def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

mode = sys.argv[1]
if mode == 'communities':
    import igraph as ig, random
    random.seed(1)
    ig.set_random_number_generator(random)
    t = time.perf_counter(); g = load(sys.argv[2], int(sys.argv[3])); load_s = time.perf_counter() - t
    t = time.perf_counter(); ml = g.community_multilevel(); ml_s = time.perf_counter() - t
    t = time.perf_counter(); ld = g.community_leiden(objective_function='modularity', n_iterations=2); ld_s = time.perf_counter() - t
    print(json.dumps({'igraph': ig.__version__, 'load_s': load_s,
        'louvain_s': ml_s, 'louvain_q': g.modularity(ml.membership), 'louvain_k': len(ml),
        'leiden_s': ld_s, 'leiden_q': g.modularity(ld.membership), 'leiden_k': len(ld), 'maxrss_mb': maxrss_mb()}))
elif mode == 'disrupt':
    import functools
    g = load(sys.argv[2], int(sys.argv[3])); steps = int(sys.argv[4])
    g.vs['id'] = list(range(g.vcount()))
    t = time.perf_counter(); lcc = []
    for s in range(steps):
        bc = g.betweenness(directed=False)
        ids = g.vs['id']
        def cmp(a, b):
            x, y = bc[a], bc[b]
            if x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y)): return ids[a] - ids[b]
            return -1 if x > y else 1
        order = sorted(range(g.vcount()), key=functools.cmp_to_key(cmp))[:5]
        g.delete_vertices(order)
        cc = g.connected_components()
        lcc.append(max(cc.sizes()) if g.vcount() else 0)
    took = time.perf_counter() - t
    # efficiency once, after the last block (a 5k x 5k distance matrix in Python is slow)
    eff = sum(sum(1 / d for d in row if d not in (0, float('inf'))) for row in g.distances()) / (g.vcount() * (g.vcount() - 1))
    print(json.dumps({'disrupt_s': took, 'lcc': lcc, 'last_efficiency': eff, 'maxrss_mb': maxrss_mb()}))
elif mode == 'roundtrip':
    import networkx as nx
    import xml.etree.ElementTree as ET
    out = {}
    for path in sys.argv[2:]:
        ET.parse(path)  # well-formed XML
        try:
            G = nx.read_graphml(path) if path.endswith('.graphml') else nx.read_gexf(path)
            out[path.rsplit('/', 1)[-1]] = {'ok': True, 'nodes': G.number_of_nodes(), 'edges': G.number_of_edges(),
                'labels': [G.nodes[v].get('label') for v in sorted(G.nodes())]}
        except Exception as e:  # noqa
            res = {'ok': False, 'error': '%s: %s' % (type(e).__name__, e)}
            if path.endswith('.gexf'):
                # networkx < 3 reads GEXF 1.1draft/1.2draft only: retry with the 1.2draft namespace
                import io
                text = open(path, encoding='utf-8').read().replace('http://gexf.net/1.3', 'http://www.gexf.net/1.2draft').replace('version="1.3"', 'version="1.2"')
                G = nx.read_gexf(io.BytesIO(text.encode('utf-8')), version='1.2draft')
                res['as_1_2draft'] = {'nodes': G.number_of_nodes(), 'edges': G.number_of_edges(),
                    'labels': [G.nodes[v].get('label') for v in sorted(G.nodes())],
                    'attrs': [{k: x for k, x in G.nodes[v].items() if k != 'label'} for v in sorted(G.nodes())]}
            out[path.rsplit('/', 1)[-1]] = res
    print(json.dumps(out))
