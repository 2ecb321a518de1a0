/**
 * Indexed binary min-heap over node ids 0..n-1 with Float64 keys, on typed arrays (no per-entry
 * objects). Supports decrease-key, so Dijkstra holds at most n entries. Allocate once per
 * traversal workspace and reuse across sources: `clear()` is O(size).
 */
export class IndexedMinHeap {
  private readonly heap: Int32Array;
  /** Position of each node in `heap`, or -1. */
  private readonly pos: Int32Array;
  private readonly key: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
    this.key = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  has(v: number): boolean {
    return this.pos[v] !== -1;
  }

  /** Insert v with `key`, or lower its key if it is present with a larger one. */
  push(v: number, key: number): void {
    const p = this.pos[v] as number;
    if (p === -1) {
      const i = this.count++;
      this.heap[i] = v;
      this.pos[v] = i;
      this.key[v] = key;
      this.up(i);
    } else if (key < (this.key[v] as number)) {
      this.key[v] = key;
      this.up(p);
    }
  }

  /** Remove and return the node with the smallest key (ties: any). Undefined behaviour when empty. */
  pop(): number {
    const heap = this.heap;
    const top = heap[0] as number;
    this.pos[top] = -1;
    const last = heap[--this.count] as number;
    if (this.count > 0) {
      heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.pos[this.heap[i] as number] = -1;
    this.count = 0;
  }

  private up(i: number): void {
    const { heap, pos, key } = this;
    const v = heap[i] as number;
    const k = key[v] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pv = heap[parent] as number;
      if ((key[pv] as number) <= k) break;
      heap[i] = pv;
      pos[pv] = i;
      i = parent;
    }
    heap[i] = v;
    pos[v] = i;
  }

  private down(i: number): void {
    const { heap, pos, key } = this;
    const n = this.count;
    const v = heap[i] as number;
    const k = key[v] as number;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (key[heap[r] as number] as number) < (key[heap[c] as number] as number)) c = r;
      const cv = heap[c] as number;
      if ((key[cv] as number) >= k) break;
      heap[i] = cv;
      pos[cv] = i;
      i = c;
    }
    heap[i] = v;
    pos[v] = i;
  }
}
