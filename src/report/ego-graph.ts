/**
 * An ego network's picture as inline SVG, made on the server (a report figure scoped to an ego
 * network): the centres in the middle, their contacts on concentric rings by hops from them,
 * the edges among the nodes shown drawn thicker for more messages and calls.
 *
 * The layout is deterministic: ring 1 in the order given (strongest tie first), each further ring
 * ordered by the angle of each node's strongest tie in the ring inside it, so a contact sits beside
 * whom it reaches the centre through; the one random choice, each ring's rotation, comes from the
 * figure's recorded seed (src/graph/random.ts). Coordinates are written with fixed decimals, no
 * locale, no id and no time: the same graph and seed give the same bytes. Names come from the case:
 * shown with direction controls as markers and escaped (svgLabel), in <text> elements only; the
 * SVG has no script, link, image or style of its own (the report's CSS styles it).
 */
import { createRng } from '../graph/random.js';
import { svgLabel } from './chart.js';
import { escapeHtml } from './escape.js';
import { revealBidi } from '../text/display/bidi.js';

export interface EgoGraph {
  /** What the picture shows, for screen readers (the SVG's <title>). */
  title: string;
  /** Centres first (ring 0), then each ring outwards, strongest tie first. */
  nodes: { label: string; ring: number }[];
  /** Contact edges among the nodes (indices into `nodes`), weight = messages + calls both ways. */
  edges: { a: number; b: number; weight: number }[];
  /** The figure's seed: each ring's rotation. */
  seed: number;
  /** The size of the network the picture is cut from. */
  of: { nodes: number; edges: number };
}

const WIDTH = 720;
const HEIGHT = 600;
const CX = WIDTH / 2;
const CY = 290;
const OUTER = 230;
/** Characters of a name shown (the table beside it has them whole). */
const MAX_LABEL = 22;

const f1 = (x: number) => x.toFixed(1);

/** Node positions (x, y) and the angle each sits at, by the layout above. */
export function egoLayout(g: EgoGraph): { x: number; y: number; angle: number }[] {
  const rng = createRng(g.seed);
  const rings = Math.max(0, ...g.nodes.map((n) => n.ring));
  const pos = g.nodes.map(() => ({ x: CX, y: CY, angle: 0 }));
  // strongest tie of each node to the ring inside it (ties: the earlier node)
  const parent = new Int32Array(g.nodes.length).fill(-1);
  const best = new Float64Array(g.nodes.length);
  for (const e of g.edges)
    for (const [u, v] of [
      [e.a, e.b],
      [e.b, e.a],
    ] as const)
      if (g.nodes[v]!.ring === g.nodes[u]!.ring - 1 && (e.weight > best[u]! || (e.weight === best[u]! && v < parent[u]!))) {
        best[u] = e.weight;
        parent[u] = v;
      }
  for (let r = 0; r <= rings; r++) {
    const members = g.nodes.map((n, i) => (n.ring === r ? i : -1)).filter((i) => i >= 0);
    if (r >= 2) members.sort((a, b) => (parent[a]! >= 0 ? pos[parent[a]!]!.angle : 7) - (parent[b]! >= 0 ? pos[parent[b]!]!.angle : 7) || a - b);
    const radius = r === 0 ? (members.length > 1 ? Math.min(40, OUTER / (rings + 1) / 2) : 0) : (OUTER * r) / rings;
    const step = (2 * Math.PI) / Math.max(1, members.length);
    // ring 2 onwards starts at its first node's parent, so nodes sit near whom they reach the centre through
    const first = members[0];
    const start = r >= 2 && first !== undefined && parent[first]! >= 0 ? pos[parent[first]!]!.angle : 0;
    const turn = rng.next() * step;
    members.forEach((v, i) => {
      const angle = (start + turn + i * step) % (2 * Math.PI);
      pos[v] = { x: CX + radius * Math.cos(angle), y: CY + radius * Math.sin(angle), angle };
    });
  }
  return pos;
}

/** The picture's SVG (one element, for inline use in the report's HTML). */
export function egoGraphSvg(g: EgoGraph): string {
  const pos = egoLayout(g);
  const maxW = g.edges.reduce((m, e) => (Number.isFinite(e.weight) && e.weight > m ? e.weight : m), 0);
  const lines = g.edges.map((e) => {
    const w = Number.isFinite(e.weight) && e.weight > 0 && maxW > 0 ? 0.6 + (2.4 * Math.log1p(e.weight)) / Math.log1p(maxW) : 0.6;
    const a = pos[e.a]!;
    const b = pos[e.b]!;
    return `<line x1="${f1(a.x)}" y1="${f1(a.y)}" x2="${f1(b.x)}" y2="${f1(b.y)}" stroke-width="${w.toFixed(2)}"></line>`;
  });
  const nodes = g.nodes.map((n, i) => {
    const p = pos[i]!;
    const centre = n.ring === 0;
    const cls = centre ? ' class="centre"' : '';
    const right = Math.cos(p.angle) >= 0;
    const text =
      centre && g.nodes.filter((x) => x.ring === 0).length === 1
        ? `<text${cls} x="${f1(p.x)}" y="${f1(p.y + 20)}" text-anchor="middle">${svgLabel(n.label, MAX_LABEL)}</text>`
        : `<text${cls} x="${f1(p.x + (right ? 8 : -8))}" y="${f1(p.y + 4)}" text-anchor="${right ? 'start' : 'end'}">${svgLabel(n.label, MAX_LABEL)}</text>`;
    return `<g><circle${cls} cx="${f1(p.x)}" cy="${f1(p.y)}" r="${centre ? 7 : 4.5}"></circle>${text}</g>`;
  });
  const shownEdges = g.edges.length;
  const note = `${g.nodes.length} of ${g.of.nodes} nodes and ${shownEdges} of ${g.of.edges} contact pairs shown (the strongest ties, ring by ring); seed ${String(g.seed)}`;
  return `<svg class="chart ego" role="img" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}"><title>${escapeHtml(revealBidi(g.title))}</title><g>${lines.join('')}</g>${nodes.join('')}<text class="value" x="6" y="${HEIGHT - 8}">${escapeHtml(note)}</text></svg>`;
}
