import { describe, expect, it } from 'vitest';
import { buildCSR } from '../build.js';
import { rankKeyPlayers } from './keyplayer-measures.js';

describe('rankKeyPlayers', () => {
  it('gates lead the composite; by betweenness alone the broker is first', () => {
    // two K4s (0-3, 5-8) joined through broker 4
    const src: number[] = [];
    const dst: number[] = [];
    for (const base of [0, 5]) {
      for (let i = 0; i < 4; i++) {
        for (let j = i + 1; j < 4; j++) {
          src.push(base + i);
          dst.push(base + j);
        }
      }
    }
    src.push(3, 4);
    dst.push(4, 5);
    const g = buildCSR({ n: 9, src: Int32Array.from(src), dst: Int32Array.from(dst), weight: new Float64Array(src.length).fill(1) }, { directed: false });
    const rows = rankKeyPlayers(g);
    // the gates 3 and 5 win the composite (high on all four); the broker only on betweenness
    expect(rows.slice(0, 2).map((r) => r.node).sort()).toEqual([3, 5]);
    const broker = rows.find((r) => r.node === 4)!;
    expect(broker.measures.betweenness!.rank).toBe(1);
    expect(broker.measures.degree!.rank).toBeLessThan(0.5);
    expect(rankKeyPlayers(g, { weights: { betweenness: 1 }, limit: 1 })[0]!.node).toBe(4);
  });
});
