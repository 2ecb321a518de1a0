import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT } from './contract.js';
import { type EndpointSpec, openApiPath } from './endpoint.js';
import { openApiDocument, openApiText } from './openapi.js';
import { ROUTES } from './routes.js';

type Json = Record<string, unknown>;
const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Json>> } & Json;

/** Every `$ref` in the document, with where it is. */
function refs(v: unknown, at = '#', out: [string, string][] = []): [string, string][] {
  if (Array.isArray(v)) v.forEach((x, i) => refs(x, `${at}/${i}`, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') out.push([at, x]);
      else refs(x, `${at}/${k}`, out);
    }
  return out;
}

function resolve(pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  let v: unknown = doc;
  for (const raw of pointer.slice(2).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!v || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Json)[k];
  }
  return v;
}

describe('the OpenAPI document', () => {
  it('is the committed docs/openapi.json (run `npm run openapi` after changing the contract)', () => {
    expect(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')).toBe(openApiText());
  });

  it('describes every route, each with its answer, its path parameters and the error body', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTES) {
      const op = doc.paths[openApiPath(r.contract.path)]?.[r.method.toLowerCase()] as Json | undefined;
      expect(op, `${r.method} ${r.contract.path}`).toBeDefined();
      const responses = op!.responses as Record<string, Json>;
      expect(responses['200'], `${r.method} ${r.contract.path}`).toBeDefined();
      expect(responses.default).toBeDefined();
      const inPath = [...r.contract.path.matchAll(/:([A-Za-z0-9]+)/g)].map((m) => m[1]);
      const declared = (op!.parameters as { name: string; in: string }[]).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared).toEqual(inPath);
      if (r.contract.produces) expect(Object.keys(responses['200']!.content as Json).length).toBeGreaterThan(0);
      if (r.streamBody) expect(Object.keys((op!.requestBody as { content: Json }).content)).toEqual([...r.contract.upload!.contentTypes]);
    }
    const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
    const fixed = (Object.values(CONTRACT) as EndpointSpec[]).filter((e) => e.server);
    expect(fixed.map((e) => `${e.method} ${e.path}`).sort()).toEqual(['DELETE /session', 'GET /cases', 'GET /notifications', 'GET /session', 'POST /notifications/seen', 'POST /session']);
    expect(operations).toBe(ROUTES.length + fixed.length);
  });

  it('has a route for every endpoint of the contract but the server\'s fixed points (server.ts answers those)', () => {
    const served = new Set(ROUTES.map((r) => r.contract));
    for (const [key, e] of Object.entries(CONTRACT) as [string, EndpointSpec][]) expect(served.has(e) || e.server === true, key).toBe(true);
  });

  it('resolves every schema reference within the document', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const [at, ref] of all) expect(resolve(ref), `${ref} at ${at}`).toBeDefined();
  });
});
