/**
 * PostgreSQL's binary COPY output (COPY … TO STDOUT (FORMAT binary)) cut into chunks of whole
 * tuples, each packed with its fields' offsets (src/audit/check-rows.ts PackedRows), in fresh
 * buffers that can be handed to a worker thread. The format (PostgreSQL docs, "COPY", Binary
 * Format): the header "PGCOPY\n\377\r\n\0", a flags int32 and a header extension (its length as
 * an int32, then its bytes); each tuple a field count (int16), then per field its length (int32,
 * −1 for NULL) and its bytes; the trailer a field count of −1. Integers are big-endian.
 */
import type { PackedRows } from '../../audit/check-rows.js';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = SIGNATURE.length + 8;

function formatError(why: string): Error {
  return new Error(`the binary COPY stream is not what was asked for: ${why}`);
}

export class TupleChunker {
  private buf: Buffer;
  /** Bytes held. */
  private len = 0;
  /** Where the first tuple not yet walked starts. */
  private scan = 0;
  private fields: Int32Array;
  private count = 0;
  private header = false;
  private ended = false;

  /** Tuples of `fieldCount` fields, cut into chunks of about `chunkBytes`. */
  constructor(
    private readonly fieldCount: number,
    private readonly chunkBytes: number,
  ) {
    this.buf = this.alloc(chunkBytes);
    this.fields = new Int32Array(2 * fieldCount * 1024);
  }

  /** A buffer of its own (not a slice of Node's pool), with room for a read past the chunk's size; not zeroed (only what the stream wrote is read). */
  private alloc(n: number): Buffer {
    return Buffer.allocUnsafeSlow(n + 256 * 1024);
  }

  /** The next bytes of the stream: the chunks they complete. */
  push(data: Uint8Array): PackedRows[] {
    if (this.ended && data.length > 0) throw formatError('bytes after the trailer');
    if (this.len + data.length > this.buf.length) {
      const bigger = this.alloc(Math.max(2 * this.buf.length, this.len + data.length));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    this.buf.set(data, this.len);
    this.len += data.length;
    const out: PackedRows[] = [];
    this.walk(out);
    return out;
  }

  /** The stream ended: its last chunk (null when none is left). */
  end(): PackedRows | null {
    if (!this.ended) throw formatError(this.header ? 'it ended inside a tuple or without its trailer' : 'no header');
    return this.count > 0 ? this.cut() : null;
  }

  private walk(out: PackedRows[]): void {
    if (!this.header) {
      const b = this.buf;
      if (this.len < HEADER) return;
      if (!b.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw formatError('no PGCOPY signature');
      if (b.readInt32BE(SIGNATURE.length) & (1 << 16)) throw formatError('it holds OIDs');
      const ext = b.readInt32BE(SIGNATURE.length + 4);
      if (this.len < HEADER + ext) return;
      this.scan = HEADER + ext;
      this.header = true;
    }
    const nf = this.fieldCount;
    while (!this.ended) {
      const b = this.buf; // a new one after each cut
      let p = this.scan;
      if (p + 2 > this.len) return;
      const n = b.readInt16BE(p);
      if (n === -1) {
        this.ended = true;
        if (this.len !== p + 2) throw formatError('bytes after the trailer');
        return;
      }
      if (n !== nf) throw formatError(`a tuple of ${n} fields, not ${nf}`);
      p += 2;
      if (this.fields.length < 2 * nf * (this.count + 1)) {
        const more = new Int32Array(2 * this.fields.length);
        more.set(this.fields);
        this.fields = more;
      }
      const f = this.fields;
      const at = 2 * nf * this.count;
      for (let k = 0; k < nf; k++) {
        if (p + 4 > this.len) return;
        const l = b.readInt32BE(p);
        p += 4;
        if (l < 0) {
          f[at + 2 * k] = -1;
          f[at + 2 * k + 1] = 0;
        } else {
          if (p + l > this.len) return;
          f[at + 2 * k] = p;
          f[at + 2 * k + 1] = l;
          p += l;
        }
      }
      this.count++;
      this.scan = p;
      if (p >= this.chunkBytes) out.push(this.cut());
    }
  }

  /** The walked tuples as a chunk; the bytes after them start the next. */
  private cut(): PackedRows {
    const chunk: PackedRows = { count: this.count, bytes: new Uint8Array(this.buf.buffer, 0, this.scan), fields: this.fields.subarray(0, 2 * this.fieldCount * this.count) };
    const rest = this.len - this.scan;
    const next = this.alloc(Math.max(this.chunkBytes, rest));
    this.buf.copy(next, 0, this.scan, this.len);
    this.buf = next;
    this.len = rest;
    this.scan = 0;
    this.count = 0;
    this.fields = new Int32Array(this.fields.length);
    return chunk;
  }
}
