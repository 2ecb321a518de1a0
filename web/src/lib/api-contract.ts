/**
 * The HTTP API's contract (src/server/contract.ts, type imports only) as the web client calls it:
 * for each endpoint, what a call takes (its path parameters and query, its JSON or streamed body)
 * and what it answers, worked out from the endpoint's zod schemas once, then looked up by path.
 *
 * Kept cheap for the type checker: `ClientEndpoint` is an interface (each member is computed when
 * first used, once per endpoint, then cached) reading the endpoint as declared, and the path maps
 * are plain object types keyed by path, so a call `fetchApi('/messages/:id', …)` is a property
 * lookup. Never index `endpoint & EndpointSpec`: that made each call's params, query and answer
 * an intersection of zod classes (about 180,000 type instantiations per call, not cached between
 * calls; the web type check took minutes).
 */
import type { z } from 'zod';
import type { Contract } from '../../../src/server/contract.js';

/** A parameter as the client gives it: a number where the server reads a number from its text. */
type Given<T> = { [K in keyof T]: T[K] extends string | undefined ? (string extends NonNullable<T[K]> ? T[K] | number : T[K]) : T[K] };
/** The fields (params or query) an endpoint declares, as the client gives them; none when it declares no schema. */
type FieldsOf<E, F extends 'params' | 'query'> = E extends { [k in F]: infer S } ? Given<z.input<S>> : Record<never, never>;

/** How an endpoint is called: a JSON answer (fetchApi, sendApi), a file to save (download, fileUrl), a streamed body (uploadApi). */
export type CallKind = 'json' | 'file' | 'upload';

/** One endpoint of the contract as the client calls it (E: the endpoint as declared, contract/<view>.ts). */
export interface ClientEndpoint<E> {
  /** How it is called. */
  kind: E extends { upload: object } ? 'upload' : E extends { produces: object } ? 'file' : 'json';
  /** Its path parameters and its query, in one object. */
  input: FieldsOf<E, 'params'> & FieldsOf<E, 'query'>;
  /** Its JSON body; undefined when it takes none. */
  body: E extends { body: infer S } ? z.input<S> : undefined;
  /** An upload's body: the JSON document its schema describes, else a file's bytes. */
  upload: E extends { upload: { json: infer S } } ? z.input<S> : Blob;
  /** Its JSON answer. */
  response: E extends { response: infer S } ? z.output<S> : never;
}

/** Every endpoint by its contract key, `METHOD /path`. */
type Calls = { [K in keyof Contract]: ClientEndpoint<Contract[K]> };
/** The endpoints of one method called one way, by path (a template relative to /api, e.g. `/messages/:id`). */
type PathMap<M extends string, Kind extends CallKind> = {
  [K in keyof Calls as K extends `${M} ${infer P}` ? (Calls[K]['kind'] extends Kind ? P : never) : never]: Calls[K];
};

/** GET endpoints that answer JSON. */
export type GetApi = PathMap<'GET', 'json'>;
/** POST and DELETE endpoints that take a JSON body (or none), by their contract key (`POST /session`): one path may take both methods. */
export type SendApi = {
  [K in keyof Calls as K extends `${'POST' | 'DELETE'} ${string}` ? (Calls[K]['kind'] extends 'json' ? K : never) : never]: Calls[K];
};
/** POST endpoints whose body is streamed: a file's bytes, or a JSON document larger than the JSON cap. */
export type UploadApi = PathMap<'POST', 'upload'>;
/** GET endpoints that answer a file (to save, or to show as an image). */
export type DownloadApi = PathMap<'GET', 'file'>;

export type GetPath = keyof GetApi;
export type SendMethod = 'POST' | 'DELETE';
/** The paths of the SendApi endpoints of method M. */
export type SendPath<M extends SendMethod> = keyof SendApi extends infer K ? (K extends `${M} ${infer P}` ? P : never) : never;
/** The SendApi endpoint of method M at path P. */
export type SendAt<M extends SendMethod, P extends string> = SendApi[`${M} ${P}` & keyof SendApi];
export type UploadPath = keyof UploadApi;
export type DownloadPath = keyof DownloadApi;
