/**
 * CASE/UCO JSON-LD bundles (`--format case-uco`): the Cyber-investigation Analysis Standard
 * Expression that agencies and forensic tools exchange. Read as a stream (jsonwalk.ts over
 * stream-json), each `@graph` node assembled alone, in two passes: the first indexes what nodes
 * point at (accounts, addresses, relationships, threads), the second yields records. Not
 * seekable: the pipeline re-runs it and skips committed items by ordinal.
 *
 * Unknown classes are ignored and counted (one warning names them); broken JSON is a JSON_SYNTAX
 * reject at the path where it broke (what came before is kept); a document that is not JSON-LD
 * at all (no @graph, no @type anywhere) is FORMAT_UNKNOWN. See docs/formats/case-uco.md.
 */
import { ClewError, isClewError } from '../../../model/errors.js';
import type { ClewRecord, Locator } from '../../../model/records.js';
import { pathString, walkJson, type PathPart, type Selection } from '../../jsonwalk.js';
import { looksBinary } from '../../lines.js';
import type { FormatParser, ParseItem, SniffResult, SourceInput } from '../../parser.js';
import { assertTimeZone } from '../../time.js';
import { JsonLdContext, normaliseNode, type LdNode } from './context.js';
import {
  ACCOUNT_CLASSES,
  attachmentRecord,
  callRecords,
  CaseIndex,
  contactRecords,
  conversationRecord,
  DEVICE_CLASSES,
  eventRecord,
  deviceRecords,
  FILE_CLASSES,
  LOOKUP_CLASSES,
  locationRecord,
  MESSAGE_CLASSES,
  messageRecord,
  PROVENANCE_CLASSES,
  type MapContext,
} from './records.js';

const LIMITS = { maxDepth: 48, maxValueChars: 16 * 1024 * 1024, hardDepth: 256 };

export function sniffCase(head: Uint8Array, _name: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: 'empty file' };
  if (looksBinary(head)) return { ok: false, reason: 'binary data, not JSON-LD' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\ufeff/, '').trimStart();
  if (!text.startsWith('{') && !text.startsWith('[')) return { ok: false, reason: 'not JSON' };
  const ucoIri = /unifiedcyberontology\.org|caseontology\.org/.test(text);
  const ucoTerms = /"(?:uco-[a-z]+|case-[a-z]+):[A-Za-z]+"/.test(text);
  if (ucoIri && (/"@graph"\s*:/.test(text) || /"@type"\s*:/.test(text))) return { ok: true, confidence: 0.97 };
  if (ucoTerms && /"@(?:type|id)"\s*:/.test(text)) return { ok: true, confidence: 0.85 };
  return { ok: false, reason: 'JSON without CASE/UCO vocabulary (unifiedcyberontology.org / caseontology.org)' };
}

interface GraphNode {
  kind: 'node';
  raw: unknown;
  path: PathPart[];
}
type Unit =
  | GraphNode
  | { kind: 'context'; value: unknown }
  | { kind: 'failed'; path: PathPart[]; code: ClewError['code']; message: string }
  | { kind: 'error'; path: PathPart[]; code: ClewError['code']; message: string };

function select(p: readonly PathPart[]): Selection {
  if (p.length === 0) return 'descend';
  if (p.length === 1) {
    if (typeof p[0] === 'number') return 'capture'; // a top-level array of nodes
    if (p[0] === '@context') return 'capture';
    if (p[0] === '@graph') return 'descend';
    return 'capture'; // the root object's own properties (a bundle that is one node)
  }
  if (p.length === 2 && p[0] === '@graph' && typeof p[1] === 'number') return 'capture';
  return 'skip';
}

/** The graph's nodes (and the context), in file order. */
async function* units(input: SourceInput): AsyncGenerator<Unit> {
  const root: Record<string, unknown> = {};
  let rootProps = false;
  for await (const ev of walkJson(input.open(0), { select, ...LIMITS })) {
    if (ev.kind === 'error') {
      yield { kind: 'error', path: ev.path, code: ev.code, message: ev.message };
      return;
    }
    if (ev.kind === 'failed') {
      yield { kind: 'failed', path: ev.path, code: ev.code, message: ev.message };
      continue;
    }
    if (ev.kind === 'end') continue;
    const p = ev.path;
    if (p.length === 1 && p[0] === '@context') yield { kind: 'context', value: ev.value };
    else if (p.length === 1 && typeof p[0] === 'number') yield { kind: 'node', raw: ev.value, path: p };
    else if (p.length === 2) yield { kind: 'node', raw: ev.value, path: p };
    else if (p.length === 1) {
      root[p[0] as string] = ev.value;
      rootProps = true;
    }
  }
  if (rootProps && ('@type' in root || '@id' in root)) yield { kind: 'node', raw: root, path: [] };
}

async function contextFirst(input: SourceInput): Promise<boolean> {
  const s = input.open(0);
  let text = '';
  try {
    for await (const chunk of s as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      if (text.length >= 65536) break;
    }
  } finally {
    s.destroy();
  }
  const c = text.indexOf('"@context"');
  const g = text.indexOf('"@graph"');
  return g < 0 || (c >= 0 && c < g);
}

async function* parseCase(input: SourceInput): AsyncGenerator<ParseItem> {
  if (input.size === 0) throw new ClewError('EMPTY_FILE', undefined, { path: input.name });
  if (input.options.timeZone) assertTimeZone(input.options.timeZone);
  const ctx = new JsonLdContext();

  // the context, when it comes after the graph (rare): one cheap pass for it alone
  if (!(await contextFirst(input)))
    for await (const u of units(input)) if (u.kind === 'context') ctx.add(u.value);

  // pass 1: the index
  const index = new CaseIndex(input.options.defaultRegion);
  let nodes = 0;
  let typed = 0;
  for await (const u of units(input)) {
    if (u.kind === 'context') {
      try {
        ctx.add(u.value);
      } catch {
        // reported in pass 2
      }
    } else if (u.kind === 'node') {
      nodes++;
      try {
        const n = normaliseNode(u.raw, ctx);
        if (n.types.length > 0) typed++;
        index.add(n);
      } catch {
        // reported in pass 2
      }
    }
  }
  index.finish();
  if (nodes > 0 && typed === 0) throw new ClewError('FORMAT_UNKNOWN', `${input.name}: JSON without any typed JSON-LD node (@type): not a CASE bundle`);

  // pass 2: records
  const mc: MapContext = { index, ...(input.options.timeZone ? { timeZone: input.options.timeZone } : {}) };
  const notRead = new Map<string, number>();
  const unknown = new Map<string, number>();
  const ctx2 = new JsonLdContext();
  for (const note of ctx.notes) yield { kind: 'warning', locator: { path: '$["@context"]' }, code: 'CASE_CONTEXT_REMOTE', message: `${input.name}: ${note}` };
  let sawContext = false;
  for await (const u of units(input)) {
    if (u.kind === 'error') {
      yield { kind: 'reject', locator: { path: pathString(u.path) }, code: u.code, message: `${input.name}: broken JSON-LD at ${pathString(u.path)}: ${u.message}; the rest of the file is not read` };
      break;
    }
    if (u.kind === 'failed') {
      yield { kind: 'reject', locator: { path: pathString(u.path) }, code: u.code, message: `${pathString(u.path)}: ${u.message}` };
      continue;
    }
    if (u.kind === 'context') {
      sawContext = true;
      try {
        ctx2.add(u.value);
      } catch (e) {
        if (!isClewError(e)) throw e;
        yield { kind: 'reject', locator: { path: '$["@context"]' }, code: e.code, message: `${input.name}: @context: ${e.message}` };
      }
      continue;
    }
    const path = pathString(u.path);
    const locator: Locator = { path };
    let n: LdNode;
    try {
      // nodes before a late @context are read with the whole file's context
      n = normaliseNode(u.raw, sawContext ? ctx2 : ctx);
    } catch (e) {
      if (!isClewError(e)) throw e;
      yield { kind: 'reject', locator, code: e.code, message: `${path}: ${e.message}`, excerpt: JSON.stringify(u.raw).slice(0, 300) };
      continue;
    }
    try {
      const recs = mapNode(n, mc);
      if (recs === null) {
        const names = n.types.includes('location:Location')
          ? ['location:Location without coordinates']
          : n.types.some((x) => MESSAGE_CLASSES.has(x))
            ? [`${n.types.find((x) => MESSAGE_CLASSES.has(x))} without a message facet (a reference only)`]
            : n.types.length > 0
              ? n.types
              : ['(untyped)'];
        for (const t of names) {
          if (t.startsWith('?')) unknown.set(t.slice(1), (unknown.get(t.slice(1)) ?? 0) + 1);
          else if (!LOOKUP_CLASSES.has(t) && !t.endsWith('Facet')) notRead.set(t, (notRead.get(t) ?? 0) + 1);
        }
        continue;
      }
      for (const r of recs) yield { kind: 'record', record: r, locator };
    } catch (e) {
      if (!isClewError(e)) throw e;
      yield { kind: 'reject', locator, code: e.code, message: `${path} (${n.types.join(', ')}): ${e.message}` };
    }
  }
  if (notRead.size > 0 || unknown.size > 0) {
    const list = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([t, k]) => `${k} ${t}`).join(', ');
    const parts: string[] = [];
    if (unknown.size > 0) parts.push(`classes outside CASE/UCO, ignored: ${list(unknown)}`);
    if (notRead.size > 0) parts.push(`CASE/UCO classes clew does not read: ${list(notRead)}`);
    yield { kind: 'warning', locator: {}, code: 'CASE_CLASSES_IGNORED', message: `${input.name}: ${parts.join('; ').slice(0, 2000)}` };
  }
}

/** Records of one node; null when its class is not read (counted by the caller). */
export function mapNode(n: LdNode, c: MapContext): ClewRecord[] | null {
  const t = n.types;
  const any = (s: ReadonlySet<string>) => t.some((x) => s.has(x));
  if (any(MESSAGE_CLASSES)) {
    const m = messageRecord(n, c);
    return m ? [m] : null;
  }
  if (t.includes('observable:MessageThread')) return [conversationRecord(n, c)];
  if (t.includes('observable:Call') || t.includes('observable:PhoneCall')) return callRecords(n, c);
  if (t.includes('observable:Contact')) return contactRecords(n, c);
  if (any(DEVICE_CLASSES)) return deviceRecords(n, c);
  if (any(ACCOUNT_CLASSES)) {
    const a = c.index.account(n.id ?? '');
    return a ? [a] : [];
  }
  if (t.includes('location:Location')) {
    const l = locationRecord(n, c);
    return l ? [l] : null;
  }
  if (any(FILE_CLASSES)) return c.index.isActionObject(n.id) ? [] : [attachmentRecord(n, c)];
  if (any(PROVENANCE_CLASSES)) return [];
  if (t.includes('core:Event')) {
    const e = eventRecord(n, c);
    return e ? [e] : null;
  }
  return null;
}

export const caseUcoParser: FormatParser = {
  name: 'case-uco',
  description: 'CASE/UCO JSON-LD bundle (messages, threads, calls, contacts, accounts, devices, locations, files)',
  seekable: false,
  sniff: sniffCase,
  parse: parseCase,
};
