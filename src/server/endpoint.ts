/**
 * What an API endpoint is on the wire, declared once with zod: its method, its path (a template
 * relative to /api, e.g. `/messages/:id`), its path parameters, query, body and answer. The
 * contract files (contract/<view>.ts) declare every endpoint; the routes (routes/<view>.ts) attach
 * a handler to one (route.ts defineRoute), typed from it; the web client's calls (web/src/lib/api.ts)
 * are typed from it (type imports only); the OpenAPI document (openapi.ts) is generated from it.
 *
 * Path templates: `/`-separated segments, each a literal, a `:name` (one segment, never a slash)
 * or a final `:name*` (the rest of the path, slashes and all). A `:name` whose params schema is a
 * z.enum matches only those values (one fastify path each). This file imports nothing but zod, so
 * the web app can import its types.
 */
import { z } from 'zod';

export type Method = 'GET' | 'POST' | 'DELETE';

/** An object of named fields (the params, the query). */
type Fields = z.ZodObject;

export interface EndpointSpec {
  method: Method;
  path: string;
  /** One line for the OpenAPI document. */
  summary: string;
  /** Path parameters by name (strings on the wire); required when the path has any. */
  params?: Fields;
  /** Query parameters (strings on the wire, parsed by the schema); an unknown one is refused when the schema is strict. */
  query?: Fields;
  /** The JSON body (POST). */
  body?: z.ZodType;
  /** The JSON answer (200); absent for a download (`produces`). */
  response?: z.ZodType;
  /** The answer is a file to save, of one of these content types (not JSON). */
  produces?: readonly string[];
  /**
   * The body is streamed, read by the route itself: the bytes of a file of one of these content
   * types, or (`json`) a JSON document of that shape, larger than the JSON body cap.
   */
  upload?: { contentTypes: readonly string[]; maxBytes: number; json?: z.ZodType };
  /** The answer may be 202 with a job (`{ job }`) while it is computed: the client polls the job, then asks again. */
  job?: true;
  /**
   * A fixed point of the server (contract/session.ts), not a case's route: at /api<path> only,
   * never under /api/cases/CASE/; server.ts answers it.
   */
  server?: true;
}

/** Declares an endpoint (the types of the spec kept exactly, for the routes' and the client's types). */
export function endpoint<const E extends EndpointSpec>(e: E): E {
  return e;
}

export type EndpointKey<E extends EndpointSpec> = `${E['method']} ${E['path']}`;

/** The endpoints by `METHOD /path`, for the typed client and the OpenAPI document. */
export function contractOf<const L extends readonly EndpointSpec[]>(...endpoints: L): { [E in L[number] as EndpointKey<E>]: E } {
  const out: Record<string, EndpointSpec> = {};
  for (const e of endpoints) {
    const key = `${e.method} ${e.path}`;
    if (Object.hasOwn(out, key)) throw new Error(`endpoint ${key} is declared twice`);
    out[key] = e;
  }
  return out as { [E in L[number] as EndpointKey<E>]: E };
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route's handler gets, parsed. */
export type ParamsOf<E extends EndpointSpec> = E['params'] extends Fields ? z.output<E['params']> : Record<string, never>;
export type QueryOf<E extends EndpointSpec> = E['query'] extends Fields ? z.output<E['query']> : Record<string, never>;
export type BodyOf<E extends EndpointSpec> = Out<E['body']>;
/** The JSON answer of an endpoint. */
export type ResponseOf<E extends EndpointSpec> = E['response'] extends z.ZodType ? z.output<E['response']> : never;

// ---------------------------------------------------------------- path templates

const SEGMENT = /^(?::([A-Za-z][A-Za-z0-9]*)(\*)?|[A-Za-z0-9._-]+)$/;

export interface PathParam {
  name: string;
  /** The rest of the path (a final `:name*`). */
  rest: boolean;
}

/** The parameters a template names, in order; throws on a template that is not one. */
export function pathParams(path: string): PathParam[] {
  if (!path.startsWith('/')) throw new Error(`endpoint path "${path}" must start with /`);
  const segs = path.slice(1).split('/');
  return segs.flatMap((seg, i) => {
    const m = SEGMENT.exec(seg);
    if (!m) throw new Error(`endpoint path "${path}": segment "${seg}" is not a literal, :name or a final :name*`);
    if (m[2] && i !== segs.length - 1) throw new Error(`endpoint path "${path}": only the last segment may be :name*`);
    return m[1] ? [{ name: m[1], rest: m[2] === '*' }] : [];
  });
}

/** The enum values a path parameter is limited to, if its schema is a z.enum of plain words. */
function enumValues(schema: z.ZodType | undefined): string[] | null {
  if (!(schema instanceof z.ZodEnum)) return null;
  const values = schema.options.map(String);
  return values.every((v) => /^[A-Za-z0-9_-]+$/.test(v)) ? values : null;
}

/** The RegExp the server matches the decoded path after /api with (capture groups in the order of pathParams). */
export function pathPattern(e: Pick<EndpointSpec, 'path' | 'params'>): RegExp {
  const shape = e.params?.shape as Record<string, z.ZodType> | undefined;
  const source = e.path
    .slice(1)
    .split('/')
    .map((seg) => {
      const m = SEGMENT.exec(seg)!;
      if (!m[1]) return seg.replace(/\./g, '\\.');
      if (m[2]) return '(.+)';
      const values = enumValues(shape?.[m[1]]);
      return values ? `(${values.join('|')})` : '([^/]+)';
    })
    .join('\\/');
  pathParams(e.path);
  return new RegExp(`^\\/${source}$`, e.path.endsWith('*') ? 's' : '');
}

/** The template in OpenAPI's form: `/messages/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z][A-Za-z0-9]*)\*?/g, '{$1}');
}
