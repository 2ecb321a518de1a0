// Reference fixtures written by bench/graph/reference.py (python-igraph + networkx).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { buildCSR } from '../build.js';
import type { CSRGraph } from '../csr.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export interface Fixture {
  name: string;
  n: number;
  directed: boolean;
  weighted: boolean;
  edges: Array<[number, number, number]>;
  reset: number[];
  expected: Record<string, Array<number | null> | number | undefined>;
  graph: CSRGraph;
}

export function loadFixtures(): Fixture[] {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error('no fixtures: run /usr/bin/python3 bench/graph/reference.py');
  return files.map((f) => {
    const doc = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Omit<Fixture, 'graph'>;
    const graph = buildCSR(
      {
        n: doc.n,
        src: Int32Array.from(doc.edges.map((e) => e[0])),
        dst: Int32Array.from(doc.edges.map((e) => e[1])),
        weight: Float64Array.from(doc.edges.map((e) => e[2])),
      },
      { directed: doc.directed },
    );
    return { ...doc, graph };
  });
}

/** The expected vector `key` (null means NaN), or undefined when the fixture lacks it. */
export function expectedVector(f: Fixture, key: string): number[] | undefined {
  const v = f.expected[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new Error(`${f.name}.${key} is not a vector`);
  return v.map((x) => (x === null ? Number.NaN : x));
}

export function expectedNumber(f: Fixture, key: string): number {
  const v = f.expected[key];
  if (typeof v !== 'number') throw new Error(`${f.name}.${key} is not a number`);
  return v;
}

/** Element-wise |a-b| <= abs + rel·max(|a|,|b|); NaN matches NaN only. Reports the first mismatch. */
export function expectClose(actual: ArrayLike<number>, expected: number[], abs: number, rel: number, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      expect(Number.isNaN(a), `${label}[${i}] = ${a}, expected ${e}`).toBe(Number.isNaN(e));
      continue;
    }
    const ok = Math.abs(a - e) <= abs + rel * Math.max(Math.abs(a), Math.abs(e));
    expect(ok, `${label}[${i}] = ${a}, expected ${e}`).toBe(true);
  }
}

/** Two labellings describe the same partition (labels may differ). */
export function expectSamePartition(a: ArrayLike<number>, b: number[], label: string): void {
  expect(a.length, label).toBe(b.length);
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (!ab.has(x)) ab.set(x, y);
    if (!ba.has(y)) ba.set(y, x);
    expect(ab.get(x), `${label}: node ${i}`).toBe(y);
    expect(ba.get(y), `${label}: node ${i}`).toBe(x);
  }
}
