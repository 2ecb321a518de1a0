/**
 * GraphML (http://graphml.graphdrawing.org/): keys for the node label, every node attribute,
 * the edge weight and every edge attribute; node ids `n<index>`. Escaped like the GEXF writer.
 * Reads back in networkx (`read_graphml`), igraph, yEd, Gephi, Cytoscape.
 */
import { isIntegerColumn, isStringColumn, checkExport, type Column, type NetworkExport } from './types.js';
import { numberText, xmlAttr, xmlText } from './xml.js';

function keyType(c: Column): string {
  return isStringColumn(c) ? 'string' : isIntegerColumn(c) ? 'long' : 'double';
}

function value(c: Column, i: number): string | null {
  const v = c[i]!;
  if (typeof v === 'string') return v;
  return Number.isFinite(v) ? numberText(v) : null;
}

export interface GraphmlOptions {
  /** What the file is and how it was made: a graph-level `description` data element. */
  description?: string;
}

export function toGraphml(x: NetworkExport, opts: GraphmlOptions = {}): string {
  checkExport(x);
  const nodeCols = Object.entries(x.nodeAttributes ?? {});
  const edgeCols = Object.entries(x.edgeAttributes ?? {});
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  );
  out.push('  <key id="label" for="node" attr.name="label" attr.type="string"/>');
  nodeCols.forEach(([name, c], i) => out.push(`  <key id="v${i}" for="node" attr.name="${xmlAttr(name)}" attr.type="${keyType(c)}"/>`));
  out.push('  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>');
  edgeCols.forEach(([name, c], i) => out.push(`  <key id="e${i}" for="edge" attr.name="${xmlAttr(name)}" attr.type="${keyType(c)}"/>`));
  if (opts.description) out.push('  <key id="description" for="graph" attr.name="description" attr.type="string"/>');
  out.push(`  <graph id="G" edgedefault="${x.directed ? 'directed' : 'undirected'}">`);
  if (opts.description) out.push(`    <data key="description">${xmlText(opts.description)}</data>`);
  for (let v = 0; v < x.edges.n; v++) {
    let s = `    <node id="n${v}"><data key="label">${xmlText(x.labels[v]!)}</data>`;
    nodeCols.forEach(([, c], i) => {
      const val = value(c, v);
      if (val !== null) s += `<data key="v${i}">${xmlText(val)}</data>`;
    });
    out.push(`${s}</node>`);
  }
  const { src, dst, weight } = x.edges;
  for (let i = 0; i < src.length; i++) {
    let s = `    <edge source="n${src[i]}" target="n${dst[i]}">`;
    if (Number.isFinite(weight[i]!)) s += `<data key="weight">${numberText(weight[i]!)}</data>`;
    edgeCols.forEach(([, c], k) => {
      const val = value(c, i);
      if (val !== null) s += `<data key="e${k}">${xmlText(val)}</data>`;
    });
    out.push(`${s}</edge>`);
  }
  out.push('  </graph>');
  out.push('</graphml>');
  return out.join('\n') + '\n';
}
