import { describe, expect, it } from 'vitest';
import { rawField as field, UfedXmlReader, type UfedModel } from './xml.js';

/** Reads a report written one character at a time, so every token is split at every place. */
function modelsOf(doc: string, step = 1): UfedModel[] {
  const r = new UfedXmlReader();
  const out: UfedModel[] = [];
  for (let i = 0; i < doc.length; i += step) {
    r.write(doc.slice(i, i + step));
    for (const u of r.drain()) if (u.kind === 'model') out.push(u.model);
  }
  r.end();
  for (const u of r.drain()) if (u.kind === 'model') out.push(u.model);
  return out;
}

const report = (body: string) =>
  `<?xml version="1.0"?><project><decodedData><modelType type="InstantMessage"><model type="InstantMessage" id="m1"><field name="Body" type="String"><value type="String">${body}</value></field></model></modelType></decodedData></project>`;

describe('ufed xml: end-of-line handling (XML 1.0 §2.11)', () => {
  it('turns CR LF and a lone CR into LF however the text is split, and keeps a CR written as &#13;', () => {
    for (const step of [1, 2, 3, 1000]) {
      expect(field(modelsOf(report('a\r\nb\rc\n\r\nd'), step)[0]!, 'Body')).toBe('a\nb\nc\n\nd');
      expect(field(modelsOf(report('a&#13;\nb&#xD;'), step)[0]!, 'Body')).toBe('a\r\nb\r');
      expect(field(modelsOf(report('a\r<![CDATA[\nb\r]]>\nc'), step)[0]!, 'Body')).toBe('a\n\nb\n\nc');
    }
  });
});

describe('ufed xml: bytes', () => {
  /** The report's UTF-8 bytes written `step` bytes at a time (characters cut between writes). */
  function bytesOf(doc: string, step: number): UfedModel[] {
    const r = new UfedXmlReader();
    const bytes = Buffer.from(doc, 'utf8');
    const out: UfedModel[] = [];
    for (let i = 0; i < bytes.length; i += step) {
      r.write(bytes.subarray(i, i + step));
      for (const u of r.drain()) if (u.kind === 'model') out.push(u.model);
    }
    r.end();
    for (const u of r.drain()) if (u.kind === 'model') out.push(u.model);
    return out;
  }

  it('decodes UTF-8 cut anywhere, mixed with character references, in text and attributes, and offsets count bytes', () => {
    const body = 'ž&#x17E;你🚤&amp;Ж<![CDATA[ž🚤]]>';
    const doc = `<?xml version="1.0"?><project><decodedData><modelType type="X"><model type="Poruka" id="ž&#x17E;🚤"><field name="Body" type="String"><value type="String">${body}</value></field></model><model type="B" id="2"/></modelType></decodedData></project>`;
    for (const step of [1, 2, 3, 5, 1000]) {
      const [m, b] = bytesOf(doc, step);
      expect(field(m!, 'Body')).toBe('žž你🚤&Жž🚤');
      expect(m!.id).toBe('žž🚤');
      expect(Buffer.from(doc).subarray(b!.offset, b!.offset + 9).toString()).toBe('<model ty');
    }
  });
});
