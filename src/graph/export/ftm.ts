/**
 * FollowTheMoney (FtM) entities as NDJSON, for Aleph / OpenAleph / yente pipelines:
 * Person, UserAccount, Message and Call, written by the FtM schema
 * (followthemoney/schema/*.yaml) as {id, schema, properties: {prop: [string values]}}.
 *
 *   Person       name, phone, email
 *   UserAccount  username (required), service, number (phone), email, owner -> Person
 *   Message      sender -> Person, senderAccount -> UserAccount, recipients -> Person,
 *                recipientAccount -> UserAccount, date, bodyText, subject
 *   Call         caller / receiver -> Person, callerNumber / receiverNumber, date, duration (s)
 *
 * Ids are deterministic: "clew-" + SHA-1 hex of the schema and the caller's stable key
 * (like FtM's make_id), so re-exporting the same case yields the same ids and Aleph merges
 * rather than duplicates. Dates are ISO 8601 UTC without zone suffix (FtM date type, second
 * precision). Values are plain JSON strings: JSON.stringify escapes every hostile character.
 * This writer does not validate against the FtM model at run time; the npm package
 * @alephdata/followthemoney would allow that (not installed).
 */
import { createHash } from 'node:crypto';
import { ClewError } from '../../model/errors.js';

export interface FtmPerson {
  key: string;
  name: string;
  phones?: readonly string[];
  emails?: readonly string[];
}
export interface FtmAccount {
  key: string;
  username: string;
  service?: string;
  phone?: string;
  email?: string;
  /** Person key. */
  owner?: string;
}
export interface FtmMessage {
  key: string;
  /** Account keys. */
  from: string;
  to: readonly string[];
  /** ms since epoch. */
  date: number;
  body?: string;
  subject?: string;
}
export interface FtmCall {
  key: string;
  from: string;
  to: string;
  date: number;
  /** Seconds. */
  duration?: number;
}

export interface FtmInput {
  persons?: readonly FtmPerson[];
  accounts: readonly FtmAccount[];
  messages?: readonly FtmMessage[];
  calls?: readonly FtmCall[];
}

export interface FtmEntity {
  id: string;
  schema: 'Person' | 'UserAccount' | 'Message' | 'Call';
  properties: Record<string, string[]>;
}

export function ftmId(schema: string, key: string): string {
  return `clew-${createHash('sha1').update(schema).update('\u0000').update(key).digest('hex')}`;
}

export function ftmDate(ms: number): string {
  if (!Number.isFinite(ms)) throw new ClewError('TIMESTAMP_INVALID', 'date is not a finite number');
  return new Date(ms).toISOString().slice(0, 19);
}

function props(entries: [string, (string | undefined)[]][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, vs] of entries) {
    const clean = vs.filter((v): v is string => v !== undefined && v !== '');
    if (clean.length) out[k] = clean;
  }
  return out;
}

/** The entities in a stable order: persons, accounts, messages, calls (each as given). */
export function toFtmEntities(input: FtmInput): FtmEntity[] {
  const persons = new Map<string, string>();
  const accounts = new Map<string, { id: string; owner?: string; phone?: string }>();
  const out: FtmEntity[] = [];
  for (const p of input.persons ?? []) {
    const id = ftmId('Person', p.key);
    persons.set(p.key, id);
    out.push({ id, schema: 'Person', properties: props([['name', [p.name]], ['phone', [...(p.phones ?? [])]], ['email', [...(p.emails ?? [])]]]) });
  }
  const person = (key: string | undefined, where: string): string | undefined => {
    if (key === undefined) return undefined;
    const id = persons.get(key);
    if (!id) throw new ClewError('INVALID_ARGUMENT', 'reference to an unknown person', { where, key: key.slice(0, 80) });
    return id;
  };
  for (const a of input.accounts) {
    if (a.username === '') throw new ClewError('INVALID_ARGUMENT', 'UserAccount needs a username', { key: a.key.slice(0, 80) });
    const id = ftmId('UserAccount', a.key);
    const owner = person(a.owner, `account ${a.key}`);
    accounts.set(a.key, { id, owner, phone: a.phone });
    out.push({
      id,
      schema: 'UserAccount',
      properties: props([['username', [a.username]], ['service', [a.service]], ['number', [a.phone]], ['email', [a.email]], ['owner', [owner]]]),
    });
  }
  const account = (key: string, where: string): { id: string; owner?: string; phone?: string } => {
    const acc = accounts.get(key);
    if (!acc) throw new ClewError('INVALID_ARGUMENT', 'reference to an unknown account', { where, key: key.slice(0, 80) });
    return acc;
  };
  for (const msg of input.messages ?? []) {
    const from = account(msg.from, `message ${msg.key}`);
    const to = msg.to.map((k) => account(k, `message ${msg.key}`));
    out.push({
      id: ftmId('Message', msg.key),
      schema: 'Message',
      properties: props([
        ['sender', [from.owner]],
        ['senderAccount', [from.id]],
        ['recipients', to.map((t) => t.owner)],
        ['recipientAccount', to.map((t) => t.id)],
        ['date', [ftmDate(msg.date)]],
        ['bodyText', [msg.body]],
        ['subject', [msg.subject]],
      ]),
    });
  }
  for (const c of input.calls ?? []) {
    const from = account(c.from, `call ${c.key}`);
    const to = account(c.to, `call ${c.key}`);
    out.push({
      id: ftmId('Call', c.key),
      schema: 'Call',
      properties: props([
        ['caller', [from.owner]],
        ['callerNumber', [from.phone]],
        ['receiver', [to.owner]],
        ['receiverNumber', [to.phone]],
        ['date', [ftmDate(c.date)]],
        ['duration', [c.duration === undefined ? undefined : String(c.duration)]],
      ]),
    });
  }
  return out;
}

/** One JSON object per line. */
export function toFtmNdjson(input: FtmInput): string {
  return toFtmEntities(input)
    .map((e) => JSON.stringify(e))
    .join('\n')
    .concat('\n');
}
