/**
 * The items file of `clew report --items FILE`: the analyst's selection, in order, one a line:
 *
 *   # a comment
 *   query: kafa from:Kum after:2021-03-01        (a query, filter or scope that found items; recorded in the report)
 *   message:4711  Kum confirms the delivery      (an item, then its commentary, if any)
 *   4712                                         (a bare number is a message id)
 *   call:311  the call before the meeting         (a call)
 *
 * Blank lines and `#` comments are skipped. Every bad line is reported with its number in one
 * INVALID_ARGUMENT; nothing is read from the case here.
 */
import { ClewError } from '../model/errors.js';
import { MAX_COMMENTARY_CHARS, MAX_QUERIES, MAX_REPORT_ITEMS, type ManifestItem } from './manifest.js';

export interface ItemsFile {
  items: ManifestItem[];
  queries: string[];
}

export function parseItemsText(text: string, name: string): ItemsFile {
  const items: ManifestItem[] = [];
  const queries: string[] = [];
  const seen = new Set<string>();
  const bad: string[] = [];
  let badCount = 0;
  const fail = (line: number, why: string) => {
    badCount++;
    if (bad.length < 10) bad.push(`line ${line}: ${why}`);
  };
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const s = raw.trim();
      if (s === '' || s.startsWith('#')) return;
      const q = /^query:\s*(.*)$/i.exec(s);
      if (q) {
        const v = q[1]!.normalize('NFC');
        if (v === '') fail(line, 'query: needs the query');
        else if (v.length > MAX_COMMENTARY_CHARS) fail(line, `a query is at most ${MAX_COMMENTARY_CHARS} characters`);
        else if (queries.length >= MAX_QUERIES) fail(line, `at most ${MAX_QUERIES} queries`);
        else queries.push(v);
        return;
      }
      const m = /^(?:(message|call):)?(\S+)(?:\s+([\s\S]*))?$/i.exec(s)!;
      const type = (m[1] ?? 'message').toLowerCase() as ManifestItem['type'];
      const id = /^\d{1,16}$/.test(m[2]!) ? Number(m[2]) : Number.NaN;
      if (!Number.isSafeInteger(id) || id < 1) return fail(line, `${JSON.stringify(s.slice(0, 40))} is not message:ID, call:ID, an ID, or query: TEXT`);
      if (seen.has(`${type}:${id}`)) return fail(line, `${type} ${id} is listed twice`);
      const commentary = m[3]?.trim().normalize('NFC') ?? '';
      if (commentary.length > MAX_COMMENTARY_CHARS) return fail(line, `a commentary is at most ${MAX_COMMENTARY_CHARS} characters`);
      if (items.length >= MAX_REPORT_ITEMS) return fail(line, `a report cites at most ${MAX_REPORT_ITEMS} items`);
      seen.add(`${type}:${id}`);
      items.push({ type, id, commentary: commentary === '' ? null : commentary });
    });
  if (badCount > 0) throw new ClewError('INVALID_ARGUMENT', `--items ${name}: ${bad.join('; ')}${badCount > bad.length ? '; …' : ''}`, { lines: badCount });
  if (items.length === 0) throw new ClewError('INVALID_ARGUMENT', `--items ${name}: no items in the file (one message id, or call:ID, a line)`);
  return { items, queries };
}
