import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IndexedMinHeap } from './heap.js';

describe('IndexedMinHeap', () => {
  it('pops keys in non-decreasing order, honouring decrease-key, like a sorted model', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(49), fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 200 }),
        (ops) => {
          const heap = new IndexedMinHeap(50);
          const model = new Map<number, number>();
          for (const [v, k] of ops) {
            heap.push(v, k);
            const old = model.get(v);
            if (old === undefined || k < old) model.set(v, k);
          }
          expect(heap.size).toBe(model.size);
          const popped: number[] = [];
          while (heap.size > 0) popped.push(heap.pop());
          expect(new Set(popped)).toEqual(new Set(model.keys()));
          const keys = popped.map((v) => model.get(v) as number);
          for (let i = 1; i < keys.length; i++) expect(keys[i]).toBeGreaterThanOrEqual(keys[i - 1] as number);
        },
      ),
    );
  });

  it('clear empties the heap and forgets membership', () => {
    const heap = new IndexedMinHeap(4);
    heap.push(1, 3);
    heap.push(2, 1);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.has(1)).toBe(false);
    heap.push(1, 5);
    expect(heap.pop()).toBe(1);
  });
});
