import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClewError } from '../../model/errors.js';
import type { ClewRecord } from '../../model/records.js';
import { openSqliteCase } from './store.js';
import { analyserFor } from '../conformance/support.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const t = (iso: string) => ({ ts: Date.parse(iso), tzOffset: 0 });
const msg = (from: string, to: string, iso: string, body: string): ClewRecord => ({ type: 'message', from, to: [to], channel: 'chat', body, ...t(iso) });
const call = (from: string, to: string, iso: string, duration: number): ClewRecord => ({ type: 'call', from, to, duration, ...t(iso) });
const A = 'skyecc:AAAAAA';
const B = 'skyecc:BBBBBB';
const C = 'skyecc:CCCCCC';
const D = 'skyecc:DDDDDD';

/** A writes to B three times (one exact duplicate), B once back, C once to A in a group; calls A→C, C→A, B→A. */
async function sampleCase() {
  const d = mkdtempSync(join(tmpdir(), 'clew-dossier-'));
  dirs.push(d);
  const records: ClewRecord[] = [
      { type: 'account', ref: A, kind: 'pin', displayName: 'Kum' },
      { type: 'account', ref: B, kind: 'pin', displayName: 'Brat' },
      { type: 'contact', owner: B, contact: A, name: 'Kum "Stari"' },
      { type: 'contact', owner: C, contact: A, name: 'Kum "Stari"' },
      { type: 'contact', owner: D, contact: A, name: 'Šef' },
      { type: 'device', account: A, identifiers: { imei: '356938035643809', phone: '+381641234567' } },
      { type: 'conversation', ref: 'grp-1', title: 'Luka <b>', members: [A, C, D] },
      msg(A, B, '2021-02-01T10:00:00Z', 'plati na RS35260005601001611379 danas'),
      msg(A, B, '2021-02-01T10:00:00Z', 'plati na RS35260005601001611379 danas'), // exact duplicate
      msg(A, B, '2021-02-02T10:00:00Z', 'opet RS35260005601001611379 i kontejner MSCU1234566'),
      msg(B, A, '2021-02-03T10:00:00Z', 'primio, zovi +381641234567'),
      { type: 'message', from: C, to: [], conversation: 'grp-1', channel: 'chat', body: 'sastanak sutra', ...t('2021-02-04T10:00:00Z') },
      { type: 'message', from: A, to: [], conversation: 'grp-1', channel: 'chat', body: 'dobro', ...t('2021-02-05T10:00:00Z') },
      call(A, C, '2021-01-30T08:00:00Z', 60),
      call(C, A, '2021-02-06T08:00:00Z', 30),
      call(B, A, '2021-02-06T09:00:00Z', 0),
      { type: 'location', kind: 'antenna', lat: 44.8, lon: 20.46, account: A, ts: Date.parse('2021-02-01T10:00:00Z'), label: 'Beograd <i>' },
      { type: 'location', kind: 'antenna', lat: 44.8, lon: 20.46, account: A, ts: Date.parse('2021-02-02T10:00:00Z'), label: 'Beograd <i>' },
      { type: 'location', kind: 'antenna', lat: 51.2, lon: 4.4, account: B, label: 'Antwerpen' },
  ];
  const store = openSqliteCase(join(d, 'c.clew'), { create: true, threadedWriter: false });
  const w = await store.beginSource({ path: join(d, 'a.jsonl'), name: 'a.jsonl', size: 1, sha256: 'a'.repeat(64), format: 'canonical', options: {} });
  await w.writeBatch(
    (await analyserFor(store))(records.map((record, i) => ({ kind: 'record', record, locator: { line: i + 1 } }))),
    { offset: null, line: records.length + 1, itemsDone: records.length },
  );
  await w.finish();
  const ids = new Map<string, number>();
  for await (const chunk of store.accounts()) for (const a of chunk) ids.set(a.ref, a.id);
  const id = (ref: string) => ids.get(ref)!;
  return { store, id };
}

describe('SqliteCaseStore.dossier', () => {
  it('counts what the account did, duplicates left out, with first and last activity', async () => {
    const { store, id } = await sampleCase();
    const d = await store.dossier([id(A)]);
    expect(d.accounts.map((a) => a.ref)).toEqual([A]);
    // received: B's message and C's message to the group A is in
    expect(d.activity).toMatchObject({ sent: 3, received: 2, callsMade: 1, callsReceived: 2 });
    expect(d.activity.channels).toEqual([{ channel: 'chat', sent: 3, received: 2 }]);
    expect(d.activity.first).toBe(Date.parse('2021-01-30T08:00:00Z'));
    expect(d.activity.last).toBe(Date.parse('2021-02-06T09:00:00Z'));
    await store.close();
  });

  it('ranks contacts by messages and calls both ways', async () => {
    const { store, id } = await sampleCase();
    const d = await store.dossier([id(A)]);
    const rows = d.contacts.map((c) => [c.account.ref, c.sent, c.received, c.calls, c.total]);
    // B: 2 sent (duplicate left out) + 1 received + 1 call; C: one group message each way + 2 calls; D: A's group message
    expect(rows[0]).toEqual([B, 2, 1, 1, 4]);
    expect(rows).toContainEqual([C, 1, 1, 2, 4]);
    expect(rows).toContainEqual([D, 1, 0, 0, 1]);
    expect(d.contactsTotal).toBe(3);
    expect(d.contacts.find((c) => c.account.ref === B)!.first).toBe(Date.parse('2021-02-01T10:00:00Z'));
    await store.close();
  });

  it('lists the names others saved, devices, conversations, entities and places', async () => {
    const { store, id } = await sampleCase();
    const d = await store.dossier([id(A)]);
    expect(d.savedAs.map((s) => [s.name, s.owners])).toEqual([
      ['Kum "Stari"', 2],
      ['Šef', 1],
    ]);
    expect(d.savedAs[0]!.by.map((a) => a.ref).sort()).toEqual([B, C]);
    expect(d.devices.map((x) => [x.key, x.value])).toEqual([
      ['imei', '356938035643809'],
      ['phone', '+381641234567'],
    ]);
    expect(d.conversations.map((c) => [c.title, c.members, c.sent])).toContainEqual(['Luka <b>', 3, 1]);
    const iban = d.entities.find((e) => e.type === 'iban')!;
    expect(iban.rows).toEqual([
      { value: 'RS35260005601001611379', mentions: 2, messages: 2, first: Date.parse('2021-02-01T10:00:00Z'), last: Date.parse('2021-02-02T10:00:00Z') },
    ]);
    expect(d.entities.map((e) => e.type)).toContain('container');
    // the phone number was written by B, not A
    expect(d.entities.find((e) => e.type === 'phone')).toBeUndefined();
    expect(d.places).toEqual([{ kind: 'antenna', label: 'Beograd <i>', lat: 44.8, lon: 20.46, count: 2, first: Date.parse('2021-02-01T10:00:00Z'), last: Date.parse('2021-02-02T10:00:00Z') }]);
    await store.close();
  });

  it('spans several accounts as one subject (a person later) and caps the lists', async () => {
    const { store, id } = await sampleCase();
    const d = await store.dossier([id(A), id(B)], { contacts: 1, entitiesPerType: 1 });
    expect(d.accounts.map((a) => a.ref)).toEqual([A, B]);
    // communication between the two is inside the subject: not a contact, not "received"
    expect(d.contacts.map((c) => c.account.ref)).toEqual([C]);
    expect(d.contactsTotal).toBe(2);
    expect(d.activity).toMatchObject({ sent: 4, received: 1, callsMade: 2, callsReceived: 1 });
    expect(d.entities.find((e) => e.type === 'phone')!.rows).toHaveLength(1);
    await store.close();
  });

  it('is NOT_FOUND for unknown accounts', async () => {
    const { store } = await sampleCase();
    let code: string | undefined;
    try {
      await store.dossier([987654321]);
    } catch (e) {
      code = (e as ClewError).code;
    }
    expect(code).toBe('NOT_FOUND');
    await store.close();
  });
});
