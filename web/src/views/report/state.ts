/**
 * The Report view's draft: the items picked (in order, with commentary), the introduction, the
 * figures and the thread context. Kept in the browser's localStorage per case, so it survives a
 * reload and a visit to another view; the report itself is made by the server from it.
 */
import type { WireReportCandidate } from '../../lib/api';

export const MEASURES = ['pagerank', 'degree', 'betweenness', 'eigenvector', 'harmonic', 'composite'] as const;
export type Measure = (typeof MEASURES)[number];

export interface DraftItem {
  item: WireReportCandidate;
  commentary: string;
}

export interface DraftFigure {
  measure: Measure;
  top: number;
  scope: string;
}

export interface Draft {
  items: DraftItem[];
  introduction: string;
  figures: DraftFigure[];
  context: number;
}

export const EMPTY: Draft = { items: [], introduction: '', figures: [], context: 3 };

const key = (caseName: string) => `clew:report-draft:${caseName}`;

export function loadDraft(caseName: string): Draft {
  try {
    const raw = localStorage.getItem(key(caseName));
    if (!raw) return EMPTY;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (!Array.isArray(d.items) || !Array.isArray(d.figures)) return EMPTY;
    return { items: d.items, figures: d.figures, introduction: typeof d.introduction === 'string' ? d.introduction : '', context: typeof d.context === 'number' ? d.context : 3 };
  } catch {
    return EMPTY;
  }
}

export function saveDraft(caseName: string, d: Draft): void {
  try {
    localStorage.setItem(key(caseName), JSON.stringify(d));
  } catch {
    // storage full or off: the draft lives as long as the page
  }
}

/** The `--figure` spec of a figure row. */
export function figureSpec(f: DraftFigure): string {
  return `rank:${f.measure}:top=${f.top}${f.scope.trim() ? `:scope=${f.scope.trim()}` : ''}`;
}

/** Move an element of a list by `by` places (clamped). */
export function move<T>(list: readonly T[], from: number, by: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, from + by));
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x!);
  return out;
}

/** Whether a candidate is a message or a call (a draft saved before calls could be cited holds messages only). */
export function itemType(c: WireReportCandidate): 'message' | 'call' {
  return c.type === 'call' ? 'call' : 'message';
}

/** A candidate's key in the draft: `message:ID` or `call:ID` (a message and a call may share an id). */
export function itemKey(c: WireReportCandidate): string {
  return `${itemType(c)}:${c.id}`;
}

/** Add candidates not already in the draft, at its end. */
export function addItems(items: readonly DraftItem[], more: readonly WireReportCandidate[]): DraftItem[] {
  const have = new Set(items.map((i) => itemKey(i.item)));
  const out = [...items];
  for (const item of more) {
    if (have.has(itemKey(item))) continue;
    have.add(itemKey(item));
    out.push({ item, commentary: '' });
  }
  return out;
}

/** The ids typed in the Report view: `call:ID` names a call, a bare number a message; in order, each once. */
export function parseIdList(text: string): { type: 'message' | 'call'; id: number }[] {
  const seen = new Set<string>();
  const out: { type: 'message' | 'call'; id: number }[] = [];
  for (const t of text.split(/[\s,]+/).filter(Boolean)) {
    const m = /^(?:(message|call):)?(\d{1,16})$/i.exec(t);
    if (!m) continue;
    const type = (m[1]?.toLowerCase() ?? 'message') as 'message' | 'call';
    const id = Number(m[2]);
    if (!Number.isSafeInteger(id) || id <= 0 || seen.has(`${type}:${id}`)) continue;
    seen.add(`${type}:${id}`);
    out.push({ type, id });
  }
  return out;
}

const pendingKey = (caseName: string) => `clew:report-pending:${caseName}`;

/** A message to add to the draft when the Report view next opens (from Search or a conversation). */
export function addPending(caseName: string, id: number): void {
  try {
    const list = takePending(caseName, false);
    if (!list.includes(id)) list.push(id);
    localStorage.setItem(pendingKey(caseName), JSON.stringify(list.slice(-500)));
  } catch {
    // storage off: nothing waits
  }
}

/** The messages waiting to be added, in order; removed from storage unless `keep` is false. */
export function takePending(caseName: string, remove = true): number[] {
  try {
    const raw = localStorage.getItem(pendingKey(caseName));
    if (remove) localStorage.removeItem(pendingKey(caseName));
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? list.filter((x): x is number => Number.isSafeInteger(x) && x > 0) : [];
  } catch {
    return [];
  }
}
