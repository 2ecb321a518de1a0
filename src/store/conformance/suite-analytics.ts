/**
 * The conformance suite's analytics part: activity over time, dossiers, places on the map and
 * identity decisions, each on a case of its own (see suite.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import type { CaseStore } from '../types.js';
import { type CaseFactory, type TestCase, DAY, HOUR, call, codeOf, collect, filters, ingest, msg, query } from './support.js';

/** A case of `records`, and of `second` as a second source when given. */
function caseOf(factory: CaseFactory, records: ClewRecord[], analyse: boolean, second?: ClewRecord[]): { store: () => CaseStore; id: (ref: string) => Promise<number> } {
  let tc: TestCase | undefined;
  beforeAll(async () => {
    tc = await factory();
    await ingest(tc.store, records, { analyse });
    if (second) await ingest(tc.store, second, { analyse, sha: 'b', name: 'second.jsonl' });
  }, 120_000);
  afterAll(async () => {
    await tc?.cleanup();
  });
  return {
    store: () => tc!.store,
    id: async (ref) => {
      const found = await tc!.store.resolveAccounts(ref);
      expect(found.map((a) => a.ref)).toEqual([ref]);
      return found[0]!.id;
    },
  };
}

// ------------------------------------------------------------------------------ activity

const T0 = Date.UTC(2021, 2, 1, 9); // a Monday, 09:00 UTC
const R = (x: string) => `sky:${x}`;

/** Messages over three days, a group message to two, calls both ways, one exact duplicate, a conversation. */
function activityRecords(): { records: ClewRecord[]; expect: { kind: 'm' | 'c'; ts: number; who: string[]; conv?: string }[] } {
  const records: ClewRecord[] = [{ type: 'conversation', ref: 'g1', title: 'group' }];
  const expected: { kind: 'm' | 'c'; ts: number; who: string[]; conv?: string }[] = [];
  const m = (from: string, to: string[], ts: number, body: string, conv?: string) => {
    records.push(msg(R(from), to.map(R), ts, body, conv ? { conversation: conv } : {}));
    expected.push({ kind: 'm', ts, who: [from, ...to], conv });
  };
  m('a', ['b'], T0, 'one');
  m('b', ['a'], T0 + 30 * 60_000, 'two');
  m('a', ['b', 'c'], T0 + 2 * HOUR, 'group', 'g1');
  m('c', ['a', 'b'], T0 + DAY + 5 * HOUR, 'group reply', 'g1');
  m('c', ['d'], T0 + 2 * DAY, 'other');
  records.push(msg(R('c'), [R('d')], T0 + 2 * DAY, 'other')); // a duplicate, never counted
  records.push(call(R('a'), R('d'), T0 + HOUR, 20));
  expected.push({ kind: 'c', ts: T0 + HOUR, who: ['a', 'd'] });
  records.push(call(R('d'), R('b'), T0 + 2 * DAY + HOUR, 20));
  expected.push({ kind: 'c', ts: T0 + 2 * DAY + HOUR, who: ['d', 'b'] });
  return { records, expect: expected };
}

/** The counts straight from the record list: [bucket, n] ascending. */
function expectedCounts(bucketMs: number, kind: 'm' | 'c', keep: (r: ReturnType<typeof activityRecords>['expect'][number]) => boolean): [number, number][] {
  const m = new Map<number, number>();
  for (const r of activityRecords().expect) if (r.kind === kind && keep(r)) m.set(Math.floor(r.ts / bucketMs), (m.get(Math.floor(r.ts / bucketMs)) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}

export function describeActivity(factory: CaseFactory): void {
  describe('activity', () => {
    const c = caseOf(factory, activityRecords().records, false);
    const s = () => c.store();

    it('counts the whole case per day and per hour, duplicates left out', async () => {
      expect((await s().stats()).duplicates).toBe(1);
      for (const b of [DAY, HOUR]) {
        const a = await s().activity({ bucketMs: b });
        expect(a.messages).toEqual(expectedCounts(b, 'm', () => true));
        expect(a.calls).toEqual(expectedCounts(b, 'c', () => true));
      }
      expect((await s().activity({ bucketMs: DAY })).messages).toEqual([
        [Math.floor(T0 / DAY), 3],
        [Math.floor(T0 / DAY) + 1, 1],
        [Math.floor(T0 / DAY) + 2, 1],
      ]);
    });

    it('keeps to [after, before)', async () => {
      const a = await s().activity({ bucketMs: HOUR, after: T0 + 30 * 60_000, before: T0 + 2 * DAY });
      expect(a.messages).toEqual(expectedCounts(HOUR, 'm', (r) => r.ts >= T0 + 30 * 60_000 && r.ts < T0 + 2 * DAY));
      expect(a.calls).toEqual([[Math.floor((T0 + HOUR) / HOUR), 1]]);
    });

    it('counts what accounts sent or received, each message and call once', async () => {
      for (const set of [['a'], ['b'], ['d'], ['a', 'b'], ['a', 'b', 'c', 'd']]) {
        const ids = await Promise.all(set.map((x) => c.id(R(x))));
        const a = await s().activity({ bucketMs: DAY, accounts: ids });
        const touches = (r: { who: string[] }) => r.who.some((w) => set.includes(w));
        expect(a.messages, set.join()).toEqual(expectedCounts(DAY, 'm', touches));
        expect(a.calls, set.join()).toEqual(expectedCounts(DAY, 'c', touches));
      }
    });

    it('counts a conversation, without calls', async () => {
      const hit = (await s().search(filters({ after: T0 + 2 * HOUR, before: T0 + 2 * HOUR + 1 }), { limit: 1 })).hits[0]!;
      const a = await s().activity({ bucketMs: DAY, conversation: hit.conversationId! });
      expect(a.messages).toEqual(expectedCounts(DAY, 'm', (r) => r.conv === 'g1'));
      expect(a.calls).toEqual([]);
      expect((await s().activity({ bucketMs: DAY, conversation: 999_999 })).messages).toEqual([]);
    });

    it('refuses other buckets and bad bounds', async () => {
      expect(await codeOf(s().activity({ bucketMs: 60_000 }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(s().activity({ bucketMs: DAY, after: -1 }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(s().activity({ bucketMs: DAY, before: 0.5 }))).toBe('INVALID_ARGUMENT');
    });
  });
}

// ------------------------------------------------------------------------------ dossier

const t = (iso: string) => Date.parse(iso);
const DA = 'skyecc:AAAAAA';
const DB = 'skyecc:BBBBBB';
const DC = 'skyecc:CCCCCC';
const DD = 'skyecc:DDDDDD';
const IBAN = 'RS35260005601001611379';

/** A writes to B three times (one exact duplicate), B once back, C once to A in a group; calls A→C, C→A, B→A. */
const DOSSIER_RECORDS: ClewRecord[] = [
  { type: 'account', ref: DA, kind: 'pin', displayName: 'Kum' },
  { type: 'account', ref: DB, kind: 'pin', displayName: 'Brat' },
  { type: 'contact', owner: DB, contact: DA, name: 'Kum "Stari"' },
  { type: 'contact', owner: DC, contact: DA, name: 'Kum "Stari"' },
  { type: 'contact', owner: DD, contact: DA, name: 'Šef' },
  { type: 'device', account: DA, identifiers: { imei: '356938035643809', phone: '+381641234567' } },
  { type: 'conversation', ref: 'grp-1', title: 'Luka <b>', members: [DA, DC, DD] },
  msg(DA, [DB], t('2021-02-01T10:00:00Z'), `plati na ${IBAN} danas`),
  msg(DA, [DB], t('2021-02-01T10:00:00Z'), `plati na ${IBAN} danas`), // exact duplicate
  msg(DA, [DB], t('2021-02-02T10:00:00Z'), `opet ${IBAN} i kontejner MSCU1234566`),
  msg(DB, [DA], t('2021-02-03T10:00:00Z'), 'primio, zovi +381641234567'),
  msg(DC, [], t('2021-02-04T10:00:00Z'), 'sastanak sutra', { conversation: 'grp-1' }),
  msg(DA, [], t('2021-02-05T10:00:00Z'), 'dobro', { conversation: 'grp-1' }),
  call(DA, DC, t('2021-01-30T08:00:00Z'), 60),
  call(DC, DA, t('2021-02-06T08:00:00Z'), 30),
  call(DB, DA, t('2021-02-06T09:00:00Z'), 0),
  { type: 'location', kind: 'antenna', lat: 44.8, lon: 20.46, account: DA, ts: t('2021-02-01T10:00:00Z'), label: 'Beograd <i>' },
  { type: 'location', kind: 'antenna', lat: 44.8, lon: 20.46, account: DA, ts: t('2021-02-02T10:00:00Z'), label: 'Beograd <i>' },
  { type: 'location', kind: 'antenna', lat: 51.2, lon: 4.4, account: DB, label: 'Antwerpen' },
];

/**
 * A second source (a phone extraction) records A's IMEI again, spelled otherwise (with a label, with
 * separators, without its check digit), and the same IMEI for B: one device, not four rows.
 */
const DOSSIER_SECOND_SOURCE: ClewRecord[] = [
  { type: 'device', account: DA, identifiers: { IMEI: 'IMEI: 35-693803-564380-9', imsi: '220 01 1234567890' } },
  { type: 'device', account: DA, identifiers: { imei: '35693803564380' } },
  { type: 'device', account: DB, identifiers: { imei: '356938035643809' } },
];

export function describeDossier(factory: CaseFactory): void {
  describe('dossier', () => {
    const c = caseOf(factory, DOSSIER_RECORDS, true, DOSSIER_SECOND_SOURCE);
    const s = () => c.store();

    it('counts what the account did, duplicates left out, with first and last activity', async () => {
      const d = await s().dossier([await c.id(DA)]);
      expect(d.accounts.map((a) => a.ref)).toEqual([DA]);
      // received: B's message and C's message to the group A is in
      expect(d.activity).toMatchObject({ sent: 3, received: 2, callsMade: 1, callsReceived: 2 });
      expect(d.activity.channels).toEqual([{ channel: 'chat', sent: 3, received: 2 }]);
      expect(d.activity.first).toBe(t('2021-01-30T08:00:00Z'));
      expect(d.activity.last).toBe(t('2021-02-06T09:00:00Z'));
    });

    it('ranks contacts by messages and calls both ways', async () => {
      const d = await s().dossier([await c.id(DA)]);
      const rows = d.contacts.map((x) => [x.account.ref, x.sent, x.received, x.calls, x.total]);
      // B: 2 sent (duplicate left out) + 1 received + 1 call; C: one group message each way + 2 calls; D: A's group message
      expect(rows).toEqual([
        [DB, 2, 1, 1, 4],
        [DC, 1, 1, 2, 4],
        [DD, 1, 0, 0, 1],
      ]);
      expect(d.contactsTotal).toBe(3);
      expect(d.contacts[0]).toMatchObject({ first: t('2021-02-01T10:00:00Z'), last: t('2021-02-06T09:00:00Z') });
    });

    it('gives the name directory the one resolver reads: accounts, saved names with phones, device numbers', async () => {
      const dir = await s().identity().names();
      const ref = new Map(dir.accounts.map((a) => [a.id, a.ref]));
      expect(dir.accounts.map((a) => [a.ref, a.displayName])).toEqual([
        [DA, 'Kum'],
        [DB, 'Brat'],
        [DC, null],
        [DD, null],
      ]);
      expect(dir.saved.map((x) => [ref.get(x.contact), x.name, x.owners])).toEqual([
        [DA, 'Kum "Stari"', 2],
        [DA, 'Šef', 1],
      ]);
      expect(dir.phones.map((x) => [ref.get(x.account), x.value])).toEqual([[DA, '+381641234567']]);
    });

    it('reads the saved names of a few accounts only, as the directory counts them', async () => {
      const ix = s().identity();
      const [a, b] = [await c.id(DA), await c.id(DB)];
      const rows = await ix.savedNamesOf([b, a, 987654321, a]);
      expect(rows).toEqual([
        { contact: a, name: 'Kum "Stari"', owners: 2 },
        { contact: a, name: 'Šef', owners: 1 },
      ]);
      expect(rows).toEqual((await ix.names()).saved.filter((x) => x.contact === a || x.contact === b));
      expect(await ix.savedNamesOf([b])).toEqual([]);
      expect(await ix.savedNamesOf([])).toEqual([]);
    });

    it('lists the names others saved, devices, conversations, entities and places', async () => {
      const d = await s().dossier([await c.id(DA)]);
      expect(d.savedAs.map((x) => [x.name, x.owners])).toEqual([
        ['Kum "Stari"', 2],
        ['Šef', 1],
      ]);
      expect(d.savedAs[0]!.by.map((a) => a.ref).sort()).toEqual([DB, DC]);
      // one row per identifier: the IMEI of both sources and three spellings once, with its provenance
      expect(d.devices.map((x) => [x.accounts.map((a) => a.ref), x.key, x.value, x.sources, x.spellings])).toEqual([
        [[DA], 'imei', '356938035643809', 2, ['35693803564380', 'IMEI: 35-693803-564380-9']],
        [[DA], 'imsi', '220011234567890', 1, ['220 01 1234567890']],
        [[DA], 'phone', '+381641234567', 1, []],
      ]);
      expect(d.devices[0]!.account.ref).toBe(DA);
      expect(d.conversations).toEqual([
        { id: expect.any(Number) as number, ref: 'grp-1', title: 'Luka <b>', members: 3, sent: 1, first: t('2021-02-05T10:00:00Z'), last: t('2021-02-05T10:00:00Z'), lastMessage: expect.any(Number) as number },
      ]);
      expect(d.conversationsTotal).toBe(1);
      expect((await s().message(d.conversations[0]!.lastMessage!)).body).toBe('dobro');
      const iban = d.entities.find((e) => e.type === 'iban')!;
      expect(iban).toEqual({ type: 'iban', total: 1, rows: [{ value: IBAN, mentions: 2, messages: 2, first: t('2021-02-01T10:00:00Z'), last: t('2021-02-02T10:00:00Z') }] });
      expect(d.entities.map((e) => e.type)).toContain('container');
      // the phone number was written by B, not A
      expect(d.entities.find((e) => e.type === 'phone')).toBeUndefined();
      expect(d.places).toEqual([{ kind: 'antenna', label: 'Beograd <i>', lat: 44.8, lon: 20.46, count: 2, first: t('2021-02-01T10:00:00Z'), last: t('2021-02-02T10:00:00Z') }]);
    });

    it('spans several accounts as one subject and caps the lists', async () => {
      const d = await s().dossier([await c.id(DA), await c.id(DB)], { contacts: 1, entitiesPerType: 1 });
      expect(d.accounts.map((a) => a.ref)).toEqual([DA, DB]);
      // communication between the two is inside the subject: not a contact, not "received"
      expect(d.contacts.map((x) => x.account.ref)).toEqual([DC]);
      expect(d.contactsTotal).toBe(2);
      expect(d.activity).toMatchObject({ sent: 4, received: 1, callsMade: 2, callsReceived: 1 });
      expect(d.entities.find((e) => e.type === 'phone')!.rows).toHaveLength(1);
      expect(d.places.map((p) => p.label)).toEqual(['Beograd <i>', 'Antwerpen']);
      // the IMEI recorded for both accounts is one device of the subject
      expect(d.devices.filter((x) => x.key === 'imei').map((x) => [x.accounts.map((a) => a.ref), x.value, x.sources])).toEqual([[[DA, DB], '356938035643809', 2]]);
    });

    it('is NOT_FOUND for unknown accounts, INVALID_ARGUMENT past the cap', async () => {
      expect(await codeOf(s().dossier([987654321]))).toBe('NOT_FOUND');
      expect(await codeOf(s().dossier(Array.from({ length: 501 }, (_, i) => i + 1)))).toBe('INVALID_ARGUMENT');
    });
  });
}

// ------------------------------------------------------------------------------ places on the map

const MAP_XSS = '<img src=x onerror=window.__xss=5>';
const MA = 'skyecc:AAA111';
const MB = 'skyecc:BBB222';
const MC = 'skyecc:CCC333';
const day = (d: number) => Date.UTC(2021, 2, d, 10, 0);
const mapMsg = (nativeId: string, from: string, d: number, body: string, to: string[], extra: Partial<Extract<ClewRecord, { type: 'message' }>> = {}): ClewRecord =>
  msg(from, to, day(d), body, { nativeId, ...extra });

/** A shipment conversation naming Guayaquil, Lomé and Antwerp, a pair whose place mentions are 25 days apart, coordinates, location records. */
const MAP_RECORDS: ClewRecord[] = [
  { type: 'account', ref: MA, kind: 'pin', displayName: `Kum ${MAP_XSS}` },
  { type: 'account', ref: MB, kind: 'pin', displayName: 'Supplier' },
  { type: 'account', ref: MC, kind: 'pin', displayName: 'Buyer' },
  { type: 'conversation', ref: 'ship-1', title: 'load', members: [MA, MB] },
  mapMsg('m1', MB, 1, 'The load leaves from Guayaquil next week', [], { conversation: 'ship-1' }),
  mapMsg('m2', MA, 2, 'Good, Guayaquil people are ready? I am still in Belgrade', [], { conversation: 'ship-1' }),
  mapMsg('m3', MB, 4, 'It goes via Lomé, the port there is easy', [], { conversation: 'ship-1' }),
  mapMsg('m4', MB, 9, 'Container arrives in Antwerp on Friday', [], { conversation: 'ship-1' }),
  mapMsg('m5', MA, 10, 'Back in Guayaquil they want the money', [], { conversation: 'ship-1' }),
  mapMsg('m6', MA, 3, 'meet me in Rotterdam', [MC]),
  mapMsg('m7', MC, 28, 'the people from Santos called', [MA]),
  mapMsg('m8', MC, 5, 'I am here 44.8125, 20.4612 come now', [MA]),
  mapMsg('m9', MA, 6, 'https://www.google.com/maps/@51.2194,4.4025,15z', [MC], { attachments: ['att-1'] }),
  { type: 'attachment', nativeId: 'att-1', message: 'm9', filename: 'photo.jpg', mime: 'image/jpeg' },
  { type: 'location', kind: 'exif', lat: 51.2, lon: 4.4, attachment: 'att-1' },
  { type: 'location', kind: 'shared', lat: 44.8125, lon: 20.4612, account: MC, message: 'm8', ts: day(5) },
  { type: 'location', kind: 'antenna', lat: 45.25, lon: 19.84, account: MA, ts: day(7), label: `cell ${MAP_XSS}` },
  { type: 'location', kind: 'antenna', lat: 45.25, lon: 19.84, account: MA, ts: day(8), label: `cell ${MAP_XSS}` },
];

export function describeGeo(factory: CaseFactory): void {
  describe('places on the map', () => {
    const c = caseOf(factory, MAP_RECORDS, true);
    const s = () => c.store();

    it('aggregates places, coordinates and location records, each with the records behind it', async () => {
      const pts = await s().geo().points({}, { limit: 100, evidence: 10 });
      const by = new Map(pts.map((p) => [p.key, p]));
      expect([...by.keys()].sort()).toEqual(
        [
          'antenna:45.25,19.84', 'coordinate:44.8125,20.4612', 'coordinate:51.2194,4.4025', 'exif:51.2,4.4', 'place:be-antwerp',
          'place:br-santos', 'place:ec-guayaquil', 'place:nl-rotterdam', 'place:rs-belgrade', 'place:tg-lome', 'shared:44.8125,20.4612',
        ].sort(),
      );
      const g = by.get('place:ec-guayaquil')!;
      expect(g).toMatchObject({ kind: 'place', label: 'Guayaquil, EC', count: 3, messages: 3, first: day(1), last: day(10) });
      expect(g.lat).toBeCloseTo(-2.19, 1);
      // the evidence is the three messages, newest first, each one readable and naming the place
      expect(g.evidence.map((e) => e.ts)).toEqual([day(10), day(2), day(1)]);
      for (const e of g.evidence) expect((await s().message(e.messageId!)).body).toContain('Guayaquil');
      expect(g.evidence.map((e) => e.account!.ref)).toEqual([MA, MA, MB]);
      expect(g.evidence.map((e) => e.locator.line)).toEqual([9, 6, 5]);
      // location records: the antenna's two records by their locators, hostile label kept as data
      const ant = by.get('antenna:45.25,19.84')!;
      expect(ant).toMatchObject({ kind: 'antenna', lat: 45.25, lon: 19.84, count: 2, messages: 0, label: `cell ${MAP_XSS}`, first: day(7), last: day(8) });
      expect(ant.evidence.map((e) => e.locator.line)).toEqual([18, 17]);
      expect(ant.evidence.every((e) => e.messageId === null && e.account?.ref === MA)).toBe(true);
      // shared location tied to its message; EXIF position tied to its attachment's message
      expect((await s().message(by.get('shared:44.8125,20.4612')!.evidence[0]!.messageId!)).body).toContain('44.8125');
      expect((await s().message(by.get('exif:51.2,4.4')!.evidence[0]!.messageId!)).body).toContain('google.com/maps');
      expect(by.get('exif:51.2,4.4')!.evidence[0]!.account).toBeNull();
      // most counted first, then by key
      expect(pts.map((p) => p.count)).toEqual([...pts.map((p) => p.count)].sort((x, y) => y - x));
      expect(pts[0]!.key).toBe('place:ec-guayaquil');
      expect((await s().geo().points({}, { limit: 2, evidence: 0 })).map((p) => [p.key, p.evidence])).toEqual([
        ['place:ec-guayaquil', []],
        ['antenna:45.25,19.84', []],
      ]);
    });

    it('filters by account, time, kind and key', async () => {
      const keys = async (f: Parameters<ReturnType<CaseStore['geo']>['points']>[0], key?: string) =>
        (await s().geo().points(f, { limit: 100, evidence: 0, ...(key !== undefined ? { key } : {}) })).map((p) => `${p.key}=${p.count}`).sort();
      expect(await keys({ account: MC, kinds: ['place', 'coordinate', 'shared', 'antenna'] })).toEqual(
        ['coordinate:44.8125,20.4612=1', 'coordinate:51.2194,4.4025=1', 'place:br-santos=1', 'place:nl-rotterdam=1', 'shared:44.8125,20.4612=1'].sort(),
      );
      // the time range bounds mentions and records: [Mar 2, Mar 9)
      expect(await keys({ after: day(2), before: day(9), kinds: ['place', 'antenna'] })).toEqual([
        'antenna:45.25,19.84=2', 'place:ec-guayaquil=1', 'place:nl-rotterdam=1', 'place:rs-belgrade=1', 'place:tg-lome=1',
      ]);
      expect(await keys({ before: day(2) }, 'place:ec-guayaquil')).toEqual(['place:ec-guayaquil=1']);
      expect(await keys({}, 'antenna:45.25,19.84')).toEqual(['antenna:45.25,19.84=2']);
      expect(await keys({}, 'coordinate:44.8125,20.4612')).toEqual(['coordinate:44.8125,20.4612=1']);
      expect(await keys({}, 'place:nowhere')).toEqual([]);
      expect(await codeOf(keys({ account: 'skyecc:NOPE' }))).toBe('NOT_FOUND');
      for (const bad of ['be-antwerp', 'nowhere:x', 'place:', 'antenna:north', 'coordinate:1,2,3']) expect(await codeOf(keys({}, bad)), bad).toBe('INVALID_ARGUMENT');
    });

    it('lists place mentions with their thread, in time order', async () => {
      const ms = await collect(s().geo().placeMentions({}));
      expect(ms.map((m) => m.placeId)).toEqual(['ec-guayaquil', 'ec-guayaquil', 'rs-belgrade', 'nl-rotterdam', 'tg-lome', 'be-antwerp', 'ec-guayaquil', 'br-santos']);
      expect(ms.map((m) => m.ts)).toEqual([day(1), day(2), day(2), day(3), day(4), day(9), day(10), day(28)]);
      expect(ms.filter((m) => !m.port).map((m) => m.placeId)).toEqual(['rs-belgrade']);
      expect(ms[0]).toMatchObject({ name: 'Guayaquil' });
      const threads = ms.map((m) => m.thread);
      expect(new Set(threads.filter((x) => x.startsWith('c'))).size).toBe(1); // the conversation
      expect(threads[3]).toBe(threads[7]); // A→C and C→A: one pair thread
      expect(threads[3]).toMatch(/^p[0-9]+-[0-9]+$/);
      expect((await collect(s().geo().placeMentions({ account: MC }))).map((m) => m.placeId)).toEqual(['nl-rotterdam', 'br-santos']);
      expect((await collect(s().geo().placeMentions({ after: day(3), before: day(10) }))).map((m) => m.placeId)).toEqual(['nl-rotterdam', 'tg-lome', 'be-antwerp']);
    });
  });
}

// ------------------------------------------------------------------------------ identity

const OLD = 'skyecc:A00001';
const NEW = 'skyecc:A00002';
const IC = 'skyecc:C00001';
const ID = 'skyecc:D00001';

const IDENTITY_RECORDS: ClewRecord[] = [
  { type: 'account', ref: OLD, kind: 'pin', displayName: 'Đorđević' },
  { type: 'account', ref: NEW, kind: 'pin' },
  { type: 'contact', owner: IC, contact: OLD, name: 'Đorđević' },
  { type: 'contact', owner: IC, contact: NEW, name: 'Ђорђевић' },
  { type: 'device', account: OLD, identifiers: { imei: '356938035643809' } },
  { type: 'device', account: NEW, identifiers: { imei: '356938035643809' } },
  msg(OLD, [IC], t('2021-01-05T10:00:00Z'), 'kafa sutra'),
  msg(OLD, [ID], t('2021-01-06T10:00:00Z'), 'ok'),
  msg(NEW, [IC], t('2021-01-09T10:00:00Z'), 'Brate ovo je moj novi broj'),
  msg(NEW, [ID], t('2021-01-10T10:00:00Z'), 'ok'),
];

export function describeIdentity(factory: CaseFactory): void {
  describe('identity', () => {
    const c = caseOf(factory, IDENTITY_RECORDS, false);
    const s = () => c.store();

    it('loads handles with activity, contacts, links, device identifiers and statement candidates', async () => {
      const [o, n, ic, id] = [await c.id(OLD), await c.id(NEW), await c.id(IC), await c.id(ID)];
      const data = await s().identity().data(['novi broj']);
      expect(data.handles.map((h) => h.id)).toEqual([o, n, ic, id].sort((x, y) => x - y));
      const old = data.handles.find((h) => h.id === o)!;
      expect(old).toMatchObject({ ref: OLD, handle: 'A00001', displayName: 'Đorđević', messages: 2, first: t('2021-01-05T10:00:00Z'), last: t('2021-01-06T10:00:00Z'), meanLength: (10 + 2) / 2 });
      expect(old.hours[10]).toBe(2);
      expect(old.hours.reduce((x, y) => x + y, 0)).toBe(2);
      expect(data.handles.find((h) => h.id === id)).toMatchObject({ messages: 0, first: null, last: null, meanLength: 0 });
      expect(data.contacts.filter((x) => x.owner === ic).map((x) => x.name).sort()).toEqual(['Đorđević', 'Ђорђевић']);
      expect(data.links).toContainEqual({ a: o, b: ic, count: 1 });
      expect(data.links).toHaveLength(4);
      expect(data.identifiers.filter((x) => x.type === 'imei').map((x) => x.account).sort()).toEqual([o, n].sort());
      expect(data.statements.map((x) => [x.sender, x.recipients, x.body])).toEqual([[n, [ic], 'Brate ovo je moj novi broj']]);
      expect((await s().identity().data(['NOVI BROJ', 'kafa sutra'])).statements).toHaveLength(2);
      expect((await s().identity().data([])).statements).toEqual([]);
      expect(data.members).toEqual([]);
      expect(data.rejected).toEqual([]);
    });

    it('reads a few handles only', async () => {
      const [o, ic] = [await c.id(OLD), await c.id(IC)];
      const d = await s().identity().dataFor([o, 987654321]);
      expect(d.handles.map((h) => [h.id, h.messages])).toEqual([[o, 2]]);
      expect(d.contacts.map((x) => [x.owner, x.name])).toEqual([[ic, 'Đorđević']]);
      expect(d.links.map((l) => [l.a, l.b, l.count]).sort()).toEqual([[o, ic, 1], [o, await c.id(ID), 1]].sort());
      expect(d).toMatchObject({ identifiers: [], statements: [], members: [], rejected: [] });
      expect((await s().identity().dataFor([])).handles).toEqual([]);
    });

    it('merges, splits, rejects and unrejects, logging who, when and why; source records untouched', async () => {
      const ix = s().identity();
      const [o, n, ic, id] = [await c.id(OLD), await c.id(NEW), await c.id(IC), await c.id(ID)];
      const before = await s().stats();
      const p = await ix.merge(o, n, { by: 'analyst1', why: 'same IMEI', name: 'Đorđe', at: 1000, score: 0.9, evidence: { imei: 1 } });
      expect(p).toMatchObject({ name: 'Đorđe', createdAt: 1000, createdBy: 'analyst1' });
      expect(p.accounts.map((a) => a.ref)).toEqual([OLD, NEW]);
      expect(await ix.persons()).toEqual([p]);
      expect(await ix.person(p.id)).toEqual(p);
      expect((await ix.members()).get(n)).toEqual({ person: p.id, name: 'Đorđe' });
      expect((await s().identity().data([])).members.sort((x, y) => x.account - y.account)).toEqual([o, n].sort((x, y) => x - y).map((a) => ({ account: a, person: p.id })));
      // person: in search names the person's accounts, by id or by name (any case)
      const sent = async (term: string) => (await s().search(filters({ persons: [term] }), { limit: 10 })).hits.map((h) => h.body);
      expect(await sent(String(p.id))).toEqual(['ok', 'Brate ovo je moj novi broj', 'ok', 'kafa sutra']);
      expect(await sent(`#${p.id}`)).toHaveLength(4);
      expect(await sent('đorđe')).toHaveLength(4);
      expect((await s().search({ ...query('kafa'), persons: ['Đorđe'] }, { limit: 10 })).hits.map((h) => h.body)).toEqual(['kafa sutra']);
      const none = await s().search(filters({ persons: ['nobody'] }), { limit: 10 });
      expect(none).toMatchObject({ hits: [], notes: ['person:nobody matches no person'] });
      // a third account joins the same person; merging again within it only renames
      const p2 = await ix.merge(ic, n, { by: 'analyst1' });
      expect(p2.id).toBe(p.id);
      expect(p2.accounts).toHaveLength(3);
      expect((await ix.merge(o, ic, { by: 'analyst1', name: 'Kum' })).name).toBe('Kum');
      expect(await ix.split(ic, { by: 'analyst2', why: 'wrong' })).toEqual({ person: p.id, remaining: 2 });
      expect(await ix.split(o, { by: 'analyst2' })).toEqual({ person: p.id, remaining: 0 });
      expect(await ix.persons()).toEqual([]);
      expect(await codeOf(ix.split(o, { by: 'x' }))).toBe('NOT_FOUND');
      const rid = await ix.reject(id, n, { by: 'analyst1', why: 'different hours' });
      expect(rid).toEqual(expect.any(Number));
      expect((await s().identity().data([])).rejected).toEqual([[Math.min(id, n), Math.max(id, n)]]);
      expect(await ix.unreject(n, id, { by: 'analyst1' })).toBe(true);
      expect(await ix.unreject(n, id, { by: 'analyst1' })).toBe(false);
      expect((await s().identity().data([])).rejected).toEqual([]);
      // a merge takes back a rejection of the pair
      await ix.reject(o, n, { by: 'analyst1' });
      await ix.merge(n, o, { by: 'analyst1' });
      expect((await s().identity().data([])).rejected).toEqual([]);
      const log = await ix.decisions(20);
      expect(log.map((x) => x.action)).toEqual(['merge', 'reject', 'unreject', 'reject', 'split', 'split', 'merge', 'merge']);
      expect(log.map((x) => x.id)).toEqual([...log.map((x) => x.id)].sort((x, y) => y - x));
      expect(log.at(-1)).toEqual({ id: expect.any(Number) as number, action: 'merge', accounts: [o, n], person: p.id, by: 'analyst1', why: 'same IMEI', at: 1000, score: 0.9 });
      expect(log.find((x) => x.action === 'split')).toMatchObject({ accounts: [o], person: p.id, by: 'analyst2', why: null, score: null });
      expect(await ix.decisions(2)).toHaveLength(2);
      expect(await codeOf(ix.merge(o, o, { by: 'x' }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(ix.merge(o, 987654321, { by: 'x' }))).toBe('NOT_FOUND');
      expect(await codeOf(ix.reject(o, o, { by: 'x' }))).toBe('INVALID_ARGUMENT');
      expect(await codeOf(ix.person(987654321))).toBe('NOT_FOUND');
      const after = await s().stats();
      expect(after.messages).toBe(before.messages);
      expect(after.accounts).toBe(before.accounts);
    });
  });
}
