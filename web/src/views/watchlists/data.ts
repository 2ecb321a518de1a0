/** The Watchlists view's calls to the API (routes/watch.ts on the server). */
import { fetchApi, get, postBlob, send, type SavedSearchSaveResponse, type WatchCsvResponse, type WatchlistAddResponse, type WatchRemoveResponse, type WatchRunResponse } from '../../lib/api';

const seg = (name: string) => encodeURIComponent(name);

export const watchApi = {
  overview: (signal?: AbortSignal) => fetchApi('/watch', { hits: 20 }, signal),
  upload: (name: string, file: Blob, region?: string) => postBlob<WatchlistAddResponse>('/api/watch/lists', { name, region }, file),
  run: (name: string, all: boolean, signal?: AbortSignal) => get<WatchRunResponse>(`/api/watch/lists/${seg(name)}/run`, { all: all ? '1' : undefined }, signal),
  csv: (name: string) => get<WatchCsvResponse>(`/api/watch/lists/${seg(name)}/csv`),
  remove: (name: string) => send<WatchRemoveResponse>('DELETE', `/api/watch/lists/${seg(name)}`),
  saveSearch: (body: { name: string; query: string; mode?: 'folded' | 'exact'; scope?: string }) => send<SavedSearchSaveResponse>('POST', '/api/watch/searches', body),
  removeSearch: (name: string) => send<WatchRemoveResponse>('DELETE', `/api/watch/searches/${seg(name)}`),
};

/** Offer text as a file download (the CSV is made by the server, byte-order mark included; nothing here interprets it). */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
