/** Disjoint sets over arbitrary numeric ids (path halving, union by size). */
export class UnionFind {
  private readonly parent = new Map<number, number>();
  private readonly size = new Map<number, number>();

  find(x: number): number {
    let p = this.parent.get(x);
    if (p === undefined) return x;
    while (p !== x) {
      const gp = this.parent.get(p) ?? p;
      this.parent.set(x, gp);
      x = p;
      p = this.parent.get(x) ?? x;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    const sa = this.size.get(ra) ?? 1;
    const sb = this.size.get(rb) ?? 1;
    if (sa < sb) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.parent.set(ra, ra);
    this.size.set(ra, sa + sb);
  }

  /** The sets with more than one member, keyed by root. */
  groups(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const x of this.parent.keys()) {
      const r = this.find(x);
      const g = out.get(r) ?? [];
      g.push(x);
      out.set(r, g);
    }
    for (const [r, g] of out) if (g.length < 2) out.delete(r);
    return out;
  }
}
