/**
 * A batch of items in column form, for the hand-over to the writer thread. Structured clone
 * rebuilds every object of a batch slowly on the receiving side (about 1.5 µs per message
 * record, the writer thread's largest cost after SQLite); a list of strings and a Float64Array
 * arrive about ten times faster, and plain objects rebuilt from them in JavaScript are cheap.
 * Messages (nearly every item of a large source) go in columns; every other item is cloned as
 * it is. unpackBatch(packBatch(items)) gives items equal to the originals, field for field.
 */
import type { Locator, MessageRecord } from '../model/records.js';
import type { MessageAnalysis } from '../text/analyse.js';
import type { BatchItem } from './types.js';

export interface PackedBatch {
  /** Per item: 1 = a message in the columns, 0 = the next item of `others`. */
  kinds: Uint8Array;
  /** STRIDE numbers per message. */
  nums: Float64Array;
  /** Per message: from, channel, body, the optional strings its bits name, then its recipients and attachments. */
  strs: string[];
  others: BatchItem[];
  /** Per message, its analysis from the pipeline (null: none); absent when no message has one. */
  analyses?: (MessageAnalysis | null)[];
}

const STRIDE = 9;
// nums per message: line, endLine, offset, length, ts, tzOffset, bits, recipients, attachments (NaN = absent)
const B_NATIVE_ID = 1;
const B_CONVERSATION = 2;
const B_TS_LOCAL = 4;
const B_SUBJECT = 8;
const B_REPLY_TO = 16;
const B_FORWARDED = 32;
const B_PATH = 64;
const B_ENTRY = 128;
const B_ATTACHMENTS = 256;
const B_EDITED = 512;
const B_EDITED_TRUE = 1024;
const B_DELETED = 2048;
const B_DELETED_TRUE = 4096;

const num = (v: number | undefined | null): number => (v === undefined || v === null ? NaN : v);

/** The batch in column form; its two typed arrays can be transferred rather than copied. */
export function packBatch(items: BatchItem[]): PackedBatch {
  let messages = 0;
  for (const it of items) if (it.kind === 'record' && it.record.type === 'message') messages++;
  const kinds = new Uint8Array(items.length);
  const nums = new Float64Array(messages * STRIDE);
  const strs: string[] = [];
  const others: BatchItem[] = [];
  const analyses: (MessageAnalysis | null)[] = [];
  let analysed = false;
  let m = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind !== 'record' || it.record.type !== 'message') {
      others.push(it);
      continue;
    }
    kinds[i] = 1;
    const r = it.record;
    const l = it.locator;
    const o = m++ * STRIDE;
    analyses.push(it.analysis ?? null);
    if (it.analysis) analysed = true;
    nums[o] = num(l.line);
    nums[o + 1] = num(l.endLine);
    nums[o + 2] = num(l.offset);
    nums[o + 3] = num(l.length);
    nums[o + 4] = r.ts;
    nums[o + 5] = num(r.tzOffset);
    nums[o + 7] = r.to.length;
    nums[o + 8] = r.attachments?.length ?? 0;
    strs.push(r.from, r.channel, r.body);
    let bits = 0;
    const opt = (v: string | undefined, bit: number) => {
      if (v === undefined) return;
      bits |= bit;
      strs.push(v);
    };
    opt(r.nativeId, B_NATIVE_ID);
    opt(r.conversation, B_CONVERSATION);
    opt(r.tsLocal, B_TS_LOCAL);
    opt(r.subject, B_SUBJECT);
    opt(r.replyTo, B_REPLY_TO);
    opt(r.forwardedFrom, B_FORWARDED);
    opt(l.path, B_PATH);
    opt(l.entry, B_ENTRY);
    if (r.attachments !== undefined) bits |= B_ATTACHMENTS;
    if (r.edited !== undefined) bits |= B_EDITED | (r.edited ? B_EDITED_TRUE : 0);
    if (r.deleted !== undefined) bits |= B_DELETED | (r.deleted ? B_DELETED_TRUE : 0);
    nums[o + 6] = bits;
    for (const t of r.to) strs.push(t);
    for (const a of r.attachments ?? []) strs.push(a);
  }
  return analysed ? { kinds, nums, strs, others, analyses } : { kinds, nums, strs, others };
}

export function unpackBatch(p: PackedBatch): BatchItem[] {
  const { kinds, nums, strs, others, analyses } = p;
  const items: BatchItem[] = new Array(kinds.length);
  let m = 0;
  let s = 0;
  let k = 0;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === 0) {
      items[i] = others[k++]!;
      continue;
    }
    const analysis = analyses?.[m] ?? null;
    const o = m++ * STRIDE;
    const bits = nums[o + 6]!;
    const locator: Locator = {};
    if (!Number.isNaN(nums[o]!)) locator.line = nums[o]!;
    if (!Number.isNaN(nums[o + 1]!)) locator.endLine = nums[o + 1]!;
    if (!Number.isNaN(nums[o + 2]!)) locator.offset = nums[o + 2]!;
    if (!Number.isNaN(nums[o + 3]!)) locator.length = nums[o + 3]!;
    const tz = nums[o + 5]!;
    const r: MessageRecord = {
      type: 'message',
      from: strs[s]!,
      to: [],
      channel: strs[s + 1] as MessageRecord['channel'],
      body: strs[s + 2]!,
      ts: nums[o + 4]!,
      tzOffset: Number.isNaN(tz) ? null : tz,
    };
    s += 3;
    if (bits & B_NATIVE_ID) r.nativeId = strs[s++]!;
    if (bits & B_CONVERSATION) r.conversation = strs[s++]!;
    if (bits & B_TS_LOCAL) r.tsLocal = strs[s++]!;
    if (bits & B_SUBJECT) r.subject = strs[s++]!;
    if (bits & B_REPLY_TO) r.replyTo = strs[s++]!;
    if (bits & B_FORWARDED) r.forwardedFrom = strs[s++]!;
    if (bits & B_PATH) locator.path = strs[s++]!;
    if (bits & B_ENTRY) locator.entry = strs[s++]!;
    if (bits & B_EDITED) r.edited = (bits & B_EDITED_TRUE) !== 0;
    if (bits & B_DELETED) r.deleted = (bits & B_DELETED_TRUE) !== 0;
    const nTo = nums[o + 7]!;
    for (let j = 0; j < nTo; j++) r.to.push(strs[s++]!);
    if (bits & B_ATTACHMENTS) {
      const nAtt = nums[o + 8]!;
      r.attachments = strs.slice(s, s + nAtt);
      s += nAtt;
    }
    items[i] = analysis ? { kind: 'record', record: r, locator, analysis } : { kind: 'record', record: r, locator };
  }
  return items;
}
