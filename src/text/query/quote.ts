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
