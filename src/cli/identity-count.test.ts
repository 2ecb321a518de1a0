import { describe, expect, it } from 'vitest';
import type { IdentitySuggestResult } from '../api/identity.js';
import { renderSuggestions } from './identity.js';

const acc = (id: number) => ({ id, ref: `skyecc:${id}`, platform: 'skyecc', handle: String(id), kind: null, displayName: null });

function result(shown: number, total: number): IdentitySuggestResult {
  return {
    suggestions: Array.from({ length: shown }, (_, i) => ({ a: acc(2 * i), b: acc(2 * i + 1), score: 0.9, logOdds: 2, evidence: [] })),
    total,
    pairsScored: 1000,
    allPairs: 20000,
    handles: 200,
    threshold: 0.5,
    blocking: { contacts: 0, names: 0, identifiers: 0, statements: 0 },
    seconds: 0.1,
  };
}

describe('clew identity suggest, counted honestly', () => {
  it('says how many it shows of how many there are when the limit cuts the list', () => {
    expect(renderSuggestions(result(50, 204)).split('\n')[0]).toMatch(/^showing 50 of 204 suggestions \(more with --limit\) at score ≥ 0\.5/);
  });
  it('gives just the count when all are shown', () => {
    expect(renderSuggestions(result(3, 3)).split('\n')[0]).toMatch(/^3 suggestions at score ≥ 0\.5/);
  });
});
