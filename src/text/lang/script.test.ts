import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectScript, scriptStats } from './script.js';

describe('detectScript', () => {
  it('finds the majority script', () => {
    expect(detectScript('Đe si brate')).toBe('Latn');
    expect(detectScript('Ђе си брате, ok')).toBe('Cyrl');
    expect(detectScript('أين الشحنة 123')).toBe('Arab');
    expect(detectScript('Καλημέρα')).toBe('Grek');
    expect(detectScript('שלום')).toBe('Hebr');
    expect(detectScript('你好')).toBe('Other');
    expect(detectScript('123 !!! 😀')).toBeNull();
    expect(detectScript('')).toBeNull();
  });
  it('counts letters', () => {
    expect(scriptStats('Đe si, 12!')).toEqual({ script: 'Latn', letters: 4 });
    expect(scriptStats('أين 3')).toEqual({ script: 'Arab', letters: 3 });
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => { detectScript(s); }));
  });
});
