/** UTF-8 encoding of many strings into one buffer. */

/** UTF-8 bytes of the concatenated strings, without building one large (two-byte) string first. */
export function encodeUtf8(parts: readonly string[]): Buffer {
  let units = 0;
  for (const p of parts) units += p.length;
  const buf = Buffer.allocUnsafe(units * 3);
  let off = 0;
  // Batches of ~8k characters: one native call per batch instead of one per record.
  let batch = '';
  for (const p of parts) {
    batch += p;
    if (batch.length >= 8192) {
      off += buf.write(batch, off, 'utf8');
      batch = '';
    }
  }
  if (batch.length > 0) off += buf.write(batch, off, 'utf8');
  return buf.subarray(0, off);
}

