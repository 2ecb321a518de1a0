/** The Report view's calls to the API (routes/report.ts and the tags of routes/annotations.ts on the server). */
import { get, postBlob, send, type AnnotationTagsResponse, type ReportItemsResponse, type ReportMadeResponse, type ReportMakeRequest, type ReportRebuiltResponse } from '../../lib/api';

export const reportApi = {
  tags: (signal?: AbortSignal) => get<AnnotationTagsResponse>('/api/annotations/tags', {}, signal),
  tagged: (tag: string, signal?: AbortSignal) => get<ReportItemsResponse>('/api/report/items', { tag }, signal),
  byIds: (ids: readonly number[], signal?: AbortSignal) => get<ReportItemsResponse>('/api/report/items', { ids: ids.join(',') }, signal),
  byCallIds: (ids: readonly number[], signal?: AbortSignal) => get<ReportItemsResponse>('/api/report/items', { calls: ids.join(',') }, signal),
  callsOf: (account: string, other: string, signal?: AbortSignal) => get<ReportItemsResponse>('/api/report/items', { account, with: other }, signal),
  make: (body: ReportMakeRequest) => send<ReportMadeResponse>('POST', '/api/report', body),
  rebuild: (manifest: Blob) => postBlob<ReportRebuiltResponse>('/api/report/rebuild', {}, manifest),
};
