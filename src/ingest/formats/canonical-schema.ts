/**
 * The canonical record schema, declared once (zod). The JSON Schema in
 * docs/formats/canonical.schema.json is generated from it (`npm run schema`).
 */
import { z } from 'zod';
import { ClewError } from '../../model/errors.js';
import { ACCOUNT_REF_RE, CALL_CHANNELS, type ClewRecord, LOCATION_KINDS, MESSAGE_CHANNELS, type MessageRecord } from '../../model/records.js';
import { TAKEN_AT_RE } from '../../text/exif/exif.js';
import { parseTimestamp } from '../time.js';

export const MAX_BODY_CHARS = 256 * 1024;

const ref = z.string().regex(ACCOUNT_REF_RE, 'account reference must look like platform:handle');
const text = (max: number) => z.string().max(max);
const timestamp = z.union([z.string().max(64), z.number()]);
const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);

export const canonicalSchemas = {
  account: z.object({
    type: z.literal('account'),
    ref,
    kind: z.enum(['pin', 'phone', 'username', 'email', 'imei', 'other']).optional(),
    display_name: text(512).optional(),
  }),
  contact: z.object({ type: z.literal('contact'), owner: ref, contact: ref, name: text(512) }),
  conversation: z.object({
    type: z.literal('conversation'),
    ref: text(512).min(1),
    title: text(1024).optional(),
    members: z.array(ref).max(100_000).optional(),
  }),
  message: z
    .object({
      type: z.literal('message'),
      id: text(512).optional(),
      from: ref,
      to: z.array(ref).max(10_000).optional(),
      conversation: text(512).optional(),
      ts: timestamp,
      ts_local: text(64).optional(),
      body: text(MAX_BODY_CHARS),
      channel: z.enum(MESSAGE_CHANNELS).optional(),
      subject: text(2048).optional(),
      reply_to: text(512).optional(),
      forwarded_from: text(512).optional(),
      edited: z.boolean().optional(),
      deleted: z.boolean().optional(),
      attachments: z.array(text(512)).max(1000).optional(),
    })
    .refine((m) => (m.to && m.to.length > 0) || m.conversation !== undefined, {
      message: 'a message needs "to" recipients or a "conversation"',
    }),
  call: z.object({
    type: z.literal('call'),
    id: text(512).optional(),
    from: ref,
    to: ref,
    ts: timestamp,
    ts_local: text(64).optional(),
    duration: z.number().min(0).max(7 * 24 * 3600),
    channel: z.enum(CALL_CHANNELS).optional(),
    lat: lat.optional(),
    lon: lon.optional(),
  }),
  attachment: z.object({
    type: z.literal('attachment'),
    id: text(512).min(1),
    message: text(512).optional(),
    filename: text(1024),
    mime: text(255).optional(),
    size: z.number().int().min(0).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    // the photo's EXIF capture time, the camera's clock with its offset when it recorded one (as clew stores it)
    taken_at: z.string().regex(TAKEN_AT_RE).optional(),
  }),
  event: z.object({
    type: z.literal('event'),
    kind: z.enum(['joined', 'left', 'added', 'removed', 'number_changed', 'security_code_changed', 'title_changed', 'call_missed', 'other']),
    ts: timestamp,
    ts_local: text(64).optional(),
    text: text(4096),
    actor: ref.optional(),
    subject: ref.optional(),
    conversation: text(512).optional(),
  }),
  location: z.object({
    type: z.literal('location'),
    kind: z.enum(LOCATION_KINDS),
    lat,
    lon,
    ts: timestamp.optional(),
    account: ref.optional(),
    message: text(512).optional(),
    attachment: text(512).optional(),
    label: text(512).optional(),
  }),
  device: z.object({
    type: z.literal('device'),
    account: ref,
    identifiers: z.record(z.string().max(64), z.string().max(256)),
  }),
} as const;

export const canonicalLine = z.discriminatedUnion('type', [
  canonicalSchemas.account,
  canonicalSchemas.contact,
  canonicalSchemas.conversation,
  canonicalSchemas.message,
  canonicalSchemas.call,
  canonicalSchemas.attachment,
  canonicalSchemas.event,
  canonicalSchemas.location,
  canonicalSchemas.device,
]);

function schemaError(err: z.ZodError): ClewError {
  const issue = err.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return new ClewError('SCHEMA', `${where}${issue?.message ?? 'invalid record'}`);
}

function time(v: string | number, tsLocal: string | undefined, timeZone: string | undefined) {
  const t = parseTimestamp(v, timeZone);
  return tsLocal === undefined ? t : { ...t, tsLocal };
}

const optText = (v: unknown, max: number): boolean => v === undefined || (typeof v === 'string' && v.length <= max);
const optBool = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
const isRef = (v: unknown): v is string => typeof v === 'string' && ACCOUNT_REF_RE.test(v);

const isMessageChannel = (c: unknown): c is (typeof MESSAGE_CHANNELS)[number] => (MESSAGE_CHANNELS as readonly unknown[]).includes(c);

/**
 * The message schema above, checked by hand: messages are nearly every line of a large source,
 * and zod costs about as much as JSON.parse. Returns null whenever zod might not accept the
 * value, so that every error still comes from zod (same codes and texts). The record carries
 * only the fields present (cheaper to pass to the writer thread).
 */
export function fastMessage(v: Record<string, unknown>, timeZone: string | undefined): MessageRecord | null {
  const { id, from, to, conversation, ts, body, channel } = v;
  if (!isRef(from) || typeof body !== 'string' || body.length > MAX_BODY_CHARS) return null;
  if (!(typeof ts === 'number' || (typeof ts === 'string' && ts.length <= 64))) return null;
  if (!optText(id, 512) || !optText(conversation, 512) || !optText(v.ts_local, 64)) return null;
  if (channel !== undefined && !isMessageChannel(channel)) return null;
  if (to !== undefined) {
    if (!Array.isArray(to) || to.length > 10_000) return null;
    for (const t of to) if (!isRef(t)) return null;
  }
  if (!((to !== undefined && to.length > 0) || conversation !== undefined)) return null;
  const { subject, reply_to, forwarded_from, edited, deleted, attachments } = v;
  if (!optText(subject, 2048) || !optText(reply_to, 512) || !optText(forwarded_from, 512) || !optBool(edited) || !optBool(deleted)) return null;
  if (attachments !== undefined) {
    if (!Array.isArray(attachments) || attachments.length > 1000) return null;
    for (const a of attachments) if (typeof a !== 'string' || a.length > 512) return null;
  }
  const t = parseTimestamp(ts, timeZone);
  const r: MessageRecord = { type: 'message', from, to: (to as string[] | undefined) ?? [], channel: channel ?? 'chat', body, ts: t.ts, tzOffset: t.tzOffset };
  if (id !== undefined) r.nativeId = id as string;
  if (conversation !== undefined) r.conversation = conversation as string;
  if (v.ts_local !== undefined) r.tsLocal = v.ts_local as string;
  if (subject !== undefined) r.subject = subject as string;
  if (reply_to !== undefined) r.replyTo = reply_to as string;
  if (forwarded_from !== undefined) r.forwardedFrom = forwarded_from as string;
  if (edited !== undefined) r.edited = edited as boolean;
  if (deleted !== undefined) r.deleted = deleted as boolean;
  if (attachments !== undefined) r.attachments = attachments as string[];
  return r;
}

/** Validate one decoded JSON value and turn it into a record. Throws ClewError (SCHEMA, TIMESTAMP_*). */
export function parseCanonicalRecord(value: unknown, timeZone?: string): ClewRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ClewError('SCHEMA', 'a line must hold a JSON object');
  const type = (value as { type?: unknown }).type;
  if (type === 'message') {
    const fast = fastMessage(value as Record<string, unknown>, timeZone);
    if (fast) return fast;
  }
  return parseWithSchema(value, timeZone);
}

/** parseCanonicalRecord through zod only (the reference the fast path is tested against). */
export function parseWithSchema(value: unknown, timeZone?: string): ClewRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ClewError('SCHEMA', 'a line must hold a JSON object');
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in canonicalSchemas))
    throw new ClewError('SCHEMA', `unknown or missing "type": ${JSON.stringify(type)?.slice(0, 40)}`);
  const parsed = canonicalSchemas[type as keyof typeof canonicalSchemas].safeParse(value);
  if (!parsed.success) throw schemaError(parsed.error);
  const r = parsed.data;
  switch (r.type) {
    case 'account':
      return { type: 'account', ref: r.ref, kind: r.kind, displayName: r.display_name };
    case 'contact':
      return { type: 'contact', owner: r.owner, contact: r.contact, name: r.name };
    case 'conversation':
      return { type: 'conversation', ref: r.ref, title: r.title, members: r.members };
    case 'message':
      return {
        type: 'message',
        nativeId: r.id,
        from: r.from,
        to: r.to ?? [],
        conversation: r.conversation,
        channel: r.channel ?? 'chat',
        body: r.body,
        subject: r.subject,
        replyTo: r.reply_to,
        forwardedFrom: r.forwarded_from,
        edited: r.edited,
        deleted: r.deleted,
        attachments: r.attachments,
        ...time(r.ts, r.ts_local, timeZone),
      };
    case 'call':
      return {
        type: 'call',
        nativeId: r.id,
        from: r.from,
        to: r.to,
        duration: r.duration,
        channel: r.channel,
        lat: r.lat,
        lon: r.lon,
        ...time(r.ts, r.ts_local, timeZone),
      };
    case 'attachment':
      return { type: 'attachment', nativeId: r.id, message: r.message, filename: r.filename, mime: r.mime, size: r.size, sha256: r.sha256, takenAt: r.taken_at };
    case 'event':
      return {
        type: 'event',
        kind: r.kind,
        text: r.text,
        actor: r.actor,
        subject: r.subject,
        conversation: r.conversation,
        ...time(r.ts, r.ts_local, timeZone),
      };
    case 'location':
      return {
        type: 'location',
        kind: r.kind,
        lat: r.lat,
        lon: r.lon,
        ts: r.ts === undefined ? undefined : parseTimestamp(r.ts, timeZone).ts,
        account: r.account,
        message: r.message,
        attachment: r.attachment,
        label: r.label,
      };
    case 'device':
      return { type: 'device', account: r.account, identifiers: r.identifiers };
  }
}

/** The JSON Schema of one canonical line (docs/formats/canonical.schema.json is generated from it). */
export function canonicalJsonSchema(): Record<string, unknown> {
  const lines = Object.values(canonicalSchemas).map((s) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://clew.invalid/schemas/canonical-line.json',
    title: 'clew canonical record (one JSON Lines line)',
    description: 'See docs/formats/canonical.md. Times are ISO 8601 with an offset, or epoch seconds/milliseconds.',
    oneOf: lines.map((l) => {
      const { $schema: _drop, ...rest } = l as Record<string, unknown>;
      return rest;
    }),
  };
}
