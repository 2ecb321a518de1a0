/**
 * The small part of JSON-LD a CASE bundle needs: its `@context` (prefixes, `@vocab`, simple term
 * definitions) to expand compact IRIs, and a normal form of each node in which every CASE/UCO
 * class and property is named `module:LocalName` (`observable:MessageFacet`,
 * `core:hasFacet`, `co:element`), whatever prefixes the bundle chose and whether it uses the
 * CASE 1.x IRIs (`https://ontology.unifiedcyberontology.org/uco/observable/`) or the older
 * 0.x ones (`https://unifiedcyberontology.org/ontology/uco/observable#`).
 *
 * Not a JSON-LD processor: no remote contexts (clew is offline: the standard CASE prefixes are
 * assumed and a warning says so), no `@reverse`, `@list` or `@nest`, no scoped contexts. What the
 * CASE examples and the tools that write CASE (CASE-Utilities, Autopsy, Cellebrite, Magnet)
 * produce is covered: see docs/formats/case-uco.md.
 */
import { ClewError } from '../../../model/errors.js';

/** Namespace IRI -> module name. */
const NAMESPACES: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^https?:\/\/ontology\.unifiedcyberontology\.org\/uco\/([a-z-]+)\/$/, (m) => m[1]!],
  [/^https?:\/\/unifiedcyberontology\.org\/ontology\/uco\/([a-z-]+)#$/, (m) => m[1]!],
  [/^https?:\/\/ontology\.caseontology\.org\/case\/([a-z-]+)\/$/, (m) => m[1]!],
  [/^https?:\/\/caseontology\.org\/ontology\/case\/([a-z-]+)#$/, (m) => m[1]!],
  [/^http:\/\/purl\.org\/co\/$/, () => 'co'],
  [/^http:\/\/www\.w3\.org\/2001\/XMLSchema#$/, () => 'xsd'],
  [/^http:\/\/www\.w3\.org\/2000\/01\/rdf-schema#$/, () => 'rdfs'],
  [/^http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#$/, () => 'rdf'],
];

/** The prefixes CASE bundles use, assumed when a context cannot be read (remote) or omits them. */
export const STANDARD_PREFIXES: Readonly<Record<string, string>> = {
  'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/',
  'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/',
  'uco-identity': 'https://ontology.unifiedcyberontology.org/uco/identity/',
  'uco-location': 'https://ontology.unifiedcyberontology.org/uco/location/',
  'uco-types': 'https://ontology.unifiedcyberontology.org/uco/types/',
  'uco-action': 'https://ontology.unifiedcyberontology.org/uco/action/',
  'uco-tool': 'https://ontology.unifiedcyberontology.org/uco/tool/',
  'uco-vocabulary': 'https://ontology.unifiedcyberontology.org/uco/vocabulary/',
  'uco-role': 'https://ontology.unifiedcyberontology.org/uco/role/',
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  co: 'http://purl.org/co/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
};

/** `module:Local` for a CASE/UCO (or co/xsd/rdfs) IRI; null for any other vocabulary. */
export function shortName(iri: string): string | null {
  const cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
  if (cut < 0) return null;
  const ns = iri.slice(0, cut + 1);
  const local = iri.slice(cut + 1);
  if (local === '') return null;
  for (const [re, name] of NAMESPACES) {
    const m = re.exec(ns);
    if (m) return `${name(m)}:${local}`;
  }
  return null;
}

export class JsonLdContext {
  private readonly prefixes = new Map<string, string>(Object.entries(STANDARD_PREFIXES));
  private readonly terms = new Map<string, string>();
  private vocab: string | null = null;
  /** Why the context was not fully understood (remote context), for a warning. */
  readonly notes: string[] = [];

  constructor(ctx?: unknown) {
    if (ctx !== undefined) this.add(ctx);
  }

  add(ctx: unknown): void {
    if (ctx === null) return;
    if (Array.isArray(ctx)) {
      for (const c of ctx) this.add(c);
      return;
    }
    if (typeof ctx === 'string') {
      this.notes.push(`remote @context ${JSON.stringify(ctx.slice(0, 120))} not fetched (clew is offline): the standard CASE prefixes were assumed`);
      return;
    }
    if (typeof ctx !== 'object') throw new ClewError('SCHEMA', '@context must be an object, an array or a URL');
    for (const [k, v] of Object.entries(ctx as Record<string, unknown>)) {
      if (k === '@vocab') {
        if (typeof v === 'string') this.vocab = v;
        continue;
      }
      if (k.startsWith('@')) continue;
      const target = typeof v === 'string' ? v : v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>)['@id'] === 'string' ? ((v as Record<string, unknown>)['@id'] as string) : null;
      if (target === null) continue;
      if (/[/#:]$/.test(target)) this.prefixes.set(k, target);
      this.terms.set(k, target);
    }
  }

  /** Expand a compact IRI, a term, or an absolute IRI. */
  expand(s: string, vocab = true): string {
    const colon = s.indexOf(':');
    if (colon > 0) {
      const p = s.slice(0, colon);
      const rest = s.slice(colon + 1);
      if (!rest.startsWith('//')) {
        const ns = this.prefixes.get(p);
        if (ns !== undefined) return ns + rest;
      }
      return s;
    }
    const t = this.terms.get(s);
    if (t !== undefined) return t.includes(':') && !t.startsWith('http') ? this.expand(t, false) : t;
    if (vocab && this.vocab !== null) return this.vocab + s;
    return s;
  }

  /** `module:Local` of a key or type, or the expanded IRI prefixed with `?` when not CASE/UCO. */
  name(s: string): string {
    const iri = this.expand(s);
    return shortName(iri) ?? `?${iri}`;
  }
}

/** A literal, a reference, or an embedded node. */
export type LdValue = string | number | boolean | { ref: string } | LdNode;

export interface LdNode {
  id?: string;
  types: string[];
  /** `module:Local` (or `?iri`) -> values, arrays flattened. */
  props: Map<string, LdValue[]>;
}

export function isNode(v: LdValue): v is LdNode {
  return typeof v === 'object' && v !== null && 'props' in v;
}

export function isRef(v: LdValue): v is { ref: string } {
  return typeof v === 'object' && v !== null && 'ref' in v;
}

const MAX_VALUES = 100_000;

/** The normal form of a JSON-LD node object (recursively for embedded nodes). */
export function normaliseNode(o: unknown, ctx: JsonLdContext, depth = 0): LdNode {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new ClewError('SCHEMA', 'a graph node must be a JSON object');
  if (depth > 24) throw new ClewError('JSON_TOO_DEEP', 'embedded nodes nested deeper than 24 levels');
  const rec = o as Record<string, unknown>;
  const node: LdNode = { types: [], props: new Map() };
  if ('@context' in rec) ctx.add(rec['@context']);
  const id = rec['@id'];
  if (id !== undefined) {
    if (typeof id !== 'string') throw new ClewError('SCHEMA', '@id must be a string');
    node.id = ctx.expand(id, false);
  }
  const t = rec['@type'];
  if (t !== undefined) {
    const list = Array.isArray(t) ? t : [t];
    for (const x of list) {
      if (typeof x !== 'string') throw new ClewError('SCHEMA', '@type must be a string or an array of strings');
      node.types.push(ctx.name(x));
    }
  }
  for (const [k, v] of Object.entries(rec)) {
    if (k.startsWith('@')) continue;
    const key = ctx.name(k);
    const out: LdValue[] = [];
    for (const item of Array.isArray(v) ? v : [v]) {
      if (out.length >= MAX_VALUES) break;
      const x = value(item, ctx, depth);
      if (x !== null) out.push(x);
    }
    if (out.length > 0) {
      const prev = node.props.get(key);
      node.props.set(key, prev ? [...prev, ...out] : out);
    }
  }
  return node;
}

function value(v: unknown, ctx: JsonLdContext, depth: number): LdValue | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return null; // nested lists (@list) are not modelled
  const o = v as Record<string, unknown>;
  if ('@value' in o) {
    const x = o['@value'];
    return typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? x : null;
  }
  const keys = Object.keys(o);
  if (keys.length === 1 && typeof o['@id'] === 'string') return { ref: ctx.expand(o['@id'], false) };
  return normaliseNode(o, ctx, depth + 1);
}
