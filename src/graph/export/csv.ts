/**
 * Nodes and edges as two CSV texts (Gephi's spreadsheet import reads them: nodes `Id,Label,…`,
 * edges `Source,Target,Type,Weight,…`). Hostile labels are quoted and formula-guarded
 * (see csv-cell.ts). Lines end with CRLF as RFC 4180 says.
 */
import { csvNumber, csvRow, csvText } from './csv-cell.js';
import { checkExport, type Column, type NetworkExport } from './types.js';

export interface CsvExport {
  nodes: string;
  edges: string;
}

export interface CsvOptions {
  guardFormulas?: boolean;
}

function cell(c: Column, i: number, guard: boolean): string {
  const v = c[i]!;
  return typeof v === 'string' ? csvText(v, guard) : csvNumber(v);
}

export function toCsv(x: NetworkExport, opts: CsvOptions = {}): CsvExport {
  checkExport(x);
  const guard = opts.guardFormulas ?? true;
  const nodeCols = Object.entries(x.nodeAttributes ?? {});
  const edgeCols = Object.entries(x.edgeAttributes ?? {});
  const nodes: string[] = [csvRow(['Id', 'Label', ...nodeCols.map(([k]) => csvText(k, guard))])];
  for (let v = 0; v < x.edges.n; v++) {
    nodes.push(csvRow([String(v), csvText(x.labels[v]!, guard), ...nodeCols.map(([, c]) => cell(c, v, guard))]));
  }
  const type = x.directed ? 'Directed' : 'Undirected';
  const edges: string[] = [csvRow(['Source', 'Target', 'Type', 'Weight', ...edgeCols.map(([k]) => csvText(k, guard))])];
  const { src, dst, weight } = x.edges;
  for (let i = 0; i < src.length; i++) {
    edges.push(csvRow([String(src[i]), String(dst[i]), type, csvNumber(weight[i]!), ...edgeCols.map(([, c]) => cell(c, i, guard))]));
  }
  return { nodes: nodes.join('\r\n') + '\r\n', edges: edges.join('\r\n') + '\r\n' };
}
