/** The Audit view's calls to the API (routes/audit.ts on the server). */
import { fetchApi } from '../../lib/api';
import { type AuditFilters, paramsOf } from './state';

export const auditApi = {
  entries: (f: AuditFilters, signal?: AbortSignal) => fetchApi('/audit', { ...paramsOf(f), limit: 50 }, signal),
  proof: (index: number, signal?: AbortSignal) => fetchApi('/audit/:index/proof', { index }, signal),
};

/** Offer a JSON document as a file download (made here from the server's answer; nothing interprets it). */
export function saveJson(filename: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
