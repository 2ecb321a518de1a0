/** The Network view's calls to the API (types from the server's wire contract). */
import { fetchApi, } from '../lib/api';

export interface NetFilter {
  after?: string;
  before?: string;
  /** `person`: accounts merged by identity resolution are one node (`person:<id>`). */
  level?: 'person';
  /** Only a part of the network: a scope SPEC (components/ScopePicker.tsx). */
  scope?: string;
}

export const netApi = {
  network: (f: NetFilter, signal?: AbortSignal) => fetchApi('/network', { after: f.after, before: f.before, level: f.level, scope: f.scope }, signal),
  ego: (f: NetFilter, center: string, maxNodes: number, signal?: AbortSignal) =>
    fetchApi('/network/ego', { after: f.after, before: f.before, level: f.level, scope: f.scope, center, hops: 1, maxNodes }, signal),
  path: (f: NetFilter, a: string, b: string, signal?: AbortSignal) =>
    fetchApi('/network/path', { after: f.after, before: f.before, level: f.level, scope: f.scope, a, b }, signal),
};

/** UTC ms → `YYYY-MM-DDTHH:MMZ` (what the API and the URL take). */
export function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}
