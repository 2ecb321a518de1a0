import { describe, expect, it } from 'vitest';
import { classify } from './classify.js';

describe('classify', () => {
  const known = new Set(['Ana Primer']);
  it('Android: known sender first, then system patterns, then any name', () => {
    expect(classify('Ana Primer: Marko left', 'android', known)).toEqual({ kind: 'message', name: 'Ana Primer', body: 'Marko left' });
    expect(classify('Marko Test left', 'android', known)).toMatchObject({ kind: 'system', match: { kind: 'left', actor: 'Marko Test' } });
    expect(classify('Vuk: I left', 'android', known)).toEqual({ kind: 'message', name: 'Vuk', body: 'I left' });
    expect(classify('something unknown happened', 'android', known)).toMatchObject({ kind: 'system', match: null });
  });
  it('iOS: system lines are LRM-marked bodies that match a pattern', () => {
    expect(classify('Posao: \u200eMarko Test left', 'ios', known)).toMatchObject({ kind: 'system', name: 'Posao', match: { kind: 'left' } });
    expect(classify('Ana Primer: \u200eimage omitted', 'ios', known)).toEqual({ kind: 'message', name: 'Ana Primer', body: '\u200eimage omitted' });
    expect(classify('Ana Primer: Marko Test left', 'ios', known)).toMatchObject({ kind: 'message' });
  });
});
