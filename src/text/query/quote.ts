/**
 * Writing a search filter for a value taken from the data (an account reference, an entity
 * value), so that parseQuery reads back exactly that value whatever it holds. Inside quotes the
 * parser reads \" as a quote and \\ as a backslash (any other backslash is kept as written), so
 * the value is quoted when it holds a space, a parenthesis, a quote or a backslash, or is empty.
 * No imports: the web workspace uses this file too.
 */
export function quoteValue(value: string): string {
  return value === '' || /[\s()"\\]/u.test(value) ? `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"` : value;
}

/** `key:value`, quoted as needed (e.g. filterTerm('entity', 'iban=RS35…'), filterTerm('from', ref)). */
export function filterTerm(key: string, value: string): string {
  return `${key}:${quoteValue(value)}`;
}

const FILTER_KEYS = new Set(['from', 'to', 'after', 'before', 'channel', 'lang', 'entity', 'place']);

export interface FilterSpan {
  key: string;
  value: string;
  /** [start, end) in the query text. */
  start: number;
  end: number;
}

/** Reads a quoted run starting at `q[i] === '"'` the way the parser does; end is past the closing quote (or the text). */
function quoted(q: string, i: number): { v: string; end: number } {
  let v = '';
  for (let j = i + 1; j < q.length; j++) {
    const c = q[j]!;
    if (c === '"') return { v, end: j + 1 };
    if (c === '\\' && (q[j + 1] === '"' || q[j + 1] === '\\')) v += q[++j];
    else v += c;
  }
  return { v, end: q.length };
}

/** The filters (`key:value`) of a query with where they are, read with the parser's word rules; phrases are skipped. */
export function readFilters(q: string): FilterSpan[] {
  const out: FilterSpan[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/[\s()]/u.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      i = quoted(q, i).end;
      continue;
    }
    const start = i;
    while (i < q.length && !/[\s()"]/u.test(q[i]!)) i++;
    const word = q.slice(start, i);
    const at = word.startsWith('-') && start === 0 ? 1 : word.startsWith('-') && /[\s(]/u.test(q[start - 1] ?? ' ') ? 1 : 0;
    const colon = word.indexOf(':', at);
    const key = colon > at ? word.slice(at, colon).toLowerCase() : '';
    if (!FILTER_KEYS.has(key)) continue;
    let value = word.slice(colon + 1);
    if (value === '' && q[i] === '"') {
      const r = quoted(q, i);
      value = r.v;
      i = r.end;
    }
    if (at === 0) out.push({ key, value, start, end: i });
  }
  return out;
}

/** The query with every `key:` filter removed and, when `value` is given, `key:value` appended: how the filter controls edit the query. */
export function setFilter(q: string, key: string, value: string | null): string {
  let s = q;
  for (const f of readFilters(q).reverse()) {
    if (f.key !== key) continue;
    // take one space with it, so removing leaves no double gap
    const end = /\s/u.test(s[f.end] ?? '') ? f.end + 1 : f.end;
    s = `${s.slice(0, f.start)}${s.slice(end)}`;
  }
  s = s.trim();
  return value === null || value === '' ? s : `${s}${s ? ' ' : ''}${filterTerm(key, value)}`;
}
