/** A message in context, with the raw source bytes behind it (provenance you can read). */
import { open, stat } from 'node:fs/promises';
import type { Mention } from '../model/entities.js';
import type { CaseStore, MessageView } from '../store/types.js';

export interface RawSource {
  /** The bytes of the record in its source file, decoded as UTF-8 (invalid bytes replaced). */
  text: string | null;
  /** Why the raw text is not shown (file moved or changed, record has no byte locator). */
  unavailable: string | null;
}

export interface ShowResult {
  message: MessageView;
  /** Entities found in the message, with spans into its body. */
  mentions: Mention[];
  thread: MessageView[];
  raw: RawSource;
}

const MAX_RAW = 64 * 1024;

export async function readRaw(m: MessageView): Promise<RawSource> {
  const { path, locator } = m.provenance;
  if (locator.offset === undefined || locator.length === undefined)
    return { text: null, unavailable: `the record is located by ${locator.path ? `JSON path ${locator.path}` : 'no byte range'}; open ${path} there` };
  try {
    const st = await stat(path);
    if (st.size < locator.offset + locator.length) return { text: null, unavailable: `${path} is shorter than when it was ingested` };
    const fh = await open(path, 'r');
    try {
      const len = Math.min(locator.length, MAX_RAW);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, locator.offset);
      return { text: buf.toString('utf8') + (len < locator.length ? '…' : ''), unavailable: null };
    } finally {
      await fh.close();
    }
  } catch {
    return { text: null, unavailable: `${path} is no longer at that path (SHA-256 ${m.provenance.sha256})` };
  }
}

export async function show(store: CaseStore, id: number, opts: { context?: number } = {}): Promise<ShowResult> {
  const message = store.message(id);
  const n = opts.context ?? 5;
  const thread = store.thread(id, { before: n, after: n });
  return { message, mentions: store.mentions(id), thread, raw: await readRaw(message) };
}
