/**
 * The OpenAPI 3.1 document of the HTTP API, generated from its contract (contract.ts) with zod's
 * own JSON Schema output (draft 2020-12, the dialect of OpenAPI 3.1): path and query parameters
 * and bodies as the client sends them (io: input), answers as the server sends them (io: output).
 * A recursive schema (one with a meta id, e.g. TextNode) is one of the document's components.
 * Served at GET /api/openapi.json; committed as docs/openapi.json (`npm run openapi`; a test fails
 * when the committed file is stale).
 */
import { z } from 'zod';
import { CONTRACT } from './contract.js';
import { errorResponse, jobResponse } from './contract/common.js';
import { type EndpointSpec, openApiPath, pathParams } from './endpoint.js';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `#/$defs/NAME` (zod's, within one schema) as the document's `#/components/schemas/NAME`. */
function toComponentRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toComponentRefs);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/') ? ref(decodeURIComponent(x.slice(8))).$ref : toComponentRefs(x)]),
  );
}

/**
 * A schema in JSON Schema; the definitions zod puts in its `$defs` (a schema with a meta id, e.g.
 * a recursive one) go to `components`, each name standing for one definition.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, Json>): Json {
  const s = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as Json;
  const defs = (s.$defs ?? {}) as Record<string, Json>;
  delete s.$schema;
  delete s.$defs;
  for (const [name, def] of Object.entries(defs)) {
    const d = toComponentRefs(def) as Json;
    const known = components[name];
    if (known && JSON.stringify(known) !== JSON.stringify(d)) throw new Error(`two schemas are named ${name} in the OpenAPI document`);
    components[name] = d;
  }
  return toComponentRefs(s) as Json;
}

function parameters(e: EndpointSpec, components: Record<string, Json>): Json[] {
  const out: Json[] = [];
  if (e.params) {
    const s = jsonSchema(e.params, 'input', components);
    const props = (s.properties ?? {}) as Record<string, Json>;
    for (const p of pathParams(e.path)) {
      const schema = props[p.name] ?? { type: 'string' };
      out.push({
        name: p.name,
        in: 'path',
        required: true,
        ...(p.rest ? { description: 'The rest of the path, URL-encoded (it may hold a slash).' } : {}),
        schema,
      });
    }
  }
  if (e.query) {
    const s = jsonSchema(e.query, 'input', components);
    const props = (s.properties ?? {}) as Record<string, Json>;
    const required = new Set((s.required ?? []) as string[]);
    for (const [name, schema] of Object.entries(props)) {
      const { description, ...rest } = schema;
      out.push({
        name,
        in: 'query',
        required: required.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        // a list is the parameter repeated (account=a&account=b)
        ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
        schema: rest,
      });
    }
  }
  return out;
}

function operation(key: string, e: EndpointSpec, components: Record<string, Json>): Json {
  const responses: Json = {};
  if (e.produces) {
    responses['200'] = { description: 'The file, to save (Content-Disposition names it)', content: Object.fromEntries(e.produces.map((t) => [t, {}])) };
  } else if (e.response) {
    responses['200'] = { description: 'OK', content: { 'application/json': { schema: jsonSchema(e.response, 'output', components) } } };
  }
  if (e.job) responses['202'] = { description: 'Being computed by a job: poll GET /jobs/{id} until it ends, then ask again', content: { 'application/json': { schema: ref('JobResponse') } } };
  responses.default = { description: 'A refusal or failure, with a stable code', content: { 'application/json': { schema: ref('Error') } } };
  const op: Json = { operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, ''), summary: e.summary, parameters: parameters(e, components), responses };
  if (e.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(e.body, 'input', components) } } };
  if (e.upload) {
    const json = e.upload.json ? { schema: jsonSchema(e.upload.json, 'input', components) } : {};
    const what = e.upload.json ? 'The JSON document' : "The file's bytes";
    op.requestBody = { required: true, description: `${what}, streamed (at most ${e.upload.maxBytes} bytes)`, content: Object.fromEntries(e.upload.contentTypes.map((t) => [t, t === 'application/json' ? json : {}])) };
  }
  return op;
}

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  const components: Record<string, Json> = { Error: jsonSchema(errorResponse, 'output', {}), JobResponse: jsonSchema(jobResponse, 'output', {}) };
  for (const [key, e] of Object.entries(CONTRACT) as [string, EndpointSpec][]) {
    const p = openApiPath(e.path);
    (paths[p] ??= {})[e.method.toLowerCase()] = operation(key, e, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'clew HTTP API',
      version: '1',
      description:
        'The JSON API of the clew workspace, generated from its contract (src/server/contract.ts). Every request needs the access token (cookie, or Authorization: Bearer); POST and DELETE need the workspace\'s Origin. Names, bodies and titles come from seized phones: render them as text only.',
    },
    servers: [{ url: '/api' }],
    security: [{ bearer: [] }, { cookie: [] }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The access token `clew serve` prints' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'clew_token_PORT', description: 'Set when the printed URL is opened' },
      },
    },
  };
}

/** The document as committed in docs/openapi.json. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
