/**
 * Row streams of the case store are async iterables of chunks (CaseStore in types.ts): a backend
 * hands over a few thousand rows per step, so a consumer pays one await per chunk, not per row.
 */

/** Rows per chunk. */
export const CHUNK_ROWS = 4096;

/**
 * A synchronous row source as chunks. The source is read lazily, one chunk per step; a consumer
 * that stops early (break, throw) closes the source (e.g. an SQLite statement iterator).
 */
export async function* chunked<T>(rows: Iterable<T>, size = CHUNK_ROWS): AsyncGenerator<T[], void, undefined> {
  let chunk: T[] = [];
  for (const r of rows) {
    chunk.push(r);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Every row of a chunked stream in one array (for small streams and tests). */
export async function collect<T>(chunks: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const c of chunks) for (const r of c) out.push(r);
  return out;
}
