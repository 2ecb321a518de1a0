/** A small resolver input: OLD rotates to NEW (same contacts, names, IMEI, an announcement); X is someone else. */
import type { HandleInfo, ResolveInput } from '../types.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2021, 0, 1);
const hours = (peak: number): number[] => Array.from({ length: 24 }, (_, h) => (Math.abs(h - peak) <= 2 ? 10 : 1));

export function handle(id: number, first: number, last: number, extra: Partial<HandleInfo> = {}): HandleInfo {
  return { id, ref: `skyecc:${id}`, handle: `H${id}`, displayName: null, first: T0 + first * DAY, last: T0 + last * DAY, messages: 40, hours: hours(14), meanLength: 30, ...extra };
}

export const OLD = 1;
export const NEW = 2;
export const X = 3;
export const CONTACTS = [10, 11, 12, 13, 14];

export function fixture(): ResolveInput {
  const handles = [
    handle(OLD, 0, 30, { displayName: 'Đorđević' }),
    handle(NEW, 32, 90, { handle: '7B1D22' }),
    handle(X, 0, 90, { displayName: 'Jansen', hours: hours(3), meanLength: 80 }),
    ...CONTACTS.map((c) => handle(c, 0, 90)),
  ];
  const links = [...CONTACTS.map((c) => ({ a: OLD, b: c, count: 5 })), ...CONTACTS.slice(0, 4).map((c) => ({ a: NEW, b: c, count: 5 })), ...CONTACTS.slice(2).map((c) => ({ a: X, b: c, count: 3 }))];
  const contacts = [
    { owner: 10, contact: OLD, name: 'Kum Đorđević' },
    { owner: 10, contact: NEW, name: 'Кум Ђорђевић' },
    { owner: 11, contact: OLD, name: 'Kum' },
    { owner: 11, contact: NEW, name: 'Kum' },
    { owner: 12, contact: X, name: 'Bas Jansen' },
    { owner: 13, contact: X, name: 'Jansen' },
  ];
  return {
    handles, links, contacts,
    identifiers: [
      { account: OLD, type: 'imei', value: '356938035643809', messageId: null },
      { account: NEW, type: 'imei', value: '356938035643809', messageId: null },
    ],
    statements: [
      { id: 501, sender: NEW, recipients: [10], ts: T0 + 32 * DAY + 3600_000, body: 'Brate ovo je moj novi broj' },
      { id: 502, sender: 11, recipients: [12], ts: T0 + 33 * DAY, body: 'Ovo je novi PIN od Kum: 7B1D22' },
    ],
    members: [],
    rejected: [],
  };
}
