/**
 * The Audit view's state, kept in the URL (a reload or a shared link shows the same entries): the
 * filters (user, action, time window) and the page (entries before an index, newest first).
 */
export interface AuditFilters {
  user: string;
  action: string;
  /** ISO 8601 as typed (2026-12-07 or 2026-12-07T10:00Z). */
  since: string;
  until: string;
  /** Entries before this leaf index (the previous page's last); null for the newest. */
  before: number | null;
}

export function filtersFrom(params: URLSearchParams): AuditFilters {
  const before = params.get('before');
  return {
    user: params.get('user') ?? '',
    action: params.get('action') ?? '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
    before: before !== null && /^[0-9]{1,15}$/.test(before) ? Number(before) : null,
  };
}

/** The URL parameters of `f` (empty ones left out). */
export function paramsOf(f: AuditFilters): Record<string, string | number | undefined> {
  return {
    user: f.user.trim() || undefined,
    action: f.action.trim() || undefined,
    since: f.since.trim() || undefined,
    until: f.until.trim() || undefined,
    before: f.before ?? undefined,
  };
}

/** The proof document's file name. */
export function proofFileName(caseName: string, index: number): string {
  return `clew-audit-proof-${caseName.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80)}-${index}.json`;
}
