import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripInvalidXml, xmlAttr, xmlText } from './xml.js';
import { checkXml } from './test-support/xml-check.js';

describe('xml escaping', () => {
  it('escapes markup and drops forbidden characters', () => {
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlAttr('"q" \'a\'\n\t')).toBe('&quot;q&quot; &apos;a&apos;&#10;&#9;');
    expect(stripInvalidXml('a\u0000b\u0008c\ud800d\udc00e\ufffef\uffffg')).toBe('abcdefg');
    expect(stripInvalidXml('ok 😀 \u00e9')).toBe('ok 😀 \u00e9');
  });
  it('property: any string round-trips through an attribute and text, minus forbidden chars', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const doc = checkXml(`<r a="${xmlAttr(s)}">${xmlText(s)}</r>`);
        const clean = stripInvalidXml(s);
        expect(doc.attrs.a).toBe(clean);
        // text keeps CR only as-is; our checker does not normalise line ends
        expect(doc.text).toBe(clean);
      }),
    );
  });
});
