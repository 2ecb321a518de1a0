/**
 * A source file an evidence report cites, checked against its ingest hash, with the raw records
 * of the cited messages read in the same pass: the file is streamed once, hashed, and the byte
 * range of each record in it (a line or byte range of the file itself: not inside an archive
 * member, not at a JSON path) copied out on the way. The records are given only when the file is
 * the one ingested (same SHA-256) and held them whole; every other record is read as `clew show`
 * reads it (readRaw), and a changed file's records are not shown at all (src/api/report.ts).
 */
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import type { ProvenanceView } from '../store/types.js';
import { MAX_RAW, rawText } from './show.js';

/** A source file now, next to its ingest: same bytes, other bytes, or gone (unreadable). */
export type FileCheck = { status: 'same' } | { status: 'changed'; sha256: string } | { status: 'missing' };

/** What a record is cited as: a message or a call (anything with its provenance). */
export interface Cited {
  provenance: Pick<ProvenanceView, 'locator'>;
}

export interface CheckedFile<T extends Cited> {
  check: FileCheck;
  /** The raw record of each cited item read from the file's bytes, when the file is the same. */
  records: Map<T, string>;
}

interface Range<T> {
  item: T;
  offset: number;
  /** The record's length at ingest (its bytes are cut at MAX_RAW). */
  length: number;
  bytes: Buffer;
  got: number;
}

/** Bytes read at a time. */
const CHUNK = 1024 * 1024;

/** The byte range in the file of an item's record, when it is a plain range (not in an archive member, not a JSON path). */
function rangeOf<T extends Cited>(item: T): Range<T> | null {
  const l = item.provenance.locator;
  if (l.path !== undefined || l.entry !== undefined || l.offset === undefined || l.length === undefined || l.offset < 0 || l.length < 0) return null;
  return { item, offset: l.offset, length: l.length, bytes: Buffer.alloc(Math.min(l.length, MAX_RAW)), got: 0 };
}

/** Hash `path` against `sha256` and copy out the records of `cited` (messages or calls, each from this file) in one read. */
export async function checkSourceFile<T extends Cited>(path: string, sha256: string, cited: readonly T[]): Promise<CheckedFile<T>> {
  const ranges = cited.map((c) => rangeOf(c)).filter((r): r is Range<T> => r !== null);
  ranges.sort((a, b) => a.offset - b.offset);
  const hash = createHash('sha256');
  let pos = 0;
  let first = 0; // ranges before it end before `pos`
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      const end = pos + buf.length;
      for (let i = first; i < ranges.length && ranges[i]!.offset < end; i++) {
        const r = ranges[i]!;
        const want = r.offset + r.bytes.length;
        if (want <= pos) {
          if (i === first) first++;
          continue;
        }
        const from = Math.max(r.offset, pos);
        const to = Math.min(want, end);
        if (to > from) r.got += buf.copy(r.bytes, from - r.offset, from - pos, to - pos);
      }
      pos = end;
    }
  } catch {
    return { check: { status: 'missing' }, records: new Map() };
  }
  const now = hash.digest('hex');
  if (now !== sha256) return { check: { status: 'changed', sha256: now }, records: new Map() };
  const records = new Map<T, string>();
  for (const r of ranges) if (r.got === r.bytes.length && r.offset + r.length <= pos) records.set(r.item, rawText(r.bytes, r.length));
  return { check: { status: 'same' }, records };
}
