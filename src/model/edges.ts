/**
 * The communication edges of a case, derived from its records (both store backends write them
 * with this rule): a message gives one increment sender → recipient per distinct recipient (its
 * explicit recipients, else its conversation's other members), a call one caller → callee, on
 * the record's channel. A duplicate (a record linked to an earlier copy) gives none, and neither
 * does a self-loop. Increments are summed per (src, dst, channel) with the first and last time.
 */
import { type Channel, CHANNELS } from './records.js';

export interface EdgeIncrement {
  src: number;
  dst: number;
  channel: string;
  count: number;
  first: number;
  last: number;
}

/** Increments by (src, dst, channel): a number key when the ids allow, else a string. */
export type EdgeIncrements = Map<number | string, EdgeIncrement>;

const CHANNEL_KEY: Record<string, number> = Object.fromEntries(CHANNELS.map((c, i) => [c, i]));
const CHANNEL_SLOTS = 4; // the number key holds up to 4 channels (CHANNELS)

/** The recipients of a message: the explicit ones, else the conversation's members but the sender; each once. */
export function messageRecipients(sender: number, to: readonly number[], members: readonly number[] | undefined): number[] {
  return [...new Set(to.length > 0 ? to : (members?.filter((m) => m !== sender) ?? []))];
}

/** One communication src → dst at `ts` (a self-loop adds nothing). */
export function addEdge(edges: EdgeIncrements, src: number, dst: number, channel: Channel | string, ts: number): void {
  if (src === dst) return;
  const ch = CHANNEL_KEY[channel];
  const k = ch !== undefined && src < 2 ** 24 && dst < 2 ** 26 ? (src * 2 ** 26 + dst) * CHANNEL_SLOTS + ch : `${src}|${dst}|${channel}`;
  const e = edges.get(k);
  if (e) {
    e.count++;
    if (ts < e.first) e.first = ts;
    if (ts > e.last) e.last = ts;
  } else edges.set(k, { src, dst, channel, count: 1, first: ts, last: ts });
}

/** A message's increments (none for a duplicate). */
export function addMessageEdges(edges: EdgeIncrements, sender: number, recipients: readonly number[], channel: Channel, ts: number, duplicate: boolean): void {
  if (duplicate) return;
  for (const a of recipients) addEdge(edges, sender, a, channel, ts);
}

/** A call's increment (none for a duplicate). */
export function addCallEdge(edges: EdgeIncrements, caller: number, callee: number, channel: Channel, ts: number, duplicate: boolean): void {
  if (!duplicate) addEdge(edges, caller, callee, channel, ts);
}

/** Add an increment summed elsewhere (key from the same map kind). */
export function mergeEdge(edges: EdgeIncrements, k: number | string, add: EdgeIncrement): void {
  const e = edges.get(k);
  if (!e) edges.set(k, add);
  else {
    e.count += add.count;
    if (add.first < e.first) e.first = add.first;
    if (add.last > e.last) e.last = add.last;
  }
}
