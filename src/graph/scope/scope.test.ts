import { describe, expect, it } from 'vitest';
import { buildCSR, edgeCount } from '../build.js';
import { resolveScope, toParent, toScope } from './scope.js';

// Two triangles 0-1-2 and 3-4-5 joined by 2-3, plus a pendant 6 on 5 and an isolated 7.
const E: [number, number, number][] = [[0, 1, 1], [1, 2, 1], [0, 2, 1], [2, 3, 5], [3, 4, 1], [4, 5, 1], [3, 5, 1], [5, 6, 2]];
const g = buildCSR({ n: 8, src: Int32Array.from(E.map((e) => e[0])), dst: Int32Array.from(E.map((e) => e[1])), weight: Float64Array.from(E.map((e) => e[2])) }, { directed: true });
const sorted = (xs: ArrayLike<number>): number[] => Array.from(xs).sort((a, b) => a - b);

describe('resolveScope', () => {
  it('all: the graph itself', () => {
    const s = resolveScope(g, { kind: 'all' });
    expect(s.graph).toBe(g);
    expect(s.size).toEqual({ nodes: 8, edges: 8 });
    expect(s.local(5)).toBe(5);
  });

  it('community: the community holding the node, from a given membership or from Leiden', () => {
    const s = resolveScope(g, { kind: 'community', node: 4, membership: [0, 0, 0, 1, 1, 1, 1, 2] });
    expect(sorted(s.original)).toEqual([3, 4, 5, 6]);
    expect(s.size).toEqual({ nodes: 4, edges: 4 });
    expect(s.community).toBe(1);
    const l = resolveScope(g, { kind: 'community', node: 0 });
    expect(sorted(l.original)).toEqual(expect.arrayContaining([0, 1]));
    expect(Array.from(l.original)).not.toContain(7);
    expect(l.description).toMatch(new RegExp(`community \\d+ \\(${l.size.nodes} nodes\\), the one holding node 0`));
  });

  it('ego: the union of the targets\' k-hop neighbourhoods, direction ignored, and the edges among them', () => {
    const s = resolveScope(g, { kind: 'ego', targets: [0], hops: 2 });
    expect(sorted(s.original)).toEqual([0, 1, 2, 3]);
    expect(s.size.edges).toBe(4);
    const two = resolveScope(g, { kind: 'ego', targets: [0, 6], hops: 1 });
    expect(sorted(two.original)).toEqual([0, 1, 2, 5, 6]);
    expect(two.description).toBe('1-hop ego network of 2 targets');
    expect(resolveScope(g, { kind: 'ego', targets: [3], hops: 3, maxNodes: 3 }).truncated).toBe(true);
  });

  it('window: contacts in [from, to) on the nodes they touch, weights counted in the window', () => {
    const contacts = { n: 8, src: Int32Array.from([0, 1, 0, 5, 2]), dst: Int32Array.from([1, 0, 1, 6, 3]), weight: new Float64Array(5).fill(1), ts: Float64Array.from([10, 20, 30, 40, 50]) };
    const s = resolveScope(g, { kind: 'window', from: 10, to: 50, contacts });
    expect(sorted(s.original)).toEqual([0, 1, 5, 6]);
    const u = s.local(0);
    const v = s.local(1);
    const { offsets, targets, weights } = s.graph.out;
    let w = 0;
    for (let p = offsets[u] as number; p < (offsets[u + 1] as number); p++) if (targets[p] === v) w += weights[p] as number;
    expect(w).toBe(2);
    expect(edgeCount(s.graph)).toBe(3); // 0→1, 1→0, 5→6
    const open = resolveScope(g, { kind: 'window', from: 45, to: Infinity, contacts });
    expect(sorted(open.original)).toEqual([2, 3]);
    expect(open.description).toMatch(/from 1970-01-01T00:00:00.045Z on/);
    const spans = resolveScope(g, { kind: 'window', from: 100, to: 200, spans: { edges: { n: 8, src: Int32Array.from([0, 3]), dst: Int32Array.from([1, 4]), weight: Float64Array.from([4, 1]) }, first: [50, 250], last: [120, 300] } });
    expect(sorted(spans.original)).toEqual([0, 1]);
  });

  it('nodes: an explicit set and the edges among its members', () => {
    const s = resolveScope(g, { kind: 'nodes', nodes: [6, 5, 3, 7, 5], label: 'tag "port"' });
    expect(Array.from(s.original)).toEqual([6, 5, 3, 7]);
    expect(s.size).toEqual({ nodes: 4, edges: 2 });
    expect(s.description).toBe('tag "port" (4 nodes)');
    expect(Array.from(toParent(s, [0, 3]))).toEqual([6, 7]);
    expect(Array.from(toScope(s, [7, 0, 3]))).toEqual([3, 2]);
    expect(s.local(0)).toBe(-1);
    expect(s.local(99)).toBe(-1);
  });

  it('rejects bad ids and bounds with INVALID_ARGUMENT', () => {
    const bad = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => resolveScope(g, { kind: 'community', node: 8 })).toThrow(bad);
    expect(() => resolveScope(g, { kind: 'community', node: 1, membership: [0, 1] })).toThrow(bad);
    expect(() => resolveScope(g, { kind: 'ego', targets: [] })).toThrow(bad);
    expect(() => resolveScope(g, { kind: 'ego', targets: [-1] })).toThrow(bad);
    expect(() => resolveScope(g, { kind: 'window', from: 5, to: 5, contacts: { n: 8, src: new Int32Array(0), dst: new Int32Array(0), weight: new Float64Array(0), ts: new Float64Array(0) } })).toThrow(bad);
    expect(() => resolveScope(g, { kind: 'window', from: 0, to: 5 })).toThrow(bad);
    expect(() => resolveScope(g, { kind: 'nodes', nodes: [1, 42] })).toThrow(bad);
  });
});
