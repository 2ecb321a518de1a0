import { describe, expect, it } from 'vitest';
import { toGexf } from './gexf.js';
import { checkXml, findAll } from './test-support/xml-check.js';
import { HOSTILE_XML_CLEAN, hostileNetwork } from './test-support/hostile.js';

describe('toGexf', () => {
  const xml = toGexf(hostileNetwork(), { lastModified: '2026-11-25' });
  const doc = checkXml(xml);

  it('is well-formed GEXF 1.3 with escaped hostile labels', () => {
    expect(doc.name).toBe('gexf');
    expect(doc.attrs.version).toBe('1.3');
    expect(doc.attrs.xmlns).toBe('http://gexf.net/1.3');
    const nodes = findAll(doc, 'node');
    expect(nodes).toHaveLength(3);
    expect(nodes[0]!.attrs.label).toBe(HOSTILE_XML_CLEAN);
    expect(nodes[2]!.attrs.label).toBe('+31 6 1234 5678');
  });

  it('declares attributes with types and writes values (NaN omitted)', () => {
    const attrs = findAll(doc, 'attribute');
    expect(attrs.map((a) => [a.attrs.title, a.attrs.type])).toEqual([
      ['pagerank', 'double'], ['community', 'integer'], ['role <x> & "y"', 'string'], ['first', 'double'],
    ]);
    const n2 = findAll(doc, 'node')[2]!;
    const vals = findAll(n2, 'attvalue').map((a) => [a.attrs.for, a.attrs.value]);
    expect(vals).toEqual([['1', '1'], ['2', 'leaf']]);
    const edges = findAll(doc, 'edge');
    expect(edges.map((e) => [e.attrs.source, e.attrs.target, e.attrs.weight])).toEqual([['n0', 'n1', '3'], ['n1', 'n2', '1.5'], ['n2', 'n0', '2']]);
    expect(findAll(doc, 'graph')[0]!.attrs.defaultedgetype).toBe('directed');
  });

  it('is deterministic and rejects mismatched columns', () => {
    expect(toGexf(hostileNetwork(), { lastModified: '2026-11-25' })).toBe(xml);
    expect(() => toGexf({ ...hostileNetwork(), labels: ['a'] })).toThrow();
    expect(() => toGexf({ ...hostileNetwork(), nodeAttributes: { x: [1] } })).toThrow();
  });
});
