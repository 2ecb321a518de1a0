import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../api/ingest.js';
import { jsonl, msg, useTmp } from '../../api/test-support/tmp.js';
import { ClewError } from '../../model/errors.js';
import { openSqliteCase } from './store.js';

const tmp = useTmp();
const A = 'skyecc:AAAAAA';
const B = 'skyecc:BBBBBB';
const C = 'skyecc:CCCCCC';
const D = 'skyecc:DDDDDD';

/** A writes to B three times (one exact duplicate), B once back, C once to A in a group; calls A→C, C→A, B→A. */
async function sampleCase() {
  const d = tmp();
  const f = join(d, 'a.jsonl');
  writeFileSync(
    f,
    jsonl([
      { type: 'account', ref: A, kind: 'pin', display_name: 'Kum' },
      { type: 'account', ref: B, kind: 'pin', display_name: 'Brat' },
      { type: 'contact', owner: B, contact: A, name: 'Kum "Stari"' },
      { type: 'contact', owner: C, contact: A, name: 'Kum "Stari"' },
      { type: 'contact', owner: D, contact: A, name: 'Šef' },
      { type: 'device', account: A, identifiers: { imei: '356938035643809', phone: '+381641234567' } },
      { type: 'conversation', ref: 'grp-1', title: 'Luka <b>', members: [A, C, D] },
      msg(A, B, '2021-02-01T10:00:00Z', 'plati na RS35260005601001611379 danas'),
      msg(A, B, '2021-02-01T10:00:00Z', 'plati na RS35260005601001611379 danas'), // exact duplicate
      msg(A, B, '2021-02-02T10:00:00Z', 'opet RS35260005601001611379 i kontejner MSCU1234566'),
      msg(B, A, '2021-02-03T10:00:00Z', 'primio, zovi +381641234567'),
      { type: 'message', from: C, conversation: 'grp-1', ts: '2021-02-04T10:00:00Z', body: 'sastanak sutra' },
      { type: 'message', from: A, conversation: 'grp-1', ts: '2021-02-05T10:00:00Z', body: 'dobro' },
      { type: 'call', from: A, to: C, ts: '2021-01-30T08:00:00Z', duration: 60 },
      { type: 'call', from: C, to: A, ts: '2021-02-06T08:00:00Z', duration: 30 },
      { type: 'call', from: B, to: A, ts: '2021-02-06T09:00:00Z', duration: 0 },
      { type: 'location', kind: 'antenna', lat: 44.8, lon: 20.46, account: A, ts: '2021-02-01T10:00:00Z', label: 'Beograd <i>' },
      { type: 'location', kind: 'antenna', lat: 44.8, lon: 20.46, account: A, ts: '2021-02-02T10:00:00Z', label: 'Beograd <i>' },
      { type: 'location', kind: 'antenna', lat: 51.2, lon: 4.4, account: B, label: 'Antwerpen' },
    ]),
  );
  const store = openSqliteCase(join(d, 'c.clew'), { create: true, threadedWriter: false });
  await ingestFile(store, f, { defaultRegion: 'RS' });
  const id = (ref: string) => store.resolveAccounts(ref)[0]!.id;
  return { store, id };
}

describe('SqliteCaseStore.dossier', () => {
  it('counts what the account did, duplicates left out, with first and last activity', async () => {
    const { store, id } = await sampleCase();
    const d = store.dossier([id(A)]);
    expect(d.accounts.map((a) => a.ref)).toEqual([A]);
    // received: B's message and C's message to the group A is in
    expect(d.activity).toMatchObject({ sent: 3, received: 2, callsMade: 1, callsReceived: 2 });
    expect(d.activity.channels).toEqual([{ channel: 'chat', sent: 3, received: 2 }]);
    expect(d.activity.first).toBe(Date.parse('2021-01-30T08:00:00Z'));
    expect(d.activity.last).toBe(Date.parse('2021-02-06T09:00:00Z'));
    store.close();
  });

  it('ranks contacts by messages and calls both ways', async () => {
    const { store, id } = await sampleCase();
    const d = store.dossier([id(A)]);
    const rows = d.contacts.map((c) => [c.account.ref, c.sent, c.received, c.calls, c.total]);
    // B: 2 sent (duplicate left out) + 1 received + 1 call; C: one group message each way + 2 calls; D: A's group message
    expect(rows[0]).toEqual([B, 2, 1, 1, 4]);
    expect(rows).toContainEqual([C, 1, 1, 2, 4]);
    expect(rows).toContainEqual([D, 1, 0, 0, 1]);
    expect(d.contactsTotal).toBe(3);
    expect(d.contacts.find((c) => c.account.ref === B)!.first).toBe(Date.parse('2021-02-01T10:00:00Z'));
    store.close();
  });

  it('lists the names others saved, devices, conversations, entities and places', async () => {
    const { store, id } = await sampleCase();
    const d = store.dossier([id(A)]);
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
    store.close();
  });

  it('spans several accounts as one subject (a person later) and caps the lists', async () => {
    const { store, id } = await sampleCase();
    const d = store.dossier([id(A), id(B)], { contacts: 1, entitiesPerType: 1 });
    expect(d.accounts.map((a) => a.ref)).toEqual([A, B]);
    // communication between the two is inside the subject: not a contact, not "received"
    expect(d.contacts.map((c) => c.account.ref)).toEqual([C]);
    expect(d.contactsTotal).toBe(2);
    expect(d.activity).toMatchObject({ sent: 4, received: 1, callsMade: 2, callsReceived: 1 });
    expect(d.entities.find((e) => e.type === 'phone')!.rows).toHaveLength(1);
    store.close();
  });

  it('is NOT_FOUND for unknown accounts', async () => {
    const { store } = await sampleCase();
    let code: string | undefined;
    try {
      store.dossier([987654321]);
    } catch (e) {
      code = (e as ClewError).code;
    }
    expect(code).toBe('NOT_FOUND');
    store.close();
  });
});
