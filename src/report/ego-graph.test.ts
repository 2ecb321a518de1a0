import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { egoGraphSvg, egoLayout, type EgoGraph } from './ego-graph.js';

const elements = (n: ChildNode): Element[] => ('children' in n ? [...(n.type === 'tag' || n.type === 'script' || n.type === 'style' ? [n as Element] : []), ...n.children.flatMap(elements)] : []);
const textOf = (n: ChildNode): string => (n.type === 'text' ? (n as unknown as { data: string }).data : 'children' in n ? n.children.map(textOf).join('') : '');

const graph = (labels: string[], seed = 1): EgoGraph => ({
  title: 'the 2-hop ego network of Kum',
  seed,
  nodes: labels.map((label, i) => ({ label, ring: i === 0 ? 0 : i <= 3 ? 1 : 2 })),
  edges: [
    { a: 0, b: 1, weight: 40 },
    { a: 0, b: 2, weight: 3 },
    { a: 0, b: 3, weight: 1 },
    { a: 1, b: 4, weight: 2 },
    { a: 3, b: 5, weight: 9 },
  ].filter((e) => e.b < labels.length),
  of: { nodes: 90, edges: 300 },
});

describe('egoGraphSvg', () => {
  it('puts the centre in the middle and each ring on its own circle; the same graph and seed give the same bytes, another seed another turn', () => {
    const g = graph(['Kum', 'Brat', 'Ana', 'Ceca', 'Duda', 'Vuk']);
    const p = egoLayout(g);
    expect(p[0]).toMatchObject({ x: 360, y: 290 });
    const r = (i: number) => Math.hypot(p[i]!.x - 360, p[i]!.y - 290);
    expect(r(1)).toBeCloseTo(115, 6);
    expect(r(3)).toBeCloseTo(115, 6);
    expect(r(4)).toBeCloseTo(230, 6);
    const svg = egoGraphSvg(g);
    expect(egoGraphSvg(graph(['Kum', 'Brat', 'Ana', 'Ceca', 'Duda', 'Vuk']))).toBe(svg);
    expect(egoGraphSvg(graph(['Kum', 'Brat', 'Ana', 'Ceca', 'Duda', 'Vuk'], 2))).not.toBe(svg);
    const els = elements(parseDocument(svg) as unknown as ChildNode);
    expect(els.filter((e) => e.name === 'circle')).toHaveLength(6);
    expect(els.filter((e) => e.name === 'circle' && e.attribs.class === 'centre')).toHaveLength(1);
    const widths = els.filter((e) => e.name === 'line').map((e) => Number(e.attribs['stroke-width']));
    expect(widths).toHaveLength(5);
    expect(widths[0]).toBe(3); // the heaviest edge
    expect(widths[2]! < widths[1]!).toBe(true);
    expect(textOf(els.at(-1)!)).toBe('6 of 90 nodes and 5 of 300 contact pairs shown (the strongest ties, ring by ring); seed 1');
  });

  it('shows hostile names as text, never markup: <script>, quotes, direction controls', () => {
    const svg = egoGraphSvg(graph(['<script>x</script>', '"><img src=x onerror=alert(2)>', '\u202eevil', 'a&b']));
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;x&lt;/script&gt;');
    const els = elements(parseDocument(svg) as unknown as ChildNode);
    expect(els.filter((e) => e.name === 'text').map(textOf).slice(0, 4)).toEqual(['<script>x</script>', '"><img src=x onerror=…', '⟨RLO⟩evil', 'a&b']);
  });

  it('whatever the names and weights: only its own elements and attributes, no direction control applied, the same bytes each time', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.constantFrom('<script>', '</svg>', '<img src=x onerror=alert(1)>', '"', "'", '&', '\u202e', '\u2067', '\u0000', ']]>', '<!--', 'a', ' '), { maxLength: 10 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 8 }), fc.array(fc.double(), { minLength: 5, maxLength: 5 }), fc.integer({ min: 0, max: 1e9 }), hostile, (labels, weights, seed, title) => {
        const g = graph(labels, seed);
        g.title = title;
        g.edges = g.edges.map((e, i) => ({ ...e, weight: weights[i]! }));
        const svg = egoGraphSvg(g);
        const els = elements(parseDocument(svg) as unknown as ChildNode);
        for (const e of els) {
          expect(['svg', 'title', 'g', 'line', 'circle', 'text']).toContain(e.name);
          for (const [a, v] of Object.entries(e.attribs)) {
            expect(['class', 'role', 'viewbox', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'stroke-width', 'text-anchor']).toContain(a);
            expect(v).not.toMatch(/NaN|Infinity/);
          }
        }
        expect(els.filter((e) => e.name === 'circle')).toHaveLength(labels.length);
        expect(svg).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
        expect(egoGraphSvg(g)).toBe(svg);
      }),
      { numRuns: 80 },
    );
  });
});
