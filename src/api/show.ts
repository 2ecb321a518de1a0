/** A message in context, with the raw source bytes behind it (provenance you can read). */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_CHAT_BYTES } from '../ingest/formats/whatsapp/parser.js';
import { SafeZip } from '../ingest/archive/zip.js';
import { parsePath, valueAtPath } from '../ingest/jsonwalk.js';
import type { Mention } from '../model/entities.js';
import type { MessagePort, MessageView } from '../store/types.js';

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

/** Bytes of a record shown at most. */
export const MAX_RAW = 64 * 1024;

/** A record's bytes as read (at most MAX_RAW of its `length`), decoded as UTF-8; an ellipsis says it was cut. */
export const rawText = (bytes: Buffer, length: number): string => bytes.toString('utf8') + (bytes.length < length ? '…' : '');

/** The record inside a JSON document, re-serialised (streamed: the document may be gigabytes). */
async function readJsonRecord(path: string, jsonPath: string): Promise<RawSource> {
  const parts = parsePath(jsonPath);
  if (!parts) return { text: null, unavailable: `cannot read the locator ${jsonPath}` };
  try {
    const v = await valueAtPath(createReadStream(path), parts, MAX_RAW);
    if (v === undefined) return { text: null, unavailable: `${path} has nothing at ${jsonPath} any more` };
    return { text: `${jsonPath} =\n${JSON.stringify(v, null, 1)}`, unavailable: null };
  } catch {
    return { text: null, unavailable: `${path} is no longer at that path` };
  }
}

async function isZip(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'r');
    try {
      const b = Buffer.alloc(4);
      await fh.read(b, 0, 4, 0);
      return b.readUInt32LE(0) === 0x04034b50;
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

/** The record's bytes inside an archive member (e.g. _chat.txt in a WhatsApp zip). */
async function readZipMember(path: string, entry: string, offset: number, length: number): Promise<RawSource> {
  try {
    const zip = await SafeZip.open(path, basename(path));
    try {
      const buf = await zip.read(entry, MAX_CHAT_BYTES);
      const len = Math.min(length, MAX_RAW);
      return { text: buf.subarray(offset, offset + len).toString('utf8') + (len < length ? '…' : ''), unavailable: null };
    } finally {
      zip.close();
    }
  } catch {
    return { text: null, unavailable: `${entry} cannot be read from ${path} any more` };
  }
}

/** The raw source record behind a message or a call (its provenance). */
export async function readRaw(m: Pick<MessageView, 'provenance'>): Promise<RawSource> {
  const { path, locator } = m.provenance;
  if (locator.path !== undefined) return readJsonRecord(path, locator.path);
  if (locator.entry !== undefined && locator.offset !== undefined && locator.length !== undefined && (await isZip(path)))
    return readZipMember(path, locator.entry, locator.offset, locator.length);
  if (locator.offset === undefined || locator.length === undefined) return { text: null, unavailable: `the record has no byte range in ${path}` };
  try {
    const st = await stat(path);
    if (st.size < locator.offset + locator.length) return { text: null, unavailable: `${path} is shorter than when it was ingested` };
    const fh = await open(path, 'r');
    try {
      const len = Math.min(locator.length, MAX_RAW);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, locator.offset);
      return { text: rawText(buf, locator.length), unavailable: null };
    } finally {
      await fh.close();
    }
  } catch {
    return { text: null, unavailable: `${path} is no longer at that path (SHA-256 ${m.provenance.sha256})` };
  }
}

export async function show(store: MessagePort, id: number, opts: { context?: number } = {}): Promise<ShowResult> {
  const message = await store.message(id);
  const n = opts.context ?? 5;
  const thread = await store.thread(id, { before: n, after: n });
  return { message, mentions: await store.mentions(id), thread, raw: await readRaw(message) };
}
