/**
 * The contract between a format parser and the ingest pipeline.
 *
 * A parser reads one source file as a stream and yields items in file order: either a record
 * with its locator, or a rejection (a bad record) with its locator, an error code and a reason.
 * A rejection never stops the parse: the pipeline quarantines it and goes on.
 *
 * Resuming: the pipeline commits after batches of items and stores, with each batch, the
 * position after the last item. A parser that can seek (line-based formats) reports that
 * position as `resume` on every item and accepts it back in `parse(input, resume)`. A parser
 * that cannot seek leaves `resume` unset; the pipeline then re-runs it from the start and
 * skips the items it already committed (by ordinal).
 */
import type { Readable } from 'node:stream';
import type { ErrorCode } from '../model/errors.js';
import type { ClewRecord, Locator } from '../model/records.js';

export interface ResumePoint {
  /** Byte offset where the next item starts. */
  offset: number;
  /** 1-based line number of the line at `offset`. */
  line: number;
}

export type ParseItem =
  | { kind: 'record'; record: ClewRecord; locator: Locator; resume?: ResumePoint }
  | {
      kind: 'reject';
      locator: Locator;
      code: ErrorCode;
      message: string;
      /** At most a few hundred characters of the offending input, for the analyst. */
      excerpt?: string;
      resume?: ResumePoint;
    }
  /** Something the analyst must know about the whole file (e.g. an assumed date order); not a record. */
  | { kind: 'warning'; locator: Locator; code: string; message: string; resume?: ResumePoint };

export interface ParseOptions {
  /** IANA time zone for sources that carry local times without an offset (`--tz`). */
  timeZone?: string;
  /** Default region for phone numbers without a country code (ISO 3166 alpha-2). */
  defaultRegion?: string;
  /** Column mapping for CSV sources: canonical field -> column name. */
  csvMapping?: Record<string, string>;
  /** Longest line accepted, in bytes. */
  maxLineBytes: number;
  /** Largest attachment whose bytes are kept, in bytes. */
  maxAttachmentBytes: number;
}

export interface SourceInput {
  path: string;
  /** File name without directories, for sniffing and messages. */
  name: string;
  size: number;
  sha256: string;
  /** A fresh byte stream of the file from `start` (default 0). */
  open(start?: number): Readable;
  options: ParseOptions;
}

export type SniffResult = { ok: true; confidence: number } | { ok: false; reason: string };

export interface FormatParser {
  /** Stable name used by `--format`. */
  readonly name: string;
  readonly description: string;
  /** Whether `resume` points are reported and honoured. */
  readonly seekable: boolean;
  /** Decide from the first bytes (up to 64 KiB) and the file name whether this parser fits. */
  sniff(head: Uint8Array, name: string): SniffResult;
  parse(input: SourceInput, resume?: ResumePoint): AsyncIterable<ParseItem>;
  /**
   * The same items as `parse`, in arrays (e.g. one per chunk read), for parsers whose items are
   * so cheap that handing them over one by one would cost more than making them.
   */
  parseBatches?(input: SourceInput, resume?: ResumePoint): AsyncIterable<ParseItem[]>;
}
