import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { ChildNode, Element } from 'domhandler';
import { revealBidi } from '../text/display/bidi.js';
import { bdi, escapeHtml, escapeText } from './escape.js';

const text = (n: ChildNode): string => ('data' in n && n.type === 'text' ? n.data : 'children' in n ? n.children.map(text).join('') : '');
const elements = (n: ChildNode): Element[] => ('children' in n ? [...(n.type === 'tag' || n.type === 'script' || n.type === 'style' ? [n as Element] : []), ...n.children.flatMap(elements)] : []);

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(fc.constantFrom('<', '>', '&', '"', "'", '</p>', '<script>', '</style>', '&amp;', '&#60;', '\u202e', '\u2067', '\u0000', 'a', ' ', '=', 'on', '\r\n', '<!--', '-->', ']]>'), { maxLength: 20 }).map((a) => a.join('')),
);

describe('escapeHtml', () => {
  it('reads back as the same text in element content and in a quoted attribute, and never makes an element', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        const want = s.replace(/\u0000/g, '\ufffd');
        const doc = parseDocument(`<p title="${e}" data-x='${e}'>${e}</p><i>${bdi(s)}</i>`);
        const els = elements(doc as unknown as ChildNode);
        expect(els.map((x) => x.name)).toEqual(['p', 'i', 'bdi', ...els.slice(3).map(() => 'span')]);
        expect(els[0]!.attribs).toEqual({ title: want, 'data-x': want });
        expect(text(els[0]!)).toBe(want);
        // shown text: the same, with direction controls as visible markers (never applied)
        expect(text(els[2]!)).toBe(revealBidi(want));
        expect(text(els[2]!)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
        expect(escapeText(s)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 500 },
    );
  });

  it('escapes the five specials and leaves the rest alone', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y' \u202eabc`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; \u202eabc');
    expect(escapeText('<b>\u202eabc')).toBe('&lt;b&gt;<span class="bidi" title="U+202E RIGHT-TO-LEFT OVERRIDE">⟨RLO⟩</span>abc');
  });
});
