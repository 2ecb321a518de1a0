import { describe, expect, it } from 'vitest';
import { children, MAX_CHILD_MODELS, MAX_FIELD_VALUES, MAX_MODEL_DEPTH, MAX_VALUE_CHARS, rawField as field, UfedXmlReader, type UfedModel } from './xml.js';

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

describe('ufed xml: models', () => {
  it('keeps field names, model types and states that hash alike apart (names are interned by hash)', () => {
    // "Aa" and "BB" have the same 31-multiplier hash, as do "AaAa", "AaBB" and "BBBB"
    const f = (name: string, v: string) => `<field name="${name}" type="String"><value type="String">${v}</value></field>`;
    const doc = `<project><decodedData><modelType type="X"><model type="AaAa" id="1" deleted_state="Aa">${f('Aa', 'one')}${f('BB', 'two')}<modelField name="AaBB" type="P"><model type="BBBB" id="2">${f('BB', 'three')}</model></modelField><multiModelField name="BBBB" type="P"><model type="AaBB" id="3" deleted_state="BB"/></multiModelField></model></modelType></decodedData></project>`;
    for (const step of [1, 7, 1000]) {
      const [m] = modelsOf(doc, step);
      expect([m!.type, m!.deleted, field(m!, 'Aa'), field(m!, 'BB')]).toEqual(['AaAa', 'Aa', 'one', 'two']);
      expect(children(m!, 'AaBB').map((c) => [c.type, field(c, 'BB'), c.path])).toEqual([['BBBB', 'three', 'AaAa[1]/AaBB/BBBB[2]']]);
      expect(children(m!, 'BBBB').map((c) => [c.type, c.deleted])).toEqual([['AaBB', 'BB']]);
      expect(children(m!, 'Aa')).toEqual([]);
    }
  });

  it('keeps at most MAX_CHILD_MODELS children, MAX_FIELD_VALUES values and MAX_VALUE_CHARS bytes of a value per model, and says so', () => {
    const kid = (i: number) => `<model type="P" id="${i}"/>`;
    const val = (v: string) => `<value type="String">${v}</value>`;
    const big = 'ž'.repeat(MAX_VALUE_CHARS / 2 + 1);
    const doc = `<project><decodedData><modelType type="X"><model type="M" id="m"><multiModelField name="Kids" type="P">${Array.from({ length: MAX_CHILD_MODELS + 1 }, (_, i) => kid(i)).join('')}</multiModelField><multiField name="V" type="String">${val('x').repeat(MAX_FIELD_VALUES + 1)}</multiField></model><model type="M" id="n"><field name="Body" type="String">${val(big)}</field></model></modelType></decodedData></project>`;
    const [m, n] = modelsOf(doc, 1 << 16);
    expect(children(m!, 'Kids')).toHaveLength(MAX_CHILD_MODELS);
    expect(m!.fields).toHaveLength(2 * MAX_FIELD_VALUES);
    expect(m!.truncated).toBe(`more than ${MAX_CHILD_MODELS} child models (Kids)`);
    // cut at a character boundary: 2 bytes a character
    expect(field(n!, 'Body')).toBe('ž'.repeat(MAX_VALUE_CHARS / 2));
    expect(n!.truncated).toBe(`field Body is longer than ${MAX_VALUE_CHARS} bytes`);
  });

  it('skips models nested deeper than MAX_MODEL_DEPTH and marks the model they were in', () => {
    const depth = MAX_MODEL_DEPTH + 2;
    let inner = '';
    for (let d = depth; d >= 1; d--) inner = `<model type="L${d}" id="${d}">${inner ? `<modelField name="In" type="X">${inner}</modelField>` : ''}</model>`;
    const [top] = modelsOf(`<project><decodedData><modelType type="X">${inner}</modelType></decodedData></project>`, 1000);
    let m = top!;
    let seen = 1;
    while (children(m, 'In').length > 0) {
      m = children(m, 'In')[0]!;
      seen++;
    }
    expect(seen).toBe(MAX_MODEL_DEPTH);
    expect(m.tooDeep).toBe(true);
    expect(m.path.split('/In/')).toHaveLength(MAX_MODEL_DEPTH);
  });
});

describe('ufed xml: models of types not read', () => {
  const f = (name: string, v: string) => `<field name="${name}" type="String"><value type="String">${v}</value></field>`;
  const doc = (cookie: string) =>
    `<project><decodedData><modelType type="X"><model type="Cookie" id="c1" deleted_state="Deleted">${cookie}</model><model type="SMS" id="s1">${f('Body', 'hi')}<multiModelField name="Parties" type="Party"><model type="Cookie" id="c2">${f('Name', 'kept')}</model></multiModelField></model></modelType></decodedData></project>`;
  const read = (text: string, step: number): UfedModel[] => {
    const r = new UfedXmlReader(new Set(['SMS']));
    const out: UfedModel[] = [];
    for (let i = 0; i < text.length; i += step) {
      r.write(text.slice(i, i + step));
      for (const u of r.drain()) if (u.kind === 'model') out.push(u.model);
    }
    r.end();
    for (const u of r.drain()) if (u.kind === 'model') out.push(u.model);
    return out;
  };

  it('hands a top-level model of a type not read out without its content, and reads the same type nested in a model that is read', () => {
    const text = doc(`${f('Name', 'session')}<modelField name="In" type="Y"><model type="Z" id="z">${f('A', 'b')}</model></modelField>`);
    for (const step of [1, 5, 1000]) {
      const [c, s] = read(text, step);
      expect([c!.type, c!.id, c!.deleted, c!.fields, c!.kids, text.slice(c!.offset, c!.offset + 19)]).toEqual(['Cookie', 'c1', 'Deleted', [], null, '<model type="Cookie']);
      expect([s!.type, field(s!, 'Body'), children(s!, 'Parties').map((k) => [k.type, field(k, 'Name')])]).toEqual(['SMS', 'hi', [['Cookie', 'kept']]]);
    }
    // all of them read when no types are given
    const r = new UfedXmlReader();
    r.write(text);
    r.end();
    expect(r.drain().flatMap((u) => (u.kind === 'model' ? [field(u.model, 'Name')] : []))).toEqual(['session', undefined]);
  });

  it('still checks the content of a model not read for well-formedness', () => {
    expect(() => read(doc(`${f('Name', 'x')}<a></b>`), 1000)).toThrow(expect.objectContaining({ code: 'XML_SYNTAX' }));
  });
});
