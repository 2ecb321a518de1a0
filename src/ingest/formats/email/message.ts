/**
 * One e-mail (RFC 5322 bytes) to records, with mailparser: an AccountRecord for the sender
 * (with the display name of the From header), the MessageRecord (channel email, all of
 * To/Cc/Bcc in `to`, text body: HTML is converted to text by mailparser and never kept),
 * AttachmentRecords (sha256, size, sniffed type, content under the cap) and EXIF locations.
 */
import type { AddressObject, EmailAddress, ParsedMail } from 'mailparser';
import { ClewError } from '../../../model/errors.js';
import type { AccountRecord, ClewRecord, MessageRecord } from '../../../model/records.js';
import { attachmentRecords } from '../../attachments/describe.js';
import { parseMailLite, type MailParts } from './lite.js';
import { messageIds, threadRoot } from './thread.js';

export const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;
const MAX_BODY_CHARS = 4 * 1024 * 1024;
const MAX_HTML_CHARS = 8 * 1024 * 1024;
const MAX_ADDRESS = 254;

export interface MailContext {
  /** Used as the message's id when it has no Message-ID (e.g. `mbox@1234`). */
  fallbackId: string;
  maxAttachmentBytes: number;
  timeZone?: string;
  /** The mbox envelope line ("sender date"), for a message without Date/From. */
  envelope?: string;
}

function flatten(a: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  if (!a) return [];
  const list = Array.isArray(a) ? a : [a];
  const out: EmailAddress[] = [];
  const walk = (xs: EmailAddress[]): void => {
    for (const x of xs) {
      if (x.group) walk(x.group);
      else out.push(x);
    }
  };
  for (const o of list) walk(o.value);
  return out;
}

export function emailRef(address: string): string | null {
  const a = address.trim().toLowerCase();
  if (a === '' || a.length > MAX_ADDRESS || /\s/.test(a)) return null;
  return `email:${a}`;
}

const DATE_OFFSET_RE = /([+-])(\d{2})(\d{2})\s*(?:\([^)]*\))?\s*$/;
const DATE_ZONE_NAMES: Record<string, number> = { UT: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };

/** The UTC offset stated in a raw Date header, in minutes; null when none. */
export function dateHeaderOffset(raw: string): number | null {
  const m = DATE_OFFSET_RE.exec(raw);
  if (m) {
    const v = Number(m[2]) * 60 + Number(m[3]);
    if (Number(m[2]) > 14 || Number(m[3]) > 59) return null;
    return m[1] === '-' ? -v : v;
  }
  const z = /\b([A-Z]{1,3})\s*$/.exec(raw.trim());
  return z && z[1]! in DATE_ZONE_NAMES ? DATE_ZONE_NAMES[z[1]!]! : null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** asctime date of an mbox envelope line ("sender Thu Feb  4 10:00:00 2021"), read as UTC. */
export function envelopeTime(envelope: string): number | null {
  const m = /(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/.exec(envelope);
  if (!m) return null;
  const mon = MONTHS.indexOf(m[1]!);
  if (mon === -1) return null;
  const t = Date.UTC(Number(m[6]), mon, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return Number.isFinite(t) ? t : null;
}

function headerLine(mail: ParsedMail, key: string): string | undefined {
  const h = mail.headerLines.find((l) => l.key === key);
  return h ? h.line.slice(h.line.indexOf(':') + 1).trim() : undefined;
}

/** mailparser's result in the shape both parsing paths share. */
export async function mailpartsFromMailparser(bytes: Buffer): Promise<MailParts> {
  // loaded on first use: most messages take the lite path, and every CLI start would pay for it
  const { simpleParser } = await import('mailparser');
  let mail: ParsedMail;
  try {
    mail = await simpleParser(bytes, { skipTextToHtml: true, skipImageLinks: true, maxHtmlLengthToParse: MAX_HTML_CHARS });
  } catch (e) {
    throw new ClewError('SCHEMA', `unreadable message: ${(e as Error).message.slice(0, 200)}`, {}, { cause: e });
  }
  const from = flatten(mail.from)[0];
  const parts: MailParts = {
    recipients: [...flatten(mail.to), ...flatten(mail.cc), ...flatten(mail.bcc)].flatMap((a) => (a.address ? [a.address] : [])),
    attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content })),
  };
  if (from?.address) parts.from = { address: from.address, name: from.name ?? '' };
  if (mail.subject !== undefined) parts.subject = mail.subject;
  const rawDate = headerLine(mail, 'date');
  if (rawDate !== undefined) parts.dateRaw = rawDate;
  if (mail.date) parts.date = mail.date;
  if (mail.messageId !== undefined) parts.messageId = mail.messageId;
  if (mail.inReplyTo !== undefined) parts.inReplyTo = mail.inReplyTo;
  if (mail.references !== undefined) parts.references = mail.references;
  if (mail.text !== undefined) parts.text = mail.text;
  return parts;
}

export type MailPath = 'auto' | 'mailparser' | 'lite';

/**
 * Parse one message to records. `auto` takes the fast path (lite.ts) when it can read the
 * message and mailparser otherwise; the other values force a path (for differential tests).
 */
export async function parseMail(bytes: Buffer, ctx: MailContext, path: MailPath = 'auto'): Promise<ClewRecord[]> {
  if (bytes.length > MAX_MESSAGE_BYTES) throw new ClewError('TOO_LARGE', `the message is larger than ${MAX_MESSAGE_BYTES} bytes`);
  let parts: MailParts | null = path === 'mailparser' ? null : parseMailLite(bytes);
  if (!parts) {
    if (path === 'lite') throw new ClewError('INTERNAL', 'the fast path cannot read this message');
    parts = await mailpartsFromMailparser(bytes);
  }
  return recordsFromParts(parts, ctx);
}

async function recordsFromParts(mail: MailParts, ctx: MailContext): Promise<ClewRecord[]> {
  const out: ClewRecord[] = [];
  const fromAddr = mail.from;
  let from = fromAddr?.address ? emailRef(fromAddr.address) : null;
  if (!from && ctx.envelope) {
    const sender = ctx.envelope.split(/\s+/)[0];
    if (sender && sender.includes('@')) from = emailRef(sender.replace(/^<|>$/g, ''));
  }
  if (!from) throw new ClewError('SCHEMA', 'the message has no readable From address');
  if (fromAddr?.name) {
    const acct: AccountRecord = { type: 'account', ref: from, kind: 'email', displayName: fromAddr.name.slice(0, 256) };
    out.push(acct);
  }

  let ts: number;
  let tzOffset: number | null;
  const rawDate = mail.dateRaw;
  if (mail.date && !Number.isNaN(mail.date.getTime()) && rawDate) {
    ts = mail.date.getTime();
    tzOffset = dateHeaderOffset(rawDate);
  } else {
    const env = ctx.envelope ? envelopeTime(ctx.envelope) : null;
    if (env === null) throw new ClewError('TIMESTAMP_INVALID', rawDate ? `unreadable Date header: ${rawDate.slice(0, 60)}` : 'the message has no Date header');
    ts = env;
    tzOffset = null;
  }
  if (ts < 0 || ts > Date.UTC(2100, 0, 1)) throw new ClewError('TIMESTAMP_INVALID', `impossible date: ${(rawDate ?? '').slice(0, 60)}`);

  const to: string[] = [];
  for (const a of mail.recipients) {
    const r = emailRef(a);
    if (r && !to.includes(r)) to.push(r);
  }
  const nativeId = messageIds(mail.messageId)[0] ?? ctx.fallbackId;
  let body = mail.text ?? '';
  if (body.length > MAX_BODY_CHARS) body = body.slice(0, MAX_BODY_CHARS);
  const msg: MessageRecord = { type: 'message', nativeId, from, to, channel: 'email', body, ts, tzOffset };
  if (rawDate && tzOffset === null) msg.tsLocal = rawDate.slice(0, 100);
  if (mail.subject !== undefined) msg.subject = mail.subject;
  msg.conversation = threadRoot({ messageId: mail.messageId, inReplyTo: mail.inReplyTo, references: mail.references }) ?? nativeId;
  const replyTo = messageIds(mail.inReplyTo)[0];
  if (replyTo) msg.replyTo = replyTo;
  out.push(msg);

  const ids: string[] = [];
  for (let i = 0; i < mail.attachments.length; i++) {
    const a = mail.attachments[i]!;
    const id = `${nativeId}#${i + 1}`;
    ids.push(id);
    const filename = (a.filename ?? '').trim() || `attachment-${i + 1}`;
    const r = await attachmentRecords(a.content, {
      nativeId: id,
      message: nativeId,
      filename: filename.slice(0, 255),
      maxBytes: ctx.maxAttachmentBytes,
      account: from,
      timeZone: ctx.timeZone,
    });
    out.push(r.attachment);
    if (r.location) out.push(r.location);
  }
  if (ids.length) msg.attachments = ids;
  return out;
}
