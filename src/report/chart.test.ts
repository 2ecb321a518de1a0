import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { barChartSvg, chartNumber } from './chart.js';

const elements = (n: ChildNode): Element[] => ('children' in n ? [...(n.type === 'tag' || n.type === 'script' || n.type === 'style' ? [n as Element] : []), ...n.children.flatMap(elements)] : []);
const textOf = (n: ChildNode): string => (n.type === 'text' ? (n as unknown as { data: string }).data : 'children' in n ? n.children.map(textOf).join('') : '');

describe('barChartSvg', () => {
  it('draws one bar per value, widths in proportion to the largest, labels and values as text', () => {
    const svg = barChartSvg({ title: 'pagerank', bars: [{ label: 'Kum', value: 0.5 }, { label: 'Brat', value: 0.25 }, { label: 'nobody', value: 0 }] });
    const els = elements(parseDocument(svg) as unknown as ChildNode);
    const rects = els.filter((e) => e.name === 'rect').map((e) => Number(e.attribs.width));
    expect(rects).toEqual([402, 201, 0]);
    const labels = els.filter((e) => e.attribs.class === 'label').map(textOf);
    expect(labels).toEqual(['Kum', 'Brat', 'nobody']);
    expect(els.filter((e) => e.attribs.class === 'value').map(textOf)).toEqual(['0.5', '0.25', '0']);
    expect(textOf(els.find((e) => e.name === 'title')!)).toBe('pagerank');
  });

  it('numbers without locale or exponent', () => {
    expect([chartNumber(1234.56), chartNumber(3), chartNumber(0.000012), chartNumber(1e-9), chartNumber(NaN), chartNumber(12.3456)]).toEqual(['1234.6', '3', '0', '0', '0', '12.346']);
  });

  it('whatever the labels: only its own elements and attributes, labels read back as text, the same bytes each time', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.constantFrom('<script>', '</svg>', '<img src=x onerror=alert(1)>', '"', "'", '&', '\u202e', '\u0000', ']]>', '<!--', 'a', ' '), { maxLength: 10 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ label: hostile, value: fc.double({ noNaN: false }) }), { maxLength: 12 }), hostile, (bars, title) => {
        const svg = barChartSvg({ title, bars });
        const els = elements(parseDocument(svg) as unknown as ChildNode);
        for (const e of els) {
          expect(['svg', 'title', 'g', 'rect', 'text']).toContain(e.name);
          for (const a of Object.keys(e.attribs)) expect(['class', 'role', 'viewbox', 'width', 'height', 'x', 'y', 'text-anchor']).toContain(a);
        }
        expect(els.filter((e) => e.name === 'rect')).toHaveLength(bars.length);
        expect(svg).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
        expect(barChartSvg({ title, bars })).toBe(svg);
      }),
      { numRuns: 80 },
    );
  });
});
