import { describe, expect, it } from 'vitest';
import { toGraphml } from './graphml.js';
import { checkXml, findAll } from './test-support/xml-check.js';
import { HOSTILE_XML_CLEAN, hostileNetwork } from './test-support/hostile.js';

describe('toGraphml', () => {
  const doc = checkXml(toGraphml(hostileNetwork()));
  it('is well-formed with escaped labels and typed keys', () => {
    expect(doc.name).toBe('graphml');
    const keys = findAll(doc, 'key').map((k) => [k.attrs.id, k.attrs.for, k.attrs['attr.name'], k.attrs['attr.type']]);
    expect(keys).toEqual([
      ['label', 'node', 'label', 'string'],
      ['v0', 'node', 'pagerank', 'double'],
      ['v1', 'node', 'community', 'long'],
      ['v2', 'node', 'role <x> & "y"', 'string'],
      ['weight', 'edge', 'weight', 'double'],
      ['e0', 'edge', 'first', 'double'],
    ]);
    const n0 = findAll(doc, 'node')[0]!;
    const data = Object.fromEntries(findAll(n0, 'data').map((d) => [d.attrs.key, d.text]));
    expect(data.label).toBe(HOSTILE_XML_CLEAN);
    expect(data.v0).toBe('0.5');
    expect(data.v2).toBe(HOSTILE_XML_CLEAN);
    expect(findAll(findAll(doc, 'node')[2]!, 'data').map((d) => d.attrs.key)).toEqual(['label', 'v1', 'v2']);
    expect(findAll(doc, 'edge')).toHaveLength(3);
    expect(findAll(doc, 'graph')[0]!.attrs.edgedefault).toBe('directed');
  });

  it('states what the file is in a graph-level data element, escaped', () => {
    const d = checkXml(toGraphml(hostileNetwork(), { description: 'scope ego:<Kum> & "x"' }));
    expect(findAll(d, 'key').find((k) => k.attrs.id === 'description')?.attrs).toMatchObject({ for: 'graph', 'attr.name': 'description', 'attr.type': 'string' });
    const g = findAll(d, 'graph')[0]!;
    expect(findAll(g, 'data').find((x) => x.attrs.key === 'description')?.text).toBe('scope ego:<Kum> & "x"');
    expect(findAll(doc, 'key').some((k) => k.attrs.id === 'description')).toBe(false);
  });
});
