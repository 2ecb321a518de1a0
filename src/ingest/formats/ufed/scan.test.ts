import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeValue, XmlScanner } from './scan.js';

type Ev = ['open', string, Record<string, string>] | ['close', string] | ['text', string] | ['decl', string];

/** Scans `doc` written in the given pieces; adjacent text, entities and CDATA are merged. */
function events(doc: string, cuts: number[] = []): Ev[] {
  let stream = '';
  const out: Ev[] = [];
  let tag = '';
  let attrs: Record<string, string> = {};
  const text = (t: string) => {
    const last = out[out.length - 1];
    if (last?.[0] === 'text') last[1] += t;
    else out.push(['text', t]);
  };
  const at = (a: number, b: number) => stream.slice(a, b);
  const s = new XmlScanner({
    onopentagname: (a, b) => {
      tag = at(a, b);
      attrs = {};
    },
    onattributes: (n) => {
      for (let k = 0; k < n; k++) attrs[at(s.attribute(k, 0), s.attribute(k, 1))] = attributeValue(at(s.attribute(k, 2), s.attribute(k, 3)));
    },
    onopentagend: () => void out.push(['open', tag, attrs]),
    onselfclosingtag: () => void out.push(['open', tag, attrs], ['close', tag]),
    onclosetag: (a, b) => void out.push(['close', at(a, b)]),
    ontext: (a, b) => text(at(a, b)),
    ontextentity: (cp) => text(String.fromCodePoint(cp)),
    oncdata: (a, b) => text(at(a, b)),
    ondeclaration: (a, b) => void out.push(['decl', at(a, b)]),
  });
  const points = [...new Set([0, ...cuts.filter((c) => c > 0 && c < doc.length), doc.length])].sort((x, y) => x - y);
  for (let i = 1; i < points.length; i++) {
    const piece = doc.slice(points[i - 1], points[i]);
    stream += piece;
    s.write(piece);
  }
  s.end();
  expect(s.inside).toBeNull();
  return out;
}

describe('ufed xml scanner', () => {
  it('reads tags, attributes, entities, CDATA, comments and declarations', () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE x><a b="1 &amp; &lt;2&gt;" c='&#x17E;"'>t &amp; &#382; &bogus; & x<![CDATA[<&amp;>]]><!-- <no> --><e/><f g="h>i"></f></a>`;
    expect(events(doc)).toEqual([
      ['decl', '!DOCTYPE x'],
      ['open', 'a', { b: '1 & <2>', c: 'ž"' }],
      ['text', 't & ž &bogus; & x<&amp;>'],
      ['open', 'e', {}],
      ['close', 'e'],
      ['open', 'f', { g: 'h>i' }],
      ['close', 'f'],
      ['close', 'a'],
    ]);
  });

  it('keeps a stray < and an entity that is not XML as text, and maps a forbidden character reference to U+FFFD', () => {
    expect(events('<a>1 < 2 &nbsp; &#0; &#xD800;</a>')).toEqual([['open', 'a', {}], ['text', '1 < 2 &nbsp; \ufffd \ufffd'], ['close', 'a']]);
  });

  it('reports where an unfinished stream ends', () => {
    for (const [doc, inside] of [
      ['<a><b x="1', 'tag'],
      ['<a><![CDATA[abc', 'cdata'],
      ['<a><!-- abc', 'comment'],
    ] as const) {
      const s = new XmlScanner({ onopentagname() {}, onattributes() {}, onopentagend() {}, onselfclosingtag() {}, onclosetag() {}, ontext() {}, ontextentity() {}, oncdata() {}, ondeclaration() {} });
      s.write(doc);
      s.end();
      expect(s.inside).toBe(inside);
    }
  });

  // a random element tree, its serialisation, and the events it must give
  const name = fc.constantFrom('model', 'field', 'value', 'a', 'x:y', 'ü');
  const chars = fc.string({ unit: fc.constantFrom('a', 'ž', '你', '🚤', ' ', '&', '<', '>', '"', "'", ';', '#', ']', '-', '\t'), maxLength: 12 });
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  type Node = { el: string; attrs: [string, string][]; kids: Node[] } | { text: string; cdata: boolean };
  const { node } = fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ text: chars, cdata: fc.boolean() }),
      fc.record({ el: name, attrs: fc.uniqueArray(fc.tuple(fc.constantFrom('id', 'type', 'name'), chars), { selector: (p) => p[0], maxLength: 3 }), kids: fc.array(tie('node'), { maxLength: 4 }) }),
    ),
  }));
  const serialise = (n: Node): string =>
    'text' in n
      ? n.cdata && !n.text.includes(']]>')
        ? `<![CDATA[${n.text}]]>`
        : esc(n.text)
      : `<${n.el}${n.attrs.map(([k, v]) => ` ${k}="${esc(v).replace(/"/g, '&quot;')}"`).join('')}${n.kids.length === 0 ? '/>' : `>${n.kids.map(serialise).join('<!--c-->')}</${n.el}>`}`;
  const expected = (n: Node, out: Ev[] = []): Ev[] => {
    if ('text' in n) {
      if (n.text === '') return out;
      const last = out[out.length - 1];
      if (last?.[0] === 'text') last[1] += n.text;
      else out.push(['text', n.text]);
      return out;
    }
    out.push(['open', n.el, Object.fromEntries(n.attrs)]);
    for (const k of n.kids) expected(k, out);
    out.push(['close', n.el]);
    return out;
  };

  it('gives the same events as the tree it was written from, however the stream is cut', () => {
    fc.assert(
      fc.property(
        node.filter((n) => !('text' in n)),
        fc.array(fc.nat(), { maxLength: 20 }),
        (tree, cuts) => {
          const doc = serialise(tree);
          const want = expected(tree);
          expect(events(doc, cuts.map((c) => c % (doc.length + 1)))).toEqual(want);
          expect(events(doc, Array.from({ length: doc.length }, (_, i) => i))).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});
