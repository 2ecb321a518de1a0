/**
 * The CASE/UCO vocabulary check the bundle and export tests share: the classes and properties
 * UCO 1.x and CASE's investigation module declare (uco-vocabulary.json, extracted from the
 * ontologies' Turtle), and the terms a JSON-LD document uses once expanded by a maintained
 * JSON-LD processor (jsonld.js), offline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { shortName } from '../context.js';

const VOCAB = JSON.parse(readFileSync(join(import.meta.dirname, 'uco-vocabulary.json'), 'utf8')) as { classes: string[]; properties: string[] };
export const CLASSES: ReadonlySet<string> = new Set(VOCAB.classes);
export const PROPERTIES: ReadonlySet<string> = new Set(VOCAB.properties);
/** Collections Ontology terms CASE uses for ordered threads (not part of UCO itself). */
export const CO: ReadonlySet<string> = new Set(['co:size', 'co:element', 'co:item', 'co:index', 'co:itemContent']);

/** No remote documents: clew and its tests are offline. */
const offline = (url: string) => Promise.reject(new Error(`remote JSON-LD document not loaded (offline): ${url}`));

/** Every class and property of the expanded document, as `module:Local` (or the full IRI outside CASE/UCO). */
export async function expandedTerms(doc: unknown): Promise<{ classes: Set<string>; properties: Set<string>; nodes: number }> {
  const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader: offline as never, safe: true } as jsonld.Options.Expand);
  const classes = new Set<string>();
  const properties = new Set<string>();
  let nodes = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if ('@value' in o) return; // a literal: its @type is a datatype
    if ('@id' in o && Object.keys(o).length > 1) nodes++;
    for (const [k, x] of Object.entries(o)) {
      if (k === '@type') for (const t of x as string[]) classes.add(shortName(t) ?? t);
      else if (!k.startsWith('@')) properties.add(shortName(k) ?? k);
      if (k !== '@type') walk(x);
    }
  };
  walk(expanded);
  return { classes, properties, nodes };
}

/** The terms that neither UCO nor CASE declares. */
export function undeclared(t: { classes: Set<string>; properties: Set<string> }): { classes: string[]; properties: string[] } {
  return { classes: [...t.classes].filter((c) => !CLASSES.has(c)).sort(), properties: [...t.properties].filter((p) => !PROPERTIES.has(p) && !CO.has(p)).sort() };
}
