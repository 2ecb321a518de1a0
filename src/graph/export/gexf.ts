/**
 * GEXF 1.3 (https://gexf.net/1.3): nodes with labels and attribute values (measures, community),
 * edges with weights and attributes. Node ids are `n<index>`, edge ids `e<index>`; labels and
 * string values are XML-escaped and stripped of characters XML forbids. Output is deterministic
 * (no date unless `lastModified` is given). Opens in Gephi 0.10+.
 */
import { isIntegerColumn, isStringColumn, checkExport, type Column, type NetworkExport } from './types.js';
import { numberText, xmlAttr } from './xml.js';

export interface GexfOptions {
  /** YYYY-MM-DD for <meta lastmodifieddate>. */
  lastModified?: string;
  creator?: string;
  description?: string;
}

function gexfType(c: Column): string {
  return isStringColumn(c) ? 'string' : isIntegerColumn(c) ? 'integer' : 'double';
}

function value(c: Column, i: number): string | null {
  const v = c[i]!;
  if (typeof v === 'string') return v;
  return Number.isFinite(v) ? numberText(v) : null;
}

function declare(kind: 'node' | 'edge', cols: [string, Column][], out: string[]): void {
  if (cols.length === 0) return;
  out.push(`    <attributes class="${kind}">`);
  cols.forEach(([name, c], i) => out.push(`      <attribute id="${i}" title="${xmlAttr(name)}" type="${gexfType(c)}"/>`));
  out.push('    </attributes>');
}

function attvalues(cols: [string, Column][], i: number): string {
  let s = '';
  cols.forEach(([, c], k) => {
    const v = value(c, i);
    if (v !== null) s += `<attvalue for="${k}" value="${xmlAttr(v)}"/>`;
  });
  return s === '' ? '' : `<attvalues>${s}</attvalues>`;
}

export function toGexf(x: NetworkExport, opts: GexfOptions = {}): string {
  checkExport(x);
  const nodeCols = Object.entries(x.nodeAttributes ?? {});
  const edgeCols = Object.entries(x.edgeAttributes ?? {});
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
  );
  out.push(`  <meta${opts.lastModified ? ` lastmodifieddate="${xmlAttr(opts.lastModified)}"` : ''}>`);
  out.push(`    <creator>${xmlAttr(opts.creator ?? 'clew')}</creator>`);
  if (opts.description) out.push(`    <description>${xmlAttr(opts.description)}</description>`);
  out.push('  </meta>');
  out.push(`  <graph mode="static" defaultedgetype="${x.directed ? 'directed' : 'undirected'}">`);
  declare('node', nodeCols, out);
  declare('edge', edgeCols, out);
  out.push('    <nodes>');
  for (let v = 0; v < x.edges.n; v++) {
    const av = attvalues(nodeCols, v);
    const open = `      <node id="n${v}" label="${xmlAttr(x.labels[v]!)}"`;
    out.push(av === '' ? `${open}/>` : `${open}>${av}</node>`);
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  const { src, dst, weight } = x.edges;
  for (let i = 0; i < src.length; i++) {
    const av = attvalues(edgeCols, i);
    const w = Number.isFinite(weight[i]!) ? ` weight="${numberText(weight[i]!)}"` : '';
    const open = `      <edge id="e${i}" source="n${src[i]}" target="n${dst[i]}"${w}`;
    out.push(av === '' ? `${open}/>` : `${open}>${av}</edge>`);
  }
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  return out.join('\n') + '\n';
}
