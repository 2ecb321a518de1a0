/** The Watchlists view's calls to the API (routes/watch.ts on the server). */
import { fetchApi, sendApi, uploadApi, type SendApi } from '../../lib/api';

export const watchApi = {
  overview: (signal?: AbortSignal) => fetchApi('/watch', { hits: 20 }, signal),
  upload: (name: string, file: Blob, region?: string) => uploadApi('/watch/lists', { name, region }, file),
  run: (name: string, all: boolean, signal?: AbortSignal) => fetchApi('/watch/lists/:name/run', { name, all: all ? '1' : undefined }, signal),
  csv: (name: string) => fetchApi('/watch/lists/:name/csv', { name }),
  remove: (name: string) => sendApi('DELETE', '/watch/lists/:name', { name }, undefined),
  saveSearch: (body: SendApi['POST /watch/searches']['body']) => sendApi('POST', '/watch/searches', {}, body),
  removeSearch: (name: string) => sendApi('DELETE', '/watch/searches/:name', { name }, undefined),
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
