/**
 * The records every parser yields and the store keeps. One shape per kind of fact.
 *
 * Account references: an account is named by a reference string `platform:handle`,
 * e.g. `skyecc:4F2A9C`, `phone:+381641234567`, `email:vuk@example.org`, `telegram:user123`.
 * The platform part is lower-case ASCII; the handle is kept as written (after trimming).
 * See docs/formats/canonical.md.
 *
 * Times: `ts` is UTC epoch milliseconds; `tzOffset` is the original offset from UTC in
 * minutes when the source stated one (null when it did not and a zone was assumed);
 * `tsLocal` keeps the original local time string when the source wrote one.
 */

export type AccountRef = string;

export type AccountKind = 'pin' | 'phone' | 'username' | 'email' | 'imei' | 'other';

/** Where a record sits in its source file, so any figure can be traced to the exact place. */
export interface Locator {
  /** 1-based line number of the record's first line. */
  line?: number;
  /** 1-based line number of the record's last line, when it spans several. */
  endLine?: number;
  /** Byte offset of the record's first byte in the (decompressed) file. */
  offset?: number;
  /** Byte length of the record in the file. */
  length?: number;
  /** JSON path for records inside one JSON document, e.g. `$.chats.list[3].messages[17]`. */
  path?: string;
  /** Member name inside an archive (zip) or mailbox. */
  entry?: string;
}

export interface TimeFields {
  ts: number;
  tzOffset: number | null;
  tsLocal?: string;
}

/** The channels a communication goes over, declared once (types, query filters, schemas derive from it). */
export const CHANNELS = ['chat', 'sms', 'email', 'call'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels of a message record (a call is a call record). */
export const MESSAGE_CHANNELS = ['chat', 'sms', 'email'] as const satisfies readonly Channel[];
/** Channels of a call record. */
export const CALL_CHANNELS = ['call', 'sms'] as const satisfies readonly Channel[];

export interface AccountRecord {
  type: 'account';
  ref: AccountRef;
  kind?: AccountKind;
  displayName?: string;
}

/** A name that `owner` saved for `contact` in a contact list (evidence for identity resolution). */
export interface ContactRecord {
  type: 'contact';
  owner: AccountRef;
  contact: AccountRef;
  name: string;
}

export interface ConversationRecord {
  type: 'conversation';
  /** Source-scoped identifier of the conversation (chat id, group id, thread root). */
  ref: string;
  title?: string;
  members?: AccountRef[];
}

export interface MessageRecord extends TimeFields {
  type: 'message';
  /** Identifier the source gave the message, if any (used to link replies and attachments). */
  nativeId?: string;
  from: AccountRef;
  /** Explicit recipients. Edges of the network run from `from` to each of these. */
  to: AccountRef[];
  conversation?: string;
  channel: Channel;
  body: string;
  subject?: string;
  replyTo?: string;
  forwardedFrom?: string;
  edited?: boolean;
  deleted?: boolean;
  /** Native ids of attachment records belonging to this message. */
  attachments?: string[];
}

export interface CallRecord extends TimeFields {
  type: 'call';
  nativeId?: string;
  from: AccountRef;
  to: AccountRef;
  /** Seconds; 0 for unanswered. */
  duration: number;
  channel?: 'call' | 'sms';
  /** Position of the antenna or device when known. */
  lat?: number;
  lon?: number;
}

export interface AttachmentRecord {
  type: 'attachment';
  nativeId: string;
  /** Native id of the message it belongs to. */
  message?: string;
  filename: string;
  mime?: string;
  size?: number;
  sha256?: string;
  /**
   * When the photo was taken by its EXIF: the camera's wall clock as ISO 8601, with the camera's
   * offset when it recorded one (`2021-02-03T10:15:00+01:00`), else without (zone not recorded).
   */
  takenAt?: string;
  /** The file's bytes when the source carries them (capped by the pipeline). */
  content?: Uint8Array;
}

export type EventKind =
  | 'joined'
  | 'left'
  | 'added'
  | 'removed'
  | 'number_changed'
  | 'security_code_changed'
  | 'title_changed'
  | 'call_missed'
  | 'other';

/** A system event in a conversation: not a message from a person. */
export interface EventRecord extends TimeFields {
  type: 'event';
  kind: EventKind;
  actor?: AccountRef;
  subject?: AccountRef;
  conversation?: string;
  text: string;
}

/** Kinds of location record, declared once. */
export const LOCATION_KINDS = ['exif', 'antenna', 'shared', 'device'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export interface LocationRecord {
  type: 'location';
  kind: LocationKind;
  lat: number;
  lon: number;
  ts?: number;
  account?: AccountRef;
  /** Native id of the message or attachment it belongs to. */
  message?: string;
  attachment?: string;
  label?: string;
}

/** Identifiers of a seized device (PIN, IMEI, serial) bound to the account that used it. */
export interface DeviceRecord {
  type: 'device';
  account: AccountRef;
  identifiers: Record<string, string>;
}

export type ClewRecord =
  | AccountRecord
  | ContactRecord
  | ConversationRecord
  | MessageRecord
  | CallRecord
  | AttachmentRecord
  | EventRecord
  | LocationRecord
  | DeviceRecord;

export type RecordType = ClewRecord['type'];

export const ACCOUNT_REF_RE = /^[a-z][a-z0-9_-]{0,31}:\S.{0,255}$/su;
