/**
 * The canonical record schema, declared once (zod). The JSON Schema in
 * docs/formats/canonical.schema.json is generated from it (`npm run schema`).
 */
import { z } from 'zod';
import { ClewError } from '../../model/errors.js';
import { ACCOUNT_REF_RE, type ClewRecord } from '../../model/records.js';
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
      channel: z.enum(['chat', 'sms', 'email']).optional(),
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
    channel: z.enum(['call', 'sms']).optional(),
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
    kind: z.enum(['exif', 'antenna', 'shared', 'device']),
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

/** Validate one decoded JSON value and turn it into a record. Throws ClewError (SCHEMA, TIMESTAMP_*). */
export function parseCanonicalRecord(value: unknown, timeZone?: string): ClewRecord {
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
      return { type: 'attachment', nativeId: r.id, message: r.message, filename: r.filename, mime: r.mime, size: r.size, sha256: r.sha256 };
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
