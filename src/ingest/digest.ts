/** SHA-256 of a byte stream, keeping the bytes only when there are at most `keepBytes` of them. */
import { createHash } from 'node:crypto';

export interface Digest {
  size: number;
  sha256: string;
  /** The bytes, when the stream held at most `keepBytes`. */
  content?: Uint8Array;
}

export async function digestStream(stream: AsyncIterable<Buffer>, keepBytes: number): Promise<Digest> {
  const h = createHash('sha256');
  const parts: Buffer[] = [];
  let n = 0;
  let keep = true;
  for await (const chunk of stream) {
    h.update(chunk);
    n += chunk.length;
    if (keep && n <= keepBytes) parts.push(chunk);
    else {
      keep = false;
      parts.length = 0;
    }
  }
  const out: Digest = { size: n, sha256: h.digest('hex') };
  if (keep) out.content = new Uint8Array(Buffer.concat(parts, n));
  return out;
}
