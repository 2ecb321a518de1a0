/** Label interning shared by the CSV readers: string label -> dense node id 0..n-1. */
export class LabelIndex {
  readonly labels: string[] = [];
  private readonly ids = new Map<string, number>();

  id(label: string): number {
    let v = this.ids.get(label);
    if (v === undefined) {
      v = this.labels.length;
      this.ids.set(label, v);
      this.labels.push(label);
    }
    return v;
  }

  get size(): number {
    return this.labels.length;
  }
}

/** A growable pair of typed arrays for edges. */
export class EdgeBuffer {
  src = new Int32Array(1024);
  dst = new Int32Array(1024);
  weight = new Float64Array(1024);
  length = 0;

  push(s: number, d: number, w: number): void {
    if (this.length === this.src.length) {
      const cap = this.src.length * 2;
      const s2 = new Int32Array(cap);
      s2.set(this.src);
      this.src = s2;
      const d2 = new Int32Array(cap);
      d2.set(this.dst);
      this.dst = d2;
      const w2 = new Float64Array(cap);
      w2.set(this.weight);
      this.weight = w2;
    }
    this.src[this.length] = s;
    this.dst[this.length] = d;
    this.weight[this.length] = w;
    this.length++;
  }

  finish(n: number): { n: number; src: Int32Array; dst: Int32Array; weight: Float64Array } {
    return { n, src: this.src.slice(0, this.length), dst: this.dst.slice(0, this.length), weight: this.weight.slice(0, this.length) };
  }
}
