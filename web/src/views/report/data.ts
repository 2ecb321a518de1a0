/** The Report view's calls to the API (routes/report.ts and the tags of routes/annotations.ts on the server). */
import { fetchApi, uploadApi, type ReportMakeRequest } from '../../lib/api';

export const reportApi = {
  tags: (signal?: AbortSignal) => fetchApi('/annotations/tags', {}, signal),
  tagged: (tag: string, signal?: AbortSignal) => fetchApi('/report/items', { tag }, signal),
  byIds: (ids: readonly number[], signal?: AbortSignal) => fetchApi('/report/items', { ids: ids.join(',') }, signal),
  byCallIds: (ids: readonly number[], signal?: AbortSignal) => fetchApi('/report/items', { calls: ids.join(',') }, signal),
  callsOf: (account: string, other: string, signal?: AbortSignal) => fetchApi('/report/items', { account, with: other }, signal),
  make: (body: ReportMakeRequest) => uploadApi('/report', {}, body),
  rebuild: (manifest: Blob) => uploadApi('/report/rebuild', {}, manifest),
};
