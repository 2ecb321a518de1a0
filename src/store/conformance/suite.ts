/**
 * The case store conformance suite: every behaviour of a case store, tested once, against any
 * backend. `describeCaseStore(name, factory)` registers the tests; the factory makes a fresh,
 * empty, writable case. Records are written through the SourcePort as ClewRecords built here
 * (no parser), and every expected value is worked out from those records, never taken from one
 * backend's answer. src/store/sqlite/conformance.test.ts and src/store/postgres/conformance.test.ts
 * run it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import type { CaseStore, SearchPage } from '../types.js';
import { type CaseFactory, type TestCase, DAY, HOUR, call, codeOf, collect, filters, ingest, items, meta, msg, query } from './support.js';
import { planCodewords } from '../../text/query/codewords.js';
import { parseQuery } from '../../text/query/parse.js';
import { describeActivity, describeDossier, describeGeo, describeIdentity } from './suite-analytics.js';
import { describeExport } from './suite-export.js';
import { describeWatch } from './suite-watch.js';
import { describeAnnotations } from './suite-annotations.js';
import { describeTranslations } from './suite-translations.js';
import { describeOcr } from './suite-ocr.js';
import { describeGallery } from './suite-gallery.js';
import { describeChanges } from './suite-changes.js';
import { describeCalls } from './suite-calls.js';

export type { CaseFactory, TestCase } from './support.js';

/** A case made once for a describe block (read-mostly tests), closed after it. */
export function sharedCase(factory: CaseFactory, fill: (s: CaseStore) => Promise<void>): { store: () => CaseStore } {
  let tc: TestCase | undefined;
  beforeAll(async () => {
    tc = await factory();
    await fill(tc.store);
  }, 120_000);
  afterAll(async () => {
    await tc?.cleanup();
  });
  return { store: () => tc!.store };
}

// ------------------------------------------------------------------------------ the search case

const T0 = Date.UTC(2021, 2, 1, 8); // 2021-03-01 08:00 UTC
const at = (h: number) => T0 + h * HOUR;
const A = 'sky:ana';
const B = 'sky:boban';
const C = 'sky:ceca';
const D = 'email:dule@example.org';
const E = 'phone:+381641112233';
const IBAN = 'RS35260005601001611379';

/** Bodies by name; every message has its own hour, so newest first is a fixed order. */
const BODY = {
  q1: 'Kafa je stigla u Antwerpen',
  q2: 'Novi broj je ovaj',
  q3: 'Broj novi nemam, kafa kasni',
  q4: 'Ђорђе доноси кафу сутра',
  q5: 'Đorđe zove, KAFA stize',
  q6: 'Djordje ima kontejner MSCU1234566',
  q7: `kontejnera nema, plati na ${IBAN}`,
  q8: 'cena je dobra',
  q9: 'test poruka kafa',
  q11: 'Kafa ili čaj?',
} as const;
type Q = keyof typeof BODY;

const SEARCH_RECORDS: ClewRecord[] = [
  { type: 'account', ref: A, kind: 'pin', displayName: 'Ana' },
  { type: 'account', ref: B, kind: 'pin', displayName: 'Boban' },
  { type: 'account', ref: C, kind: 'pin', displayName: 'Đorđe' },
  { type: 'account', ref: D, kind: 'email' },
  { type: 'account', ref: E, kind: 'phone' },
  { type: 'conversation', ref: 'g1', title: 'Grupa <b>', members: [A, B, C] },
  msg(A, [B], at(1), BODY.q1, { tzOffset: 60, tsLocal: '2021-03-01T10:00:00' }),
  msg(B, [A], at(2), BODY.q2, { edited: true }),
  msg(A, [B, C], at(3), BODY.q3, { conversation: 'g1' }),
  msg(C, [], at(4), BODY.q4, { conversation: 'g1' }),
  msg(A, [C], at(5), BODY.q5),
  msg(B, [C], at(6), BODY.q6, { channel: 'sms' }),
  msg(C, [A], at(7), BODY.q7, { nativeId: 'n7' }),
  { type: 'attachment', nativeId: 'att7', message: 'n7', filename: 'racun.pdf', mime: 'application/pdf', size: 1234 },
  msg(D, [A], at(8), BODY.q8, { channel: 'email', subject: 'Ponuda' }),
  msg(A, [B], at(9), BODY.q9, { deleted: true }),
  msg(A, [B], at(1), BODY.q1), // the same message again (same sender, time, body, recipients): a duplicate
  msg(E, [A], at(10), BODY.q11, { channel: 'sms' }),
  call(A, B, at(1.5), 60),
  call(B, A, at(2.5), 30),
  call(A, B, at(1.5), 60), // a duplicate call
  { type: 'event', kind: 'joined', ts: at(0.5), tzOffset: 0, actor: C, conversation: 'g1', text: 'Ceca joined' },
];
/** The line of each named message in the source (locators are line i + 1). */
const LINE: Record<Q | 'dup', number> = { q1: 7, q2: 8, q3: 9, q4: 10, q5: 11, q6: 12, q7: 13, q8: 15, q9: 16, dup: 17, q11: 18 };

function bodies(p: SearchPage): string[] {
  return p.hits.map((h) => h.body);
}
const b = (...qs: Q[]) => qs.map((q) => BODY[q]);

function describeSearchCase(factory: CaseFactory): void {
  describe('search, messages and the network on one case', () => {
    const c = sharedCase(factory, async (s) => {
      await ingest(s, SEARCH_RECORDS, {
        analyse: true,
        rejects: [{ kind: 'reject', locator: { line: 99, offset: 5000, length: 7 }, code: 'JSON_SYNTAX', message: 'the line is not valid JSON', excerpt: '{"oops' }],
      });
    });
    const s = () => c.store();
    const find = async (text: string, mode: 'folded' | 'exact' = 'folded', limit = 50) => bodies(await s().search(query(text, mode), { limit }));
    const msgId = async (q: Q) => {
      const h = (await s().search(filters({}), { limit: 50 })).hits.find((x) => x.body === BODY[q]);
      expect(h, q).toBeDefined();
      return h!.id;
    };

    it('finds words in folded mode, newest first, duplicates once', async () => {
      // with its inflected forms in the messages of a stemmed language (q4 кафу: Serbian, detected)
      expect(await find('kafa')).toEqual(b('q11', 'q9', 'q5', 'q4', 'q3', 'q1'));
      expect(await find('KAFA')).toEqual(b('q11', 'q9', 'q5', 'q4', 'q3', 'q1'));
      expect(await find('stigla')).toEqual(b('q1'));
      expect(await find('nepostojece')).toEqual([]);
    });

    it('folds Cyrillic and Latin, diacritics and digraphs to the same words', async () => {
      for (const q of ['djordje', 'Đorđe', 'Ђорђе', 'DJORDJE']) expect(await find(q), q).toEqual(b('q6', 'q5', 'q4'));
      // кафу is kafu: its stem finds kafa where the message's language stems (not in q1, q11: another language)
      expect(await find('кафу')).toEqual(b('q9', 'q5', 'q4', 'q3'));
      expect(await find('caj')).toEqual(b('q11'));
      expect(await find('čaj')).toEqual(b('q11'));
    });

    it('matches phrases as adjacent words in order, prefixes, AND, OR and NOT', async () => {
      expect(await find('"novi broj"')).toEqual(b('q2'));
      expect(await find('"broj novi"')).toEqual(b('q3'));
      expect(await find('novi broj')).toEqual(b('q3', 'q2'));
      expect(await find('novi AND broj')).toEqual(b('q3', 'q2'));
      expect(await find('kaf*')).toEqual(b('q11', 'q9', 'q5', 'q4', 'q3', 'q1'));
      expect(await find('kontej*')).toEqual(b('q7', 'q6'));
      expect(await find('kafa OR kontejner')).toEqual(b('q11', 'q9', 'q7', 'q6', 'q5', 'q4', 'q3', 'q1'));
      expect(await find('kafa -test')).toEqual(b('q11', 'q5', 'q4', 'q3', 'q1'));
      expect(await find('kafa NOT test')).toEqual(b('q11', 'q5', 'q4', 'q3', 'q1'));
      expect(await find('(kafa OR djordje) -zove -ili')).toEqual(b('q9', 'q6', 'q4', 'q3', 'q1'));
      expect(await find('"je stigla" OR "je ovaj"')).toEqual(b('q2', 'q1'));
      // a word joined by punctuation is a phrase of its parts
      expect(await find('stigla-u-antwerpen')).toEqual(b('q1'));
    });

    it('searches the subject with the body', async () => {
      expect(await find('ponuda')).toEqual(b('q8'));
      expect(await find('"ponuda cena"')).toEqual(b('q8'));
    });

    it('checks exact mode against the text as written', async () => {
      expect(await find('kafa', 'exact')).toEqual(b('q9', 'q3'));
      expect(await find('Kafa', 'exact')).toEqual(b('q11', 'q1'));
      expect(await find('KAFA', 'exact')).toEqual(b('q5'));
      expect(await find('Đorđe', 'exact')).toEqual(b('q5'));
      expect(await find('"novi broj"', 'exact')).toEqual([]);
      expect(await find('"Novi broj"', 'exact')).toEqual(b('q2'));
      expect(await find('kafa -test', 'exact')).toEqual(b('q3'));
      expect(await find('kaf*', 'exact')).toEqual(b('q9', 'q3'));
    });

    it('rejects a query the index cannot run as QUERY_SYNTAX', async () => {
      expect(await codeOf(s().search(query('kafa (-test -caj)'), { limit: 10 }))).toBe('QUERY_SYNTAX');
    });

    it('filters by sender, recipient, time, channel, language and entity', async () => {
      const f = async (q: Parameters<typeof filters>[0], text?: string) =>
        bodies(await s().search(text ? { ...query(text), ...q } : filters(q), { limit: 50 }));
      expect(await f({ from: [A] }, 'kafa')).toEqual(b('q9', 'q5', 'q3', 'q1'));
      expect(await f({ from: ['Ana'] }, 'kafa')).toEqual(b('q9', 'q5', 'q3', 'q1')); // display name, any case
      expect(await f({ from: ['ANA'] }, 'kafa')).toEqual(b('q9', 'q5', 'q3', 'q1')); // handle, any case
      expect(await f({ from: [A, E] }, 'kafa')).toEqual(b('q11', 'q9', 'q5', 'q3', 'q1'));
      expect(await f({ to: [C] }, 'kafa')).toEqual(b('q5', 'q3'));
      // a conversation message without recipients goes to the other members
      expect(await f({ to: [B] })).toEqual(b('q9', 'q4', 'q3', 'q1'));
      expect(await f({ from: [C], to: [B] })).toEqual(b('q4'));
      expect(await f({ after: at(3), before: at(9) }, 'kafa')).toEqual(b('q5', 'q4', 'q3'));
      expect(await f({ after: at(3), before: at(9) })).toEqual(b('q8', 'q7', 'q6', 'q5', 'q4', 'q3'));
      expect(await f({ channels: ['sms'] })).toEqual(b('q11', 'q6'));
      expect(await f({ channels: ['sms'] }, 'kafa')).toEqual(b('q11'));
      expect(await f({ channels: ['email', 'sms'] })).toEqual(b('q11', 'q8', 'q6'));
      expect(await f({ entities: [{ type: 'iban' }] })).toEqual(b('q7'));
      expect(await f({ entities: [{ type: 'iban', value: IBAN }] })).toEqual(b('q7'));
      expect(await f({ entities: [{ type: 'iban', value: 'RS00' }] })).toEqual([]);
      expect(await f({ entities: [{ type: 'iban' }] }, 'kafa')).toEqual([]);
    });

    it('filters by language: exactly the messages detected in it', async () => {
      const all = (await s().search(filters({}), { limit: 50 })).hits;
      const langs = new Map<string, string[]>();
      for (const h of all) {
        const l = (await s().message(h.id)).lang;
        if (l !== null) langs.set(l, [...(langs.get(l) ?? []), h.body]);
      }
      for (const [l, want] of langs) expect(bodies(await s().search(filters({ langs: [l] }), { limit: 50 })), l).toEqual(want);
      expect(bodies(await s().search(filters({ langs: ['zz'] }), { limit: 50 }))).toEqual([]);
    });

    it('notes account names that match nothing and finds nothing then', async () => {
      const p = await s().search({ ...query('kafa'), from: ['nobody'] }, { limit: 10 });
      expect(p).toMatchObject({ hits: [], nextCursor: null });
      expect(p.notes).toEqual(['from:nobody matches no account']);
      const p2 = await s().search(filters({ to: ['nobody', B] }), { limit: 10 });
      expect(p2.notes).toEqual(['to:nobody matches no account']);
      expect(bodies(p2)).toEqual(b('q9', 'q4', 'q3', 'q1'));
    });

    it('pages newest first with a cursor, and counts the total up to a cap', async () => {
      const seen: string[] = [];
      let cursor: number | undefined;
      let pages = 0;
      do {
        const p = await s().search(query('kaf*'), { limit: 2, ...(cursor !== undefined ? { cursor } : {}) });
        seen.push(...bodies(p));
        cursor = p.nextCursor ?? undefined;
        pages++;
      } while (cursor !== undefined && pages < 10);
      expect(seen).toEqual(b('q11', 'q9', 'q5', 'q4', 'q3', 'q1'));
      expect(pages).toBe(3);
      expect((await s().search(query('kaf*'), { limit: 2, count: 100 })).total).toEqual({ count: 6, capped: false });
      expect((await s().search(query('kaf*'), { limit: 2, count: 3 })).total).toEqual({ count: 3, capped: true });
      expect((await s().search(query('kaf*'), { limit: 50, count: 100 })).total).toEqual({ count: 6, capped: false });
      expect((await s().search(filters({ to: [B] }), { limit: 1, count: 10 })).total).toEqual({ count: 4, capped: false });
      expect((await s().search(query('kaf*'), { limit: 2, count: 100, cursor: (await s().search(query('kaf*'), { limit: 2 })).nextCursor! })).total).toBeUndefined();
      // exact mode pages over its checked candidates, and counts nothing
      const e1 = await s().search(query('kafa', 'exact'), { limit: 1, count: 10 });
      expect(bodies(e1)).toEqual(b('q9'));
      expect(e1.total).toBeUndefined();
      const e2 = await s().search(query('kafa', 'exact'), { limit: 1, cursor: e1.nextCursor! });
      expect(bodies(e2)).toEqual(b('q3'));
      expect(e2.nextCursor).toBeNull();
    });

    it('gives each hit its sender and conversation', async () => {
      const [h] = (await s().search(query('"broj novi"'), { limit: 1 })).hits;
      expect(h).toMatchObject({ ts: at(3), body: BODY.q3, conversationTitle: 'Grupa <b>', sender: { ref: A, platform: 'sky', handle: 'ana', kind: 'pin', displayName: 'Ana' } });
      expect(h!.conversationId).not.toBeNull();
      const [p] = (await s().search(query('stigla'), { limit: 1 })).hits;
      expect(p).toMatchObject({ conversationId: null, conversationTitle: null });
    });

    it('resolves account names: reference, else handle, else display name (ASCII case-insensitive)', async () => {
      const refs = async (t: string) => (await s().resolveAccounts(t)).map((a) => a.ref);
      expect(await refs(A)).toEqual([A]);
      expect(await refs('boban')).toEqual([B]);
      expect(await refs('BOBAN')).toEqual([B]);
      expect(await refs('Đorđe')).toEqual([C]);
      expect(await refs('ĐORĐE')).toEqual([]); // only ASCII letters fold
      expect(await refs('dule@example.org')).toEqual([D]);
      expect(await refs('SKY:ANA')).toEqual([]); // a reference is exact
      expect(await refs('nobody')).toEqual([]);
      expect(await s().resolveAccounts(A)).toEqual([{ id: expect.any(Number) as number, ref: A, platform: 'sky', handle: 'ana', kind: 'pin', displayName: 'Ana' }]);
    });

    it('reads a message with its recipients, conversation, flags, attachments, copies and provenance', async () => {
      const q3 = await s().message(await msgId('q3'));
      expect(q3).toMatchObject({ ts: at(3), channel: 'chat', body: BODY.q3, conversationTitle: 'Grupa <b>', subject: null, duplicateOf: null, duplicates: [] });
      expect(q3.sender.ref).toBe(A);
      expect(q3.recipients.map((r) => r.ref).sort()).toEqual([B, C].sort());
      expect(q3.provenance).toMatchObject({ path: '/evidence/a.jsonl', sha256: 'a'.repeat(64), format: 'canonical', locator: { line: LINE.q3 } });
      // to the members: the recipients are the other members
      expect((await s().message(await msgId('q4'))).recipients.map((r) => r.ref).sort()).toEqual([A, B].sort());
      const q1 = await s().message(await msgId('q1'));
      expect(q1).toMatchObject({ tzOffset: 60, tsLocal: '2021-03-01T10:00:00', flags: { edited: false, deleted: false }, duplicateOf: null, conversationId: null });
      expect(q1.duplicates).toHaveLength(1);
      const dup = await s().message(q1.duplicates[0]!);
      expect(dup).toMatchObject({ body: BODY.q1, duplicateOf: q1.id, duplicates: [q1.id], provenance: { locator: { line: LINE.dup } } });
      expect((await s().message(await msgId('q2'))).flags).toEqual({ edited: true, deleted: false });
      expect((await s().message(await msgId('q9'))).flags).toEqual({ edited: false, deleted: true });
      expect((await s().message(await msgId('q8'))).subject).toBe('Ponuda');
      expect((await s().message(await msgId('q7'))).attachments).toEqual([{ filename: 'racun.pdf', mime: 'application/pdf', size: 1234, sha256: null, takenAt: null }]);
      expect((await s().message(await msgId('q6'))).attachments).toEqual([]);
      expect(await codeOf(s().message(987654321))).toBe('NOT_FOUND');
    });

    it('reads a thread: the conversation, or the exchange between the parties', async () => {
      const q4 = await msgId('q4');
      expect((await s().thread(q4, { before: 5, after: 5 })).map((m) => m.body)).toEqual(b('q3', 'q4'));
      expect((await s().thread(q4, { before: 0, after: 5 })).map((m) => m.body)).toEqual(b('q4'));
      // A and B outside the conversation: q1 and its copy, q2, q9
      const q2 = await msgId('q2');
      expect((await s().thread(q2, { before: 5, after: 5 })).map((m) => m.body)).toEqual([BODY.q1, BODY.q1, BODY.q2, BODY.q9]);
      expect((await s().thread(q2, { before: 1, after: 0 })).map((m) => m.body)).toEqual([BODY.q1, BODY.q2]);
      expect(await codeOf(s().thread(987654321, { before: 1, after: 1 }))).toBe('NOT_FOUND');
    });

    it('reads many thread pages at once, each as thread reads it, in the order asked', async () => {
      const ids = [await msgId('q4'), await msgId('q2'), await msgId('q3'), await msgId('q4')];
      for (const opts of [
        { before: 5, after: 5 },
        { before: 1, after: 0 },
        { before: 0, after: 1 },
      ]) {
        const pages = await s().threads(ids, opts);
        expect(pages).toHaveLength(ids.length);
        for (const [i, id] of ids.entries()) {
          expect(pages[i]).toEqual(await s().thread(id, opts));
          expect(pages[i]!.find((m) => m.id === id)).toEqual(await s().message(id));
        }
      }
      expect((await s().threads([await msgId('q2')], { before: 5, after: 5 }))[0]!.map((m) => m.body)).toEqual([BODY.q1, BODY.q1, BODY.q2, BODY.q9]);
      expect(await s().threads([], { before: 1, after: 1 })).toEqual([]);
      expect(await codeOf(s().threads([ids[0]!, 987654321], { before: 1, after: 1 }))).toBe('NOT_FOUND');
    });

    it('lists the mentions found in a message, as spans of its body', async () => {
      const id7 = await msgId('q7');
      const ms = await s().mentions(id7);
      const iban = ms.find((m) => m.type === 'iban');
      expect(iban).toMatchObject({ value: IBAN, raw: IBAN });
      for (const m of ms) expect(BODY.q7.slice(m.start, m.end)).toBe(m.raw);
      expect([...ms].sort((x, y) => x.start - y.start || (x.type < y.type ? -1 : 1))).toEqual(ms);
      expect(await s().mentions(987654321)).toEqual([]);
    });

    it('counts the case in stats', async () => {
      const st = await s().stats({ top: 3 });
      expect(st).toMatchObject({
        sources: { total: 1, complete: 1, partial: 0 },
        messages: 11,
        duplicates: 2,
        calls: 3,
        accounts: 5,
        conversations: 1,
        attachments: 1,
        events: 1,
        locations: 0,
        edges: 10,
        firstTs: at(1),
        lastTs: at(10),
        quarantine: [{ code: 'JSON_SYNTAX', count: 1 }],
      });
      // sent + received over the edges, and contacts: the distinct accounts each one communicated with,
      // either way, on any channel (A: B, C, D and E; B: A and C, not one per channel)
      expect(st.topTalkers.map((t) => [t.account.ref, t.sent, t.received, t.contacts])).toEqual([
        [A, 6, 6, 4],
        [B, 3, 5, 2],
        [C, 3, 3, 2],
      ]);
    });

    it('lists the quarantine with the source and locator', async () => {
      expect(await s().quarantine({ limit: 10 })).toEqual([
        { sourcePath: '/evidence/a.jsonl', locator: { line: 99, offset: 5000, length: 7 }, code: 'JSON_SYNTAX', message: 'the line is not valid JSON', excerpt: '{"oops' },
      ]);
      const src = (await s().sources())[0]!;
      expect(await s().quarantine({ limit: 10, sourceId: src.id })).toHaveLength(1);
      expect(await s().quarantine({ limit: 10, sourceId: src.id + 1000 })).toEqual([]);
    });

    // every communication of the records: [from, to, channel, hour]; duplicates and the sender itself left out
    const COMMS: [string, string, string, number][] = [
      [A, B, 'chat', 1], [B, A, 'chat', 2], [A, B, 'chat', 3], [A, C, 'chat', 3], [C, A, 'chat', 4], [C, B, 'chat', 4], [A, C, 'chat', 5],
      [B, C, 'sms', 6], [C, A, 'chat', 7], [D, A, 'email', 8], [A, B, 'chat', 9], [E, A, 'sms', 10], [A, B, 'call', 1.5], [B, A, 'call', 2.5],
    ];
    const edgesOf = (comms: typeof COMMS) => {
      const m = new Map<string, [string, string, string, number, number, number]>();
      for (const [f, t, ch, h] of comms) {
        const k = `${f}|${t}|${ch}`;
        const e = m.get(k);
        if (e) {
          e[3]++;
          e[4] = Math.min(e[4], at(h));
          e[5] = Math.max(e[5], at(h));
        } else m.set(k, [f, t, ch, 1, at(h), at(h)]);
      }
      return [...m.values()].sort();
    };
    const named = async (rows: { src: number; dst: number; channel: string; count: number; first: number; last: number }[]) => {
      const acc = await s().accountsByIds([...rows.map((r) => r.src), ...rows.map((r) => r.dst)]);
      return rows.map((r) => [acc.get(r.src)!.ref, acc.get(r.dst)!.ref, r.channel, r.count, r.first, r.last]).sort();
    };

    it('streams the edges, by channel and minimum count', async () => {
      expect(await named(await collect(s().edges()))).toEqual(edgesOf(COMMS));
      expect(await named(await collect(s().edges({ channels: ['sms'] })))).toEqual(edgesOf(COMMS.filter((x) => x[2] === 'sms')));
      expect(await named(await collect(s().edges({ channels: ['chat', 'call'] })))).toEqual(edgesOf(COMMS.filter((x) => x[2] === 'chat' || x[2] === 'call')));
      expect(await named(await collect(s().edges({ minCount: 2 })))).toEqual(edgesOf(COMMS).filter((e) => e[3] >= 2));
    });

    it('counts the edges of a time window from the records', async () => {
      const win = COMMS.filter((x) => x[3] >= 2 && x[3] < 5);
      expect(await named(await collect(s().edges({ after: at(2), before: at(5) })))).toEqual(edgesOf(win));
      expect(await named(await collect(s().edges({ after: at(2), before: at(5), channels: ['call'] })))).toEqual(edgesOf(win.filter((x) => x[2] === 'call')));
      expect(await named(await collect(s().edges({ after: at(0), minCount: 2 })))).toEqual(edgesOf(COMMS).filter((e) => e[3] >= 2));
      expect(await codeOf(collect(s().edges({ after: -5 })))).toBe('INVALID_ARGUMENT');
    });

    it('streams every communication, oldest first', async () => {
      const rows = await collect(s().communications());
      const acc = await s().accountsByIds([...rows.map((r) => r.src), ...rows.map((r) => r.dst)]);
      expect(rows.map((r) => r.ts)).toEqual([...rows.map((r) => r.ts)].sort((x, y) => x - y));
      expect(rows.map((r) => [acc.get(r.src)!.ref, acc.get(r.dst)!.ref, r.channel, r.ts]).sort()).toEqual(COMMS.map(([f, t, ch, h]) => [f, t, ch, at(h)]).sort());
      const w = await collect(s().communications({ after: at(3), before: at(6), channels: ['chat'] }));
      expect(w).toHaveLength(COMMS.filter((x) => x[3] >= 3 && x[3] < 6 && x[2] === 'chat').length);
      expect(await codeOf(collect(s().communications({ before: 1.5 })))).toBe('INVALID_ARGUMENT');
    });

    it('lets a reader stop a stream early, as often as it likes', async () => {
      for (let i = 0; i < 12; i++) {
        for await (const chunk of i % 2 ? s().edges() : s().communications({ after: at(0) })) {
          expect(chunk.length).toBeGreaterThan(0);
          break;
        }
        for await (const chunk of s().accounts()) {
          expect(chunk.length).toBeGreaterThan(0);
          break;
        }
      }
      expect((await s().stats()).edges).toBe(10);
    });

    it('streams the accounts and looks accounts up by id', async () => {
      const all = await collect(s().accounts());
      expect(all.map((a) => a.ref).sort()).toEqual([A, B, C, D, E].sort());
      expect(all.map((a) => a.id)).toEqual([...all.map((a) => a.id)].sort((x, y) => x - y));
      expect(all.find((a) => a.ref === D)).toMatchObject({ platform: 'email', handle: 'dule@example.org', kind: 'email', displayName: null });
      const byId = await s().accountsByIds([all[0]!.id, all[1]!.id, all[0]!.id, 987654321]);
      expect([...byId.keys()].sort()).toEqual([all[0]!.id, all[1]!.id].sort());
      expect(byId.get(all[1]!.id)).toEqual(all[1]);
      expect((await s().accountsByIds([])).size).toBe(0);
    });

    it('lists entities with their spellings, counts and accounts', async () => {
      const ib = await s().entities({ type: 'iban', limit: 10 });
      expect(ib).toEqual([{ type: 'iban', value: IBAN, raw: [IBAN], mentions: 1, messages: 1, first: at(7), last: at(7), accounts: [{ account: expect.objectContaining({ ref: C }) as unknown, mentions: 1 }] }]);
      const all = await s().entities({ limit: 100 });
      expect(all).toContainEqual(ib[0]);
      // most mentioned first, then by type and value
      for (let i = 1; i < all.length; i++) {
        const [p, q] = [all[i - 1]!, all[i]!];
        expect(p.mentions > q.mentions || (p.mentions === q.mentions && (p.type < q.type || (p.type === q.type && p.value < q.value)))).toBe(true);
      }
      const page = await s().entities({ limit: 1, offset: 1 });
      expect(page).toEqual(all.length > 1 ? [all[1]] : []);
      expect(await s().entities({ type: 'nothing', limit: 10 })).toEqual([]);
    });

    it('applies a code word to the messages already in the case, and takes it back', async () => {
      expect(await s().lexicon()).toEqual([]);
      // kafa and its forms (кафу is kafu), first copies only
      expect(await s().addLexiconEntry({ term: 'kafa', means: 'kokain', type: 'drug' })).toEqual({ mentions: 6, messages: 6 });
      const lex = await s().lexicon();
      expect(lex).toEqual([{ term: 'kafa', means: 'kokain', type: 'drug', addedAt: expect.any(Number) as number }]);
      const found = bodies(await s().search(filters({ entities: [{ type: 'codeword', value: 'kafa' }] }), { limit: 50 }));
      expect(found).toEqual(b('q11', 'q9', 'q5', 'q4', 'q3', 'q1'));
      // its spellings most used first (then byte order), and who wrote it
      const [ent] = await s().entities({ type: 'codeword', limit: 10 });
      expect(ent).toMatchObject({ value: 'kafa', raw: ['Kafa', 'kafa', 'KAFA', 'кафу'], mentions: 6, messages: 6, first: at(1), last: at(10) });
      expect(ent!.accounts.map((x) => [x.account.ref, x.mentions])).toEqual([[A, 4], [C, 1], [E, 1]]);
      expect((await s().entities({ type: 'codeword', limit: 10, accounts: 2 }))[0]!.accounts.map((x) => x.account.ref)).toEqual([A, C]);
      const cw = (await s().mentions(await msgId('q4'))).find((m) => m.type === 'codeword');
      expect(cw).toMatchObject({ value: 'kafa', raw: 'кафу', attrs: { means: 'kokain', type: 'drug' } });
      // replacing the entry replaces its mentions
      expect(await s().addLexiconEntry({ term: 'kafa', means: 'heroin' })).toEqual({ mentions: 6, messages: 6 });
      expect((await s().lexicon()).map((e) => [e.term, e.means, e.type])).toEqual([['kafa', 'heroin', null]]);
      expect((await s().entities({ type: 'codeword', limit: 10 })).map((e) => [e.value, e.mentions, e.messages])).toEqual([['kafa', 6, 6]]);
      expect(await s().addLexiconEntry({ term: 'Antwerpen grad', means: 'luka' })).toEqual({ mentions: 0, messages: 0 });
      expect((await s().lexicon()).map((e) => e.term)).toEqual(['Antwerpen grad', 'kafa']);
      expect(await s().removeLexiconEntry('kafa')).toBe(true);
      expect(await s().removeLexiconEntry('kafa')).toBe(false);
      expect(await s().removeLexiconEntry('Antwerpen grad')).toBe(true);
      expect(await s().lexicon()).toEqual([]);
      expect(await s().entities({ type: 'codeword', limit: 10 })).toEqual([]);
      expect(await codeOf(s().addLexiconEntry({ term: '!!!', means: 'x' }))).toBe('INVALID_ARGUMENT');
    });

    it('applies the code words to what is ingested later', async () => {
      await s().addLexiconEntry({ term: 'sladoled', means: 'heroin' });
      await ingest(s(), [msg(B, [A], at(20), 'Imam sladoleda za sutra')], { sha: 'b', name: 'later.jsonl', analyse: true });
      const hits = await s().search(filters({ entities: [{ type: 'codeword', value: 'sladoled' }] }), { limit: 5 });
      expect(bodies(hits)).toEqual(['Imam sladoleda za sutra']);
      expect((await s().mentions(hits.hits[0]!.id)).filter((m) => m.type === 'codeword')).toMatchObject([{ raw: 'sladoleda', value: 'sladoled', attrs: { means: 'heroin' } }]);
      expect(await s().removeLexiconEntry('sladoled')).toBe(true);
      expect((await s().search(filters({ entities: [{ type: 'codeword' }] }), { limit: 5 })).hits).toEqual([]);
    });
  });
}

// ------------------------------------------------------------------------------ inflection, code words by meaning, languages

/** Messages whose language the analyser detects (checked first), one sender pair each. */
const INFLECTED = {
  sr1: 'Donesi mi sutra dve kafe i paket iz Beograda',
  sr2: 'Jesi li popio kafu sa bratom u gradu juče',
  sr3: 'Sa kafom stižu i novi ljudi iz Novog Sada',
  sr4: 'Где је кафа коју смо наручили прошле недеље',
  sr5: 'Попио сам две кафе у граду са пријатељима',
  kapa: 'Kapa je na stolu u kuhinji, uzmi je kad kreneš',
  nl: 'De pakketten zijn gisteren aangekomen in de haven van Antwerpen',
  fr: 'Les livraisons de demain arrivent au port de Marseille',
  es: 'Los paquetes llegan mañana al puerto de Algeciras con el barco',
  en: 'The packages arrived yesterday at the harbour in the morning',
  ar: 'وصلت الشحنة إلى الميناء صباح اليوم مع السفينة',
  huge: `${'a'.repeat(100_000)} kraj`,
} as const;
type I = keyof typeof INFLECTED;
const INFLECTED_LANG: Partial<Record<I, string[]>> = {
  sr1: ['sr', 'hr', 'bs'], sr2: ['sr', 'hr', 'bs'], sr3: ['sr', 'hr', 'bs'], sr4: ['sr'], sr5: ['sr'], kapa: ['sr', 'hr', 'bs'],
  nl: ['nl'], fr: ['fr'], es: ['es'], en: ['en'], ar: ['ar'],
};

function describeInflection(factory: CaseFactory): void {
  describe('inflection, code words by meaning and the languages of a case', () => {
    const names = Object.keys(INFLECTED) as I[];
    const c = sharedCase(factory, async (s) => {
      const recs: ClewRecord[] = [];
      names.forEach((n, i) => {
        recs.push({ type: 'account', ref: `sky:i${i}a`, kind: 'pin' }, { type: 'account', ref: `sky:i${i}b`, kind: 'pin' });
        recs.push(msg(`sky:i${i}a`, [`sky:i${i}b`], at(i + 1), INFLECTED[n]));
      });
      await ingest(s, recs, { analyse: true });
    });
    const s = () => c.store();
    const find = async (text: string, mode: 'folded' | 'exact' = 'folded') => bodies(await s().search(query(text, mode), { limit: 50 }));
    const v = (...ns: I[]) => [...ns].sort((x, y) => names.indexOf(y) - names.indexOf(x)).map((n) => INFLECTED[n]);
    const idOf = async (n: I) => (await s().search(filters({}), { limit: 50 })).hits.find((h) => h.body === INFLECTED[n])!.id;

    it('detects the languages the cases below rely on', async () => {
      for (const [n, langs] of Object.entries(INFLECTED_LANG)) expect(langs, n).toContain((await s().message(await idOf(n as I))).lang);
    });

    it('finds the inflected forms of a word, in both scripts (kafa: kafe, kafu, kafom, кафа, кафе), and not a look-alike', async () => {
      for (const q of ['kafa', 'KAFU', 'кафа', 'kafom']) expect(await find(q), q).toEqual(v('sr1', 'sr2', 'sr3', 'sr4', 'sr5'));
      expect(await find('kapa')).toEqual(v('kapa'));
      expect(await find('"kafu sa bratom"')).toEqual(v('sr2'));
      expect(await find('"kafa sa bratom"')).toEqual(v('sr2'));
      expect(await find('kaf*')).toEqual(v('sr1', 'sr2', 'sr3', 'sr4', 'sr5'));
    });

    it('finds Dutch, French, Spanish, English and Arabic inflected forms', async () => {
      expect(await find('pakket')).toEqual(v('nl'));
      expect(await find('livraison')).toEqual(v('fr'));
      expect(await find('paquete')).toEqual(v('es'));
      expect(await find('package')).toEqual(v('en'));
      expect(await find('شحنة')).toEqual(v('ar'));
      expect(await find('سفينة')).toEqual(v('ar'));
    });

    it('does not stem in exact mode: the form as typed', async () => {
      expect(await find('kafe', 'exact')).toEqual(v('sr1'));
      expect(await find('кафе', 'exact')).toEqual(v('sr5'));
      expect(await find('kafa', 'exact')).toEqual([]);
      expect(await find('pakketten', 'exact')).toEqual(v('nl'));
      expect(await find('pakket', 'exact')).toEqual([]);
      expect(await find('"dve kafe"', 'exact')).toEqual(v('sr1'));
    });

    it('answers a script the case does not hold, a huge word and full-text syntax with clean results', async () => {
      expect(await find('καφές')).toEqual([]);
      expect(await find('קפה')).toEqual([]);
      expect(await find('a'.repeat(1500))).toEqual([]);
      expect(await find('kraj')).toEqual(v('huge'));
      for (const q of ['kafa" OR "kapa', 'NEAR(kafa kapa)', "kafa' OR '1'='1 --", "'kafa' | !kapa", 'kafa:* & kapa', '^kafa', 'kafa + kapa', '{text}: kafa', '\\uE000shkaf'])
      {
        // the parser may refuse it (QUERY_SYNTAX); what it accepts is data to the index
        const parsed = await Promise.resolve().then(() => query(q)).catch((e: unknown) => (expect(e, q).toMatchObject({ code: 'QUERY_SYNTAX' }), null));
        if (parsed) await expect(s().search(parsed, { limit: 5 }), q).resolves.toBeDefined();
      }
      expect(await find('"kafa\\" OR \\"kapa"')).toEqual([]);
      expect(await find('kafa')).toHaveLength(5);
    });

    it('lists the languages of the case with their message counts', async () => {
      const want = new Map<string | null, number>();
      for (const n of names) {
        const l = (await s().message(await idOf(n))).lang;
        want.set(l, (want.get(l) ?? 0) + 1);
      }
      const got = await s().languages();
      expect(new Map(got.map((g) => [g.lang, g.messages]))).toEqual(want);
      // most messages first, then by code, unknown last
      const known = got.filter((g) => g.lang !== null);
      expect(known).toEqual([...known].sort((x, y) => y.messages - x.messages || (x.lang! < y.lang! ? -1 : 1)));
      expect(got.findIndex((g) => g.lang === null)).toBeOneOf([-1, got.length - 1]);
      expect(await s().languages()).toEqual(got);
    });

    it('finds code words by their meaning, also when added after the ingest (query planning)', async () => {
      await s().addLexiconEntry({ term: 'kafa', means: 'cocaine', type: 'drug' });
      try {
        const langs = (await s().languages()).flatMap((l) => (l.lang ? [l.lang] : []));
        const plan = async (q: string) => planCodewords(parseQuery(q, 'folded', { langs }), await s().lexicon(), langs);
        const p = await plan('cocaine');
        expect(p.expansions.map((x) => [x.codeword, x.means])).toEqual([['kafa', 'cocaine']]);
        expect(bodies(await s().search(p.query, { limit: 50 }))).toEqual(v('sr1', 'sr2', 'sr3', 'sr4', 'sr5'));
        expect(bodies(await s().search((await plan('COCAINE OR pakket')).query, { limit: 50 }))).toEqual(v('sr1', 'sr2', 'sr3', 'sr4', 'sr5', 'nl'));
        const byEntity = (await plan('entity:drug=cocaine')).query;
        expect(byEntity.entities).toEqual([{ type: 'drug', value: 'cocaine', codewords: ['kafa'] }]);
        const mentioned = bodies(await s().search(filters({ entities: [{ type: 'codeword', value: 'kafa' }] }), { limit: 50 }));
        expect(mentioned.length).toBeGreaterThan(0);
        expect(bodies(await s().search(byEntity, { limit: 50 }))).toEqual(mentioned);
        expect(bodies(await s().search((await plan('entity:drug=heroin')).query, { limit: 50 }))).toEqual([]);
        // without the lexicon entry: the meaning is just a word no message holds
        await s().removeLexiconEntry('kafa');
        expect(bodies(await s().search((await plan('cocaine')).query, { limit: 50 }))).toEqual([]);
      } finally {
        await s().removeLexiconEntry('kafa');
      }
    });
  });
}

// ------------------------------------------------------------------------------ sources

function describeSources(factory: CaseFactory): void {
  describe('sources', () => {
    let tc: TestCase;
    beforeAll(async () => {
      tc = await factory();
    }, 120_000);
    afterAll(async () => {
      await tc?.cleanup();
    });
    const T = Date.UTC(2021, 5, 1, 12);
    const m = (from: string, ts: number, body: string) => msg(from, ['sky:z'], ts, body);

    it('records a source, its position after each batch, and completes it', async () => {
      const s = tc.store;
      expect(await s.findSource('1'.repeat(64))).toBeNull();
      const w = await s.beginSource(meta('1', 'one.jsonl'));
      let src = (await s.sources()).find((x) => x.sha256 === '1'.repeat(64))!;
      expect(src).toMatchObject({ status: 'partial', path: '/evidence/one.jsonl', name: 'one.jsonl', size: 1000, format: 'canonical', options: { tz: 'UTC' }, itemsDone: 0, records: 0, finishedAt: null });
      expect(await w.writeBatch(items([m('sky:a', T, 'prvi'), m('sky:a', T, 'prvi'), m('sky:b', T + 1, 'drugi')]), { offset: 300, line: 4, itemsDone: 3 })).toEqual({
        records: 3,
        rejected: 0,
        duplicates: 1,
      });
      expect(
        await w.writeBatch([{ kind: 'reject', locator: { line: 4, offset: 300, length: 9 }, code: 'SCHEMA', message: 'no body' }, ...items([m('sky:c', T + 2, 'treci')], 5)], {
          offset: 400,
          line: 6,
          itemsDone: 5,
        }),
      ).toEqual({ records: 1, rejected: 1, duplicates: 0 });
      src = (await s.findSource('1'.repeat(64)))!;
      expect(src).toMatchObject({ status: 'partial', resumeOffset: 400, resumeLine: 6, itemsDone: 5, records: 4, rejected: 1, duplicates: 1 });
      // a partial source is stored, but not searchable by its words nor in the network yet
      expect((await s.search(query('prvi'), { limit: 10 })).hits).toEqual([]);
      expect(await collect(s.edges())).toEqual([]);
      expect((await s.search(filters({ from: ['sky:a'] }), { limit: 10 })).hits.map((h) => h.body)).toEqual(['prvi']);
      const done = await w.finish();
      expect(done).toMatchObject({ id: src.id, status: 'complete', itemsDone: 5, records: 4 });
      expect(done.finishedAt).toEqual(expect.any(Number));
      expect(await s.findSource('1'.repeat(64))).toEqual(done);
      expect((await s.search(query('prvi OR treci'), { limit: 10 })).hits.map((h) => h.body)).toEqual(['treci', 'prvi']);
      expect((await collect(s.edges())).map((e) => [e.count, e.first, e.last]).sort()).toEqual(
        [
          [1, T, T],
          [1, T + 1, T + 1],
          [1, T + 2, T + 2],
        ].sort(),
      );
      expect(await s.quarantine({ limit: 5, sourceId: src.id })).toEqual([
        { sourcePath: '/evidence/one.jsonl', locator: { line: 4, offset: 300, length: 9 }, code: 'SCHEMA', message: 'no body', excerpt: null },
      ]);
    });

    it('resumes a partial source where its last batch ended, and still finds earlier copies', async () => {
      const s = tc.store;
      const w = await s.beginSource(meta('2', 'two.jsonl'));
      await w.writeBatch(items([m('sky:d', T + 10, 'cetiri'), m('sky:d', T + 11, 'pet')]), { offset: 100, line: 3, itemsDone: 2 });
      await w.abort(); // the run stops here
      const src = (await s.findSource('2'.repeat(64)))!;
      expect(src).toMatchObject({ status: 'partial', resumeOffset: 100, resumeLine: 3, itemsDone: 2, records: 2 });
      const w2 = await s.resumeSource(src);
      expect(await w2.writeBatch(items([m('sky:d', T + 11, 'pet'), m('sky:d', T + 12, 'sest')], 3), { offset: 200, line: 5, itemsDone: 4 })).toEqual({
        records: 2,
        rejected: 0,
        duplicates: 1,
      });
      const done = await w2.finish();
      expect(done).toMatchObject({ status: 'complete', records: 4, duplicates: 1, itemsDone: 4, resumeOffset: 200, resumeLine: 5 });
      expect((await s.search(query('cetiri OR pet OR sest'), { limit: 10 })).hits.map((h) => h.body)).toEqual(['sest', 'pet', 'cetiri']);
      // edges count each message once: d → z three times
      const d = (await s.resolveAccounts('sky:d'))[0]!.id;
      expect((await collect(s.edges())).filter((e) => e.src === d).map((e) => [e.count, e.first, e.last])).toEqual([[3, T + 10, T + 12]]);
    });

    it('links a copy in another source as a duplicate', async () => {
      const s = tc.store;
      const r = await ingest(s, [m('sky:a', T, 'prvi'), m('sky:e', T + 20, 'novo')], { sha: '3' });
      expect(r).toMatchObject({ records: 2, duplicates: 1, status: 'complete' });
      expect((await s.search(query('prvi'), { limit: 10 })).hits).toHaveLength(1);
    });

    it('forgets a partial source that committed nothing, and no other', async () => {
      const s = tc.store;
      const w = await s.beginSource(meta('4'));
      await w.abort();
      const src = (await s.findSource('4'.repeat(64)))!;
      expect(src.status).toBe('partial');
      expect(await s.forgetEmptySource(src.id)).toBe(true);
      expect(await s.findSource('4'.repeat(64))).toBeNull();
      expect(await s.forgetEmptySource(src.id)).toBe(false);
      const kept = (await s.findSource('2'.repeat(64)))!;
      expect(await s.forgetEmptySource(kept.id)).toBe(false);
    });

    it('lists the sources in the order they began, and counts them in stats', async () => {
      const s = tc.store;
      const list = await s.sources();
      expect(list.map((x) => x.sha256[0])).toEqual(['1', '2', '3']);
      expect(list.map((x) => x.id)).toEqual([...list.map((x) => x.id)].sort((p, q) => p - q));
      const st = await s.stats();
      expect(st.sources).toEqual({ total: 3, complete: 3, partial: 0 });
      expect(st.messages).toBe(4 + 4 + 2);
      expect(st.duplicates).toBe(3);
      expect(st.quarantine).toEqual([{ code: 'SCHEMA', count: 1 }]);
      expect(await s.findSource('1'.repeat(64))).toMatchObject({ status: 'complete' });
    });
  });

  describe('an empty case', () => {
    it('answers every read with nothing', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        expect(await s.sources()).toEqual([]);
        const st = await s.stats();
        expect(st).toMatchObject({ sources: { total: 0, complete: 0, partial: 0 }, messages: 0, edges: 0, firstTs: null, lastTs: null, topTalkers: [], quarantine: [] });
        expect((await s.search(filters({ channels: ['chat'] }), { limit: 5, count: 5 })).hits).toEqual([]);
        expect((await s.search(query('kafa'), { limit: 5 })).hits).toEqual([]);
        expect(await collect(s.edges())).toEqual([]);
        expect(await collect(s.accounts())).toEqual([]);
        expect(await s.activity({ bucketMs: DAY })).toEqual({ messages: [], calls: [] });
        expect(await s.identity().persons()).toEqual([]);
        expect(await s.lexicon()).toEqual([]);
        expect(await s.geo().points({}, { limit: 10, evidence: 1 })).toEqual([]);
        expect(await codeOf(s.dossier([1]))).toBe('NOT_FOUND');
        // the store names its backend, and prints its locator without a password
        expect(['sqlite', 'postgres']).toContain(s.backend);
        expect(s.readonly).toBe(false);
        const password = /^postgres(?:ql)?:/.test(tc.locator) ? new URL(tc.locator).password : '';
        if (password !== '') expect(s.locator).not.toContain(password);
      } finally {
        await tc.cleanup();
      }
    });
  });
}

// ------------------------------------------------------------------------------ duplicates that are not (issue 15 part 9)

function describeBroadcasts(factory: CaseFactory): void {
  describe('duplicates', () => {
    it('links a copy only when sender, time, body and recipients match: a broadcast keeps every recipient (issue 15 part 9)', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        const T = Date.UTC(2021, 3, 1, 9);
        const mark = 'email:mark@x.com';
        await ingest(s, [
          msg(mark, ['email:ann@x.com'], T, 'novi broj 0641234567', { channel: 'email' }),
          msg(mark, ['email:bob@x.com', 'email:cy@x.com'], T, 'novi broj 0641234567', { channel: 'email' }),
          msg(mark, ['email:ann@x.com'], T, 'novi broj 0641234567', { channel: 'email' }), // a true copy
        ]);
        const st = await s.stats();
        expect(st).toMatchObject({ messages: 3, duplicates: 1, edges: 3 });
        const to = async (r: string) => (await s.search({ ...query('"novi broj"'), to: [r] }, { limit: 5 })).hits.length;
        expect([await to('email:ann@x.com'), await to('email:bob@x.com'), await to('email:cy@x.com')]).toEqual([1, 1, 1]);
        expect((await s.search(query('"novi broj"'), { limit: 5 })).hits).toHaveLength(2);
      } finally {
        await tc.cleanup();
      }
    });
  });
}

// ------------------------------------------------------------------------------ cases side by side

function describeIsolation(factory: CaseFactory): void {
  describe('two cases side by side', () => {
    it('hold the same records (same ids) without seeing each other', async () => {
      const [x, y] = [await factory(), await factory()];
      try {
        // y: the same records, other words and names (so a row of y read through x shows)
        const other = SEARCH_RECORDS.map((r): ClewRecord =>
          r.type === 'message' ? { ...r, body: `drugi ${r.body}` } : r.type === 'account' && r.displayName ? { ...r, displayName: `${r.displayName} 2` } : r,
        );
        await ingest(y.store, other, { analyse: true });
        await ingest(x.store, SEARCH_RECORDS, { analyse: true });
        await ingest(y.store, [msg(A, [B], at(30), 'samo u drugom')], { sha: 'c', analyse: true });
        const s = x.store;
        expect(await s.stats()).toMatchObject({ sources: { total: 1 }, messages: 11, duplicates: 2, calls: 3, accounts: 5, conversations: 1, attachments: 1, events: 1, edges: 10 });
        expect((await s.search(query('drugi OR samo'), { limit: 10 })).hits).toEqual([]);
        const kafa = await s.search(query('kafa'), { limit: 10, count: 10 });
        expect(bodies(kafa)).toEqual(b('q11', 'q9', 'q5', 'q4', 'q3', 'q1'));
        expect(kafa.total).toEqual({ count: 6, capped: false });
        expect(bodies(await s.search(filters({ to: [B] }), { limit: 10 }))).toEqual(b('q9', 'q4', 'q3', 'q1'));
        expect((await s.resolveAccounts('Ana')).map((a) => a.displayName)).toEqual(['Ana']);
        const q3 = (await s.search(query('"broj novi"'), { limit: 1 })).hits[0]!;
        const m3 = await s.message(q3.id);
        expect([m3.body, m3.sender.displayName, m3.recipients.length, m3.duplicates.length, m3.provenance.sha256]).toEqual([BODY.q3, 'Ana', 2, 0, 'a'.repeat(64)]);
        expect((await s.thread(q3.id, { before: 5, after: 5 })).map((m) => m.body)).toEqual(b('q3', 'q4'));
        expect((await s.mentions((await s.search(query('kontejnera'), { limit: 1 })).hits[0]!.id)).filter((m) => m.type === 'iban')).toHaveLength(1);
        expect(await collect(s.edges())).toHaveLength(10);
        expect(await collect(s.edges({ after: 0 }))).toHaveLength(10);
        expect(await collect(s.communications())).toHaveLength(14);
        expect((await collect(s.accounts())).map((a) => a.displayName).filter((n) => n !== null).sort()).toEqual(['Ana', 'Boban', 'Đorđe']);
        expect((await s.entities({ type: 'iban', limit: 5 })).map((e) => [e.mentions, e.accounts.length])).toEqual([[1, 1]]);
        expect((await s.activity({ bucketMs: DAY })).messages).toEqual([[Math.floor(T0 / DAY), 10]]);
        const a = (await s.resolveAccounts(A))[0]!.id;
        expect((await s.activity({ bucketMs: DAY, accounts: [a] })).messages).toEqual([[Math.floor(T0 / DAY), 9]]);
        const d = await s.dossier([a]);
        expect(d.activity).toMatchObject({ sent: 4, received: 5, callsMade: 1, callsReceived: 1 });
        expect(d.contacts.map((c) => c.account.displayName)).toEqual(['Boban', 'Đorđe', null, null]);
        expect(d.conversations.map((c) => [c.title, c.members])).toEqual([['Grupa <b>', 3]]);
        const id = await s.identity().data(['novi broj']);
        expect([id.handles.length, id.links.length, id.statements.length, id.contacts.length]).toEqual([5, 8, 1, 0]);
        expect((await s.quarantine({ limit: 10 })).length).toBe(0);
        expect((await s.geo().points({}, { limit: 10, evidence: 5 })).map((p) => [p.key, p.count, p.evidence.map((e) => e.account?.displayName)])).toEqual([['place:be-antwerp', 1, ['Ana']]]);
        // writes stay in their case too
        expect(await s.addLexiconEntry({ term: 'kafa', means: 'x' })).toEqual({ mentions: 6, messages: 6 });
        expect(await y.store.lexicon()).toEqual([]);
        expect(await y.store.entities({ type: 'codeword', limit: 5 })).toEqual([]);
        await s.identity().merge(a, (await s.resolveAccounts(B))[0]!.id, { by: 'x' });
        expect(await y.store.identity().persons()).toEqual([]);
        expect((await y.store.search(filters({ persons: ['Ana'] }), { limit: 5 })).hits).toEqual([]);
        expect(bodies(await s.search(filters({ persons: ['Ana'] }), { limit: 20 }))).toEqual(b('q9', 'q6', 'q5', 'q3', 'q2', 'q1'));
      } finally {
        await x.cleanup();
        await y.cleanup();
      }
    });
  });
}

export function describeCaseStore(name: string, factory: CaseFactory): void {
  describe(`case store conformance: ${name}`, () => {
    describeSources(factory);
    describeSearchCase(factory);
    describeInflection(factory);
    describeIsolation(factory);
    describeBroadcasts(factory);
    describeActivity(factory);
    describeDossier(factory);
    describeGeo(factory);
    describeIdentity(factory);
    describeExport(factory);
    describeWatch(factory);
    describeAnnotations(factory);
    describeTranslations(factory);
    describeOcr(factory);
    describeGallery(factory);
    describeChanges(factory);
    describeCalls(factory);
  });
}

export { DAY, HOUR };
