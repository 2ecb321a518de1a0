import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';
import { csvText } from './csv-cell.js';
import { hostileNetwork } from './test-support/hostile.js';

describe('csv-cell', () => {
  it('quotes, doubles quotes, guards formulas, drops controls', () => {
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('=1+1')).toBe("'=1+1");
    expect(csvText('-2', false)).toBe('-2');
    expect(csvText('+31 6 1234 5678')).toBe('+31 6 1234 5678');
    expect(csvText("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvText('-1+cmd')).toBe("'-1+cmd");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvText('a\u0000b\nc')).toBe('"ab\nc"');
  });
});

describe('toCsv', () => {
  it('writes nodes and edges that parse back', () => {
    const { nodes, edges } = toCsv(hostileNetwork());
    const n = parse(nodes) as string[][];
    expect(n[0]).toEqual(['Id', 'Label', 'pagerank', 'community', 'role <x> & "y"']);
    expect(n).toHaveLength(4);
    expect(n[1]![1]!.startsWith('Tony "<The Knife>"')).toBe(true);
    expect(n[1]![1]).not.toContain('\u0000');
    expect(n[3]).toEqual(['2', '+31 6 1234 5678', '', '1', 'leaf']);
    const e = parse(edges) as string[][];
    expect(e[0]).toEqual(['Source', 'Target', 'Type', 'Weight', 'first']);
    expect(e[2]).toEqual(['1', '2', 'Directed', '1.5', '2000000000000']);
  });
});
