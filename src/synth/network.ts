/**
 * Figures of the organisation's contact network for truth.json, computed here with a plain
 * breadth-first search (independent of src/graph, so the ground truth can check the engine):
 * size, mean degree, density, degree histogram, and what arresting the leaders does to it —
 * largest connected component and global efficiency (Latora & Marchiori: the mean of 1/d over
 * ordered pairs of distinct nodes, 0 for unreachable pairs; networkx `global_efficiency`).
 */

export interface ComponentFigures {
  /** Persons left in the network. */
  members: number;
  /** Size of the largest connected component. */
  largest_component: number;
  /** largest_component / the organisation's size BEFORE any arrest (the disruption convention). */
  largest_component_share: number;
  components: number;
  /** Global efficiency over the persons left (networkx global_efficiency of the remaining graph). */
  global_efficiency: number;
}

export interface OrgNetworkTruth {
  /** What the figures describe. */
  graph: string;
  members: number;
  edges: number;
  /** 2·edges / members: contacts per member. */
  mean_degree: number;
  /** edges / (members·(members−1)/2). */
  density: number;
  /** degree_histogram[k] = members with k contacts inside the organisation. */
  degree_histogram: number[];
  /** Undirected edges as pairs of person ids, sorted. */
  edge_list: [string, string][];
  arrest_of_leaders: { removed: string[]; before: ComponentFigures; after: ComponentFigures };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Components and efficiency of the graph on `alive` nodes (adjacency lists over 0..n-1). */
export function componentFigures(adj: readonly number[][], alive: Uint8Array, originalSize: number): ComponentFigures {
  const n = adj.length;
  let members = 0;
  for (let v = 0; v < n; v++) if (alive[v]) members++;
  const comp = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let components = 0;
  let largest = 0;
  for (let s = 0; s < n; s++) {
    if (!alive[s] || comp[s] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    comp[s] = components;
    while (head < tail) {
      const u = queue[head++] as number;
      for (const v of adj[u] as number[]) {
        if (!alive[v] || comp[v] !== -1) continue;
        comp[v] = components;
        queue[tail++] = v;
      }
    }
    largest = Math.max(largest, tail);
    components++;
  }
  let total = 0;
  const dist = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (!alive[s]) continue;
    dist.fill(-1);
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++] as number;
      for (const v of adj[u] as number[]) {
        if (!alive[v] || dist[v] !== -1) continue;
        dist[v] = (dist[u] as number) + 1;
        total += 1 / (dist[v] as number);
        queue[tail++] = v;
      }
    }
  }
  return {
    members,
    largest_component: largest,
    largest_component_share: originalSize === 0 ? 0 : round(largest / originalSize),
    components,
    global_efficiency: members < 2 ? 0 : round(total / (members * (members - 1))),
  };
}

/**
 * The figures of an undirected network given as person ids and edges between them (pairs naming
 * an id outside `members` are ignored, self-pairs and repeats merged).
 */
export function orgNetworkTruth(graph: string, members: readonly string[], edges: Iterable<readonly [string, string]>, leaders: readonly string[]): OrgNetworkTruth {
  const ids = [...new Set(members)].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)) || (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(ids.map((id, i) => [id, i]));
  const adjSets = ids.map(() => new Set<number>());
  for (const [a, b] of edges) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    (adjSets[i] as Set<number>).add(j);
    (adjSets[j] as Set<number>).add(i);
  }
  const adj = adjSets.map((s) => [...s].sort((x, y) => x - y));
  const n = ids.length;
  const edgeList: [string, string][] = [];
  adj.forEach((nb, i) => {
    for (const j of nb) if (j > i) edgeList.push([ids[i] as string, ids[j] as string]);
  });
  const hist: number[] = [];
  for (const nb of adj) hist[nb.length] = (hist[nb.length] ?? 0) + 1;
  for (let k = 0; k < hist.length; k++) hist[k] ??= 0;
  const alive = new Uint8Array(n).fill(1);
  const before = componentFigures(adj, alive, n);
  const removed = leaders.filter((l) => index.has(l));
  for (const l of removed) alive[index.get(l) as number] = 0;
  const after = componentFigures(adj, alive, n);
  const m = edgeList.length;
  return {
    graph,
    members: n,
    edges: m,
    mean_degree: n === 0 ? 0 : round((2 * m) / n),
    density: n < 2 ? 0 : round(m / ((n * (n - 1)) / 2)),
    degree_histogram: hist,
    edge_list: edgeList,
    arrest_of_leaders: { removed, before, after },
  };
}
