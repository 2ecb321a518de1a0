/**
 * A case as a CASE/UCO JSON-LD bundle with clew's provenance (`clew export --format case-uco`),
 * written as a stream: the `@graph` nodes of each chunk of records go out as they come.
 *
 * Provenance model (docs/formats/case-uco.md "Export"):
 * - every source file the exported records came from is a `uco-observable:File` with its name,
 *   path, size and SHA-256;
 * - its ingest is a `case-investigation:InvestigativeAction` (instrument: clew with its version;
 *   start and end: the ingest's times; object: the source file; result: the provenance record);
 * - a `case-investigation:ProvenanceRecord` per source file lists (`uco-core:object`) the nodes
 *   that came from it. It is written in fragments, one per chunk of records (the same `@id` and
 *   `@type` again: JSON-LD merges them), so memory does not grow with the case;
 * - each message, call, contact, file and location node says where in its source it was read
 *   (`uco-core:description`: file, SHA-256 and locator);
 * - the export is one more InvestigativeAction (object: the provenance records; informed by the
 *   ingests), at a time the caller gives, so that the same case exports to the same bytes.
 *
 * Node ids are hashes of what the nodes are (kb:<kind>-<sha256 prefix>): no counters, no clock.
 */
import type { ClewRecord, Locator } from '../../../model/records.js';
import { CASE_CONTEXT, CaseGraph, dateTime, type Node, nodeId, ref, sha256Hash } from './bundle.js';

/** A source file of the case (as the store lists it). */
export interface ExportSourceInfo {
  id: number;
  path: string;
  name: string;
  size: number;
  sha256: string;
  format: string;
  startedAt: number;
  finishedAt: number | null;
}

/** A record with where it came from (as the store's ExportPort gives it). */
export interface ExportRecordItem {
  record: ClewRecord;
  provenance: { sourceId: number; locator: Locator | null } | null;
}

export interface CaseExportOptions {
  tool: { name: string; version: string };
  /** The export's time (UTC ms), the export action's start and end. */
  at: number;
  /** What was exported, in words, for the export action (e.g. "every record of case x.clew"). */
  selection: string;
}

export interface CaseExportCounts {
  records: number;
  nodes: number;
  sources: number;
  /** Records with no CASE mapping, by type (system events). */
  notExported: Record<string, number>;
}

/** A locator in words: `line 12`, `lines 12–14`, `byte 345 (67 bytes)`, `JSON path $.a[1]`, `entry chat.txt`. */
export function locatorText(l: Locator): string {
  const parts: string[] = [];
  if (l.entry !== undefined) parts.push(`entry ${l.entry}`);
  if (l.line !== undefined) parts.push(l.endLine !== undefined && l.endLine !== l.line ? `lines ${l.line}-${l.endLine}` : `line ${l.line}`);
  if (l.offset !== undefined) parts.push(`byte ${l.offset}${l.length !== undefined ? ` (${l.length} bytes)` : ''}`);
  if (l.path !== undefined) parts.push(`JSON path ${l.path}`);
  return parts.join(', ');
}

export class CaseBundleWriter {
  private readonly graph = new CaseGraph();
  private readonly sources: Map<number, ExportSourceInfo>;
  /** Sources whose file, ingest action and provenance record are written, in the order first seen. */
  private readonly used: ExportSourceInfo[] = [];
  private readonly usedIds = new Set<number>();
  private readonly toolId: string;
  private first = true;
  readonly counts: CaseExportCounts = { records: 0, nodes: 0, sources: 0, notExported: {} };

  constructor(
    sources: readonly ExportSourceInfo[],
    private readonly opts: CaseExportOptions,
    private readonly write: (text: string) => Promise<void> | void,
  ) {
    this.sources = new Map(sources.map((s) => [s.id, s]));
    this.toolId = nodeId('tool', `${opts.tool.name} ${opts.tool.version}`);
  }

  async start(): Promise<void> {
    await this.write(`{"@context":${JSON.stringify(CASE_CONTEXT)},"@graph":[\n`);
    await this.nodes([{ '@id': this.toolId, '@type': 'uco-tool:Tool', 'uco-core:name': this.opts.tool.name, 'uco-tool:version': this.opts.tool.version, 'uco-tool:toolType': 'investigation workbench' }]);
  }

  /** The nodes of one chunk of records, then a provenance fragment per source the chunk touched. */
  async add(items: readonly ExportRecordItem[]): Promise<void> {
    const out: Node[] = [];
    const bySource = new Map<number, string[]>();
    this.graph.forgetMessages(); // a message's attachments come in its chunk
    for (const it of items) {
      this.counts.records++;
      const p = it.provenance;
      const src = p ? this.sources.get(p.sourceId) : undefined;
      if (src && !this.usedIds.has(src.id)) this.useSource(src, out);
      const id = this.graph.add(it.record, out, src ? { scope: src.sha256, ...(p!.locator ? { key: `${src.sha256} ${JSON.stringify(p!.locator)}`, description: `clew: read from ${src.name} (SHA-256 ${src.sha256}), ${locatorText(p!.locator)}` } : {}) } : {});
      if (id === null) {
        this.counts.notExported[it.record.type] = (this.counts.notExported[it.record.type] ?? 0) + 1;
        continue;
      }
      if (src) (bySource.get(src.id) ?? bySource.set(src.id, []).get(src.id)!).push(id);
    }
    for (const [sourceId, ids] of bySource) {
      const src = this.sources.get(sourceId)!;
      out.push({ '@id': this.provenanceId(src), '@type': 'case-investigation:ProvenanceRecord', 'uco-core:object': [...new Set(ids)].map(ref) });
    }
    await this.nodes(out);
  }

  /** The threads, the export action, and the end of the document. */
  async finish(): Promise<CaseExportCounts> {
    const out: Node[] = [];
    this.graph.finish(out);
    const o = this.opts;
    const exp: Node = {
      '@id': nodeId('investigative-action', `export ${o.at} ${o.selection} ${this.used.map((s) => s.sha256).join(' ')}`),
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': 'export',
      'uco-core:description': `${o.tool.name} export --format case-uco: ${o.selection}`,
      'uco-action:instrument': ref(this.toolId),
      'uco-action:startTime': dateTime(o.at),
      'uco-action:endTime': dateTime(o.at),
      'uco-action:object': this.used.map((s) => ref(this.provenanceId(s))),
    };
    if (this.used.length > 0) exp['case-investigation:wasInformedBy'] = this.used.map((s) => ref(this.ingestId(s)));
    out.push(exp);
    await this.nodes(out);
    await this.write('\n]}\n');
    this.counts.sources = this.used.length;
    return this.counts;
  }

  private provenanceId(s: ExportSourceInfo): string {
    return nodeId('provenance-record', s.sha256);
  }

  private ingestId(s: ExportSourceInfo): string {
    return nodeId('investigative-action', `ingest ${s.sha256}`);
  }

  /** The source file, its ingest and the head of its provenance record. */
  private useSource(s: ExportSourceInfo, out: Node[]): void {
    this.usedIds.add(s.id);
    this.used.push(s);
    const file = nodeId('source-file', s.sha256);
    out.push({
      '@id': file,
      '@type': 'uco-observable:File',
      'uco-core:hasFacet': [
        { '@id': nodeId('facet', `source file ${s.sha256}`), '@type': 'uco-observable:FileFacet', 'uco-observable:fileName': s.name, 'uco-observable:filePath': s.path, 'uco-observable:sizeInBytes': s.size },
        { '@id': nodeId('facet', `source content ${s.sha256}`), '@type': 'uco-observable:ContentDataFacet', 'uco-observable:sizeInBytes': s.size, 'uco-observable:hash': [sha256Hash(s.sha256)] },
      ],
    });
    out.push({
      '@id': this.provenanceId(s),
      '@type': 'case-investigation:ProvenanceRecord',
      'uco-core:name': `records read from ${s.name}`,
      'uco-core:description': `What ${this.opts.tool.name} read from ${s.path} (SHA-256 ${s.sha256}, format ${s.format}); each object's description gives its place in the file.`,
    });
    const ingest: Node = {
      '@id': this.ingestId(s),
      '@type': 'case-investigation:InvestigativeAction',
      'uco-core:name': 'ingest',
      'uco-core:description': `${this.opts.tool.name} ingest --format ${s.format} ${s.name}`,
      'uco-action:instrument': ref(this.toolId),
      'uco-action:startTime': dateTime(s.startedAt),
    };
    if (s.finishedAt !== null) ingest['uco-action:endTime'] = dateTime(s.finishedAt);
    ingest['uco-action:object'] = [ref(file)];
    ingest['uco-action:result'] = [ref(this.provenanceId(s))];
    out.push(ingest);
  }

  private async nodes(ns: readonly Node[]): Promise<void> {
    if (ns.length === 0) return;
    let text = '';
    for (const n of ns) {
      text += this.first ? JSON.stringify(n) : `,\n${JSON.stringify(n)}`;
      this.first = false;
    }
    this.counts.nodes += ns.length;
    await this.write(text);
  }
}
