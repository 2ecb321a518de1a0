/** Loads the igraph reference fixtures written by bench/graph/make-community-fixtures.py. */
import { readFileSync } from 'node:fs';

export interface Fixture {
  name: string;
  n: number;
  weighted: boolean;
  edges: number[][];
  igraph: {
    multilevelMedian: number;
    multilevelMax: number;
    leidenMedian: number;
    leidenMax: number;
    membershipSeed0: number[];
    modularitySeed0: number;
  };
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}
