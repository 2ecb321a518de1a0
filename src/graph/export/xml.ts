/**
 * XML text for hostile strings (names from criminals' phones). Characters XML 1.0 forbids
 * (C0 controls other than TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF) are dropped; markup
 * characters are escaped. In attributes TAB/LF/CR become character references so they survive
 * attribute-value normalisation. Linear time, no regex backtracking.
 */

/** Removes characters not allowed in XML 1.0 documents. */
export function stripInvalidXml(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let ok: boolean;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      ok = d >= 0xdc00 && d <= 0xdfff;
      if (ok) width = 2;
    } else if (c >= 0xdc00 && c <= 0xdfff) ok = false;
    else ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xfffd && c !== 0xfffe);
    if (!ok) {
      out += s.slice(last, i);
      last = i + 1;
    } else if (width === 2) i++;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** Escapes for element content. */
export function xmlText(s: string): string {
  return stripInvalidXml(s).replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}

const ATTR: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes for a double-quoted attribute value. */
export function xmlAttr(s: string): string {
  return stripInvalidXml(s).replace(/[&<>"'\t\n\r]/g, (ch) => ATTR[ch]!);
}

/** A number as an XML/CSV value: finite numbers in shortest round-trip form. */
export function numberText(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}
