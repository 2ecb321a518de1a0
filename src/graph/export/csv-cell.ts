/**
 * One CSV cell (RFC 4180) for hostile text. Quotes when the value holds the delimiter, a
 * quote, CR or LF; doubles inner quotes. With `guardFormulas` (default on) a text cell that
 * begins with = + - @ TAB or CR is prefixed with an apostrophe, so a spreadsheet does not run
 * it as a formula (OWASP "CSV injection"). Exception: + or - followed only by digits, spaces and
 * ( ) . - (phone numbers such as "+31 6 1234 5678"): such a cell cannot reference a function or
 * a DDE target, and an apostrophe would corrupt the number (and i2 entity identities).
 * Numbers are written as numbers, never guarded.
 * NUL and other C0 controls except TAB/LF/CR are dropped.
 */
export function csvText(s: string, guardFormulas = true, delimiter = ','): string {
  let t = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  if (guardFormulas && /^[=+\-@\t\r]/.test(t) && !/^[+-][0-9 ().-]*$/.test(t)) t = `'${t}`;
  if (t.includes(delimiter) || t.includes('"') || t.includes('\n') || t.includes('\r')) t = `"${t.replace(/"/g, '""')}"`;
  return t;
}

export function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : '';
}

export function csvRow(cells: readonly string[], delimiter = ','): string {
  return cells.join(delimiter);
}
