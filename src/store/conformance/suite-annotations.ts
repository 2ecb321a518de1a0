/**
 * Conformance: annotations (tags, notes, stars) on every kind of item, their event log and its
 * fold, undo by compensating events (surviving a reopen), the tag: and note: search filters, and
 * what they must never do (change a source record, accept an item of no case).
 */
import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import { openCase } from '../open.js';
import type { Annotation, AnnotationEvent, CaseStore, ItemKey } from '../types.js';
import { type CaseFactory, HOUR, call, codeOf, filters, ingest, msg, query } from './support.js';

const T0 = Date.UTC(2022, 5, 1, 8);
const at = (h: number) => T0 + h * HOUR;
const A = 'sky:tana';
const B = 'sky:tboban';
const IBAN = 'RS35260005601001611379';

const RECORDS: ClewRecord[] = [
  { type: 'account', ref: A, kind: 'pin', displayName: 'Ana' },
  { type: 'account', ref: B, kind: 'pin', displayName: 'Boban' },
  msg(A, [B], at(1), `plati na ${IBAN} u Antwerpen`),
  msg(B, [A], at(2), 'dobro'),
  msg(A, [B], at(3), 'sutra kafa', { conversation: 'grp-1' }),
  call(A, B, at(4), 30),
];

/** The fold of a log (oldest first): the annotations in force, keyed as the store keys them. */
function fold(events: AnnotationEvent[]): Map<string, AnnotationEvent> {
  const out = new Map<string, AnnotationEvent>();
  for (const e of [...events].sort((x, y) => x.id - y.id)) {
    const k = `${e.item.type}|${e.item.key}|${e.kind}|${e.key}`;
    if (e.action === 'add') out.set(k, e);
    else out.delete(k);
  }
  return out;
}

const keyOf = (a: Annotation) => `${a.item.type}|${a.item.key}|${a.kind}|${a.key}`;

async function items(s: CaseStore): Promise<{ messages: number[]; call: number; account: number; conversation: number }> {
  const messages = (await s.search(filters({}), { limit: 10 })).hits.map((h) => h.id).sort((x, y) => x - y);
  const account = (await s.resolveAccounts(A))[0]!.id;
  const m = await s.message(messages[2]!);
  // calls have no reader of their own: the one call of the case is id 1 on both backends
  return { messages, call: 1, account, conversation: m.conversationId! };
}

export function describeAnnotations(factory: CaseFactory): void {
  describe('annotations', () => {
    it('tag, note and star every kind of item, keep author and time, and fold the log into what is in force', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const ids = await items(s);
        const msg0: ItemKey = { type: 'message', key: String(ids.messages[0]) };
        const person = await s.identity().merge(ids.account, (await s.resolveAccounts(B))[0]!.id, { by: 'test', name: 'Ana i Boban' });
        const targets: ItemKey[] = [
          msg0,
          { type: 'call', key: String(ids.call) },
          { type: 'account', key: String(ids.account) },
          { type: 'person', key: String(person.id) },
          { type: 'conversation', key: String(ids.conversation) },
          { type: 'entity', key: `iban=${IBAN}` },
        ];
        const gen0 = await s.generation();
        for (const [i, item] of targets.entries()) {
          const e = await s.annotate({ item, kind: 'tag', action: 'add', key: 'suspect', value: 'Suspect', by: 'ana', at: at(10 + i) });
          expect(e).toMatchObject({ item, kind: 'tag', action: 'add', key: 'suspect', value: 'Suspect', by: 'ana', at: at(10 + i), undoes: null });
        }
        expect(await s.generation()).toBeGreaterThan(gen0);
        // adding it again changes nothing and writes nothing
        expect(await s.annotate({ item: msg0, kind: 'tag', action: 'add', key: 'suspect', value: 'SUSPECT', by: 'bob' })).toBeNull();
        const note = (await s.annotate({ item: msg0, kind: 'note', action: 'add', key: '', value: 'IBAN of <b>Ana</b>\'s brother', words: 'iban of b ana b s brother', by: 'ana', at: at(20) }))!;
        expect(note.key).toBe(String(note.id));
        const star = (await s.annotate({ item: msg0, kind: 'star', action: 'add', key: 'ignored', value: 'ignored', by: 'ana', at: at(21) }))!;
        expect(star).toMatchObject({ kind: 'star', key: '', value: '' });
        await s.annotate({ item: msg0, kind: 'tag', action: 'add', key: 'courier', value: 'courier', by: 'bob', at: at(22) });
        expect(await s.annotate({ item: msg0, kind: 'tag', action: 'remove', key: 'courier', value: '', by: 'bob', at: at(23) })).toMatchObject({ action: 'remove', value: 'courier' });
        expect(await s.annotate({ item: msg0, kind: 'tag', action: 'remove', key: 'courier', value: '', by: 'bob' })).toBeNull();

        const on = await s.annotationsOf([msg0, targets[2]!]);
        expect(on.map((a) => [a.item.type, a.kind, a.key, a.value, a.by])).toEqual([
          ['message', 'note', note.key, 'IBAN of <b>Ana</b>\'s brother', 'ana'],
          ['message', 'star', '', '', 'ana'],
          ['message', 'tag', 'suspect', 'Suspect', 'ana'],
          ['account', 'tag', 'suspect', 'Suspect', 'ana'],
        ]);
        const log = await s.annotationEvents({ limit: 100 });
        expect(log.map((e) => e.id)).toEqual([...log.map((e) => e.id)].sort((x, y) => y - x));
        expect(log).toHaveLength(targets.length + 4);
        const all = await s.annotationsOf(targets);
        expect([...fold(log).keys()].sort()).toEqual(all.map(keyOf).sort());
        expect((await s.annotationEvents({ limit: 2, item: msg0 })).map((e) => e.action)).toEqual(['remove', 'add']);
        expect(await s.annotationEvents({ limit: 100, before: log.at(-1)!.id })).toEqual([]);

        expect((await s.taggedItems('suspect')).map((i) => i.type)).toEqual(targets.map((t) => t.type));
        expect(await s.taggedItems('suspect', 'account')).toEqual([targets[2]]);
        expect(await s.tags()).toEqual([{ tag: 'suspect', name: 'Suspect', items: targets.length }]);

        // the source records are untouched
        const m = await s.message(ids.messages[0]!);
        expect(m.body).toBe(`plati na ${IBAN} u Antwerpen`);
      } finally {
        await tc.cleanup();
      }
    });

    it('refuse an item the case does not hold, and a note that is not there', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const add = (item: ItemKey) => s.annotate({ item, kind: 'tag', action: 'add', key: 'x', value: 'x', by: 't' });
        for (const item of [
          { type: 'message', key: '999' },
          { type: 'message', key: 'abc' },
          { type: 'message', key: '1e3' },
          { type: 'call', key: '99' },
          { type: 'account', key: '99' },
          { type: 'person', key: '1' },
          { type: 'conversation', key: '99' },
          { type: 'place', key: 'nowhere' },
          { type: 'entity', key: 'iban=NL00' },
          { type: 'entity', key: 'noequals' },
        ] as ItemKey[])
          expect(await codeOf(add(item))).toBe('NOT_FOUND');
        const m = (await s.search(filters({}), { limit: 1 })).hits[0]!.id;
        expect(await codeOf(s.annotate({ item: { type: 'message', key: String(m) }, kind: 'note', action: 'remove', key: '12345', value: '', by: 't' }))).toBe('NOT_FOUND');
        expect(await codeOf(s.undoAnnotation(424242, 't'))).toBe('NOT_FOUND');
        expect(await s.annotationEvents({ limit: 10 })).toEqual([]);
      } finally {
        await tc.cleanup();
      }
    });

    it('undo with a compensating event that survives a reopen; undoing the undo redoes; a second undo is refused', async () => {
      const tc = await factory();
      let reopened: CaseStore | null = null;
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const m = (await s.search(filters({}), { limit: 1 })).hits[0]!.id;
        const item: ItemKey = { type: 'message', key: String(m) };
        const tag = (await s.annotate({ item, kind: 'tag', action: 'add', key: 'suspect', value: 'suspect', by: 'ana' }))!;
        const note = (await s.annotate({ item, kind: 'note', action: 'add', key: '', value: 'first note', words: 'first note', by: 'ana' }))!;
        const gone = (await s.annotate({ item, kind: 'note', action: 'remove', key: note.key, value: '', by: 'ana' }))!;
        expect(await s.annotationsOf([item])).toHaveLength(1);

        reopened = await openCase(tc.locator);
        const r = reopened;
        const u1 = await r.undoAnnotation(gone.id, 'bob', at(30));
        expect(u1).toMatchObject({ action: 'add', kind: 'note', key: note.key, value: 'first note', by: 'bob', at: at(30), undoes: gone.id });
        const u2 = await r.undoAnnotation(tag.id, 'bob');
        expect(u2).toMatchObject({ action: 'remove', kind: 'tag', key: 'suspect', undoes: tag.id });
        expect(await codeOf(r.undoAnnotation(tag.id, 'bob'))).toBe('INVALID_ARGUMENT');
        expect((await r.annotationsOf([item])).map((a) => [a.kind, a.value])).toEqual([['note', 'first note']]);
        // the restored note is found by its words again
        expect((await r.search({ ...filters({}), noteWords: ['first'] }, { limit: 5 })).hits.map((h) => h.id)).toEqual([m]);
        const redo = await r.undoAnnotation(u2.id, 'bob');
        expect(redo).toMatchObject({ action: 'add', key: 'suspect', undoes: u2.id });
        expect((await s.annotationsOf([item])).map((a) => a.kind).sort()).toEqual(['note', 'tag']);
        const log = await s.annotationEvents({ limit: 100 });
        expect(log.map((e) => e.action)).toEqual(['add', 'remove', 'add', 'remove', 'add', 'add']);
        expect([...fold(log).keys()].sort()).toEqual((await s.annotationsOf([item])).map(keyOf).sort());
      } finally {
        await reopened?.close();
        await tc.cleanup();
      }
    });

    it('filter a search by tag: and note:, with words and other filters, every value a parameter', async () => {
      const tc = await factory();
      try {
        const s = tc.store;
        await ingest(s, RECORDS, { analyse: true });
        const ids = (await s.search(filters({}), { limit: 10 })).hits.map((h) => h.id).sort((x, y) => x - y);
        const put = (id: number, key: string) => s.annotate({ item: { type: 'message', key: String(id) }, kind: 'tag', action: 'add', key, value: key, by: 't' });
        await put(ids[0]!, 'suspect');
        await put(ids[2]!, 'suspect');
        await put(ids[2]!, "x' OR 1=1 --");
        await s.annotate({ item: { type: 'message', key: String(ids[1]!) }, kind: 'note', action: 'add', key: '', value: 'Zove brata', words: 'zove brata', by: 't' });
        const found = async (q: Parameters<CaseStore['search']>[0]) => (await s.search(q, { limit: 10, count: 100 })).hits.map((h) => h.id);
        expect(await found({ ...filters({}), tags: ['suspect'] })).toEqual([ids[2], ids[0]]);
        expect(await found({ ...query('kafa'), tags: ['suspect'] })).toEqual([ids[2]]);
        expect(await found({ ...query('dobro'), tags: ['suspect'] })).toEqual([]);
        expect(await found({ ...filters({}), tags: ['suspect', "x' OR 1=1 --"] })).toEqual([ids[2]]);
        expect(await found({ ...filters({}), tags: ['nothing'] })).toEqual([]);
        expect(await found({ ...filters({}), noteWords: ['brata'] })).toEqual([ids[1]]);
        expect(await found({ ...filters({}), noteWords: ['brat'] })).toEqual([]);
        expect(await found({ ...filters({}), noteWords: ['%'] })).toEqual([]);
        expect((await s.search({ ...filters({}), tags: ['suspect'] }, { limit: 1, count: 100 })).total).toEqual({ count: 2, capped: false });
      } finally {
        await tc.cleanup();
      }
    });
  });
}
