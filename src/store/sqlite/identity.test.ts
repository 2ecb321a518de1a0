import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../model/records.js';
import { openSqliteCase } from './store.js';
import { analyserFor } from '../conformance/support.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const msg = (from: string, to: string, iso: string, body: string): ClewRecord => ({ type: 'message', from, to: [to], channel: 'chat', body, ts: Date.parse(iso), tzOffset: 0 });
const OLD = 'skyecc:A00001';
const NEW = 'skyecc:A00002';
const C = 'skyecc:C00001';
const D = 'skyecc:D00001';

async function sampleCase() {
  const d = mkdtempSync(join(tmpdir(), 'clew-identity-'));
  dirs.push(d);
  const records: ClewRecord[] = [
    { type: 'account', ref: OLD, kind: 'pin', displayName: 'Đorđević' },
    { type: 'account', ref: NEW, kind: 'pin' },
    { type: 'contact', owner: C, contact: OLD, name: 'Đorđević' },
    { type: 'contact', owner: C, contact: NEW, name: 'Ђорђевић' },
    { type: 'device', account: OLD, identifiers: { imei: '356938035643809' } },
    { type: 'device', account: NEW, identifiers: { imei: '356938035643809' } },
    msg(OLD, C, '2021-01-05T10:00:00Z', 'kafa sutra'),
    msg(OLD, D, '2021-01-06T10:00:00Z', 'ok'),
    msg(NEW, C, '2021-01-09T10:00:00Z', 'Brate ovo je moj novi broj'),
    msg(NEW, D, '2021-01-10T10:00:00Z', 'ok'),
  ];
  const store = openSqliteCase(join(d, 'c.clew'), { create: true, threadedWriter: false });
  const w = await store.beginSource({ path: join(d, 'a.jsonl'), name: 'a.jsonl', size: 1, sha256: 'a'.repeat(64), format: 'canonical', options: {} });
  await w.writeBatch((await analyserFor(store))(records.map((record, i) => ({ kind: 'record', record, locator: { line: i + 1 } }))), { offset: null, line: records.length + 1, itemsDone: records.length });
  await w.finish();
  const ids = new Map<string, number>();
  for await (const chunk of store.accounts()) for (const a of chunk) ids.set(a.ref, a.id);
  const id = (ref: string) => ids.get(ref)!;
  return { store, id, path: join(d, 'c.clew') };
}

describe('identity store', () => {
  it('loads handles with activity, contacts, links, device identifiers and statement candidates', async () => {
    const { store, id } = await sampleCase();
    const data = await store.identity().data(['novi broj']);
    const old = data.handles.find((h) => h.id === id(OLD))!;
    expect(old).toMatchObject({ displayName: 'Đorđević', messages: 2, first: Date.parse('2021-01-05T10:00:00Z'), last: Date.parse('2021-01-06T10:00:00Z') });
    expect(old.hours[10]).toBe(2);
    expect(data.contacts.filter((c) => c.owner === id(C)).map((c) => c.name).sort()).toEqual(['Đorđević', 'Ђорђевић']);
    expect(data.links).toContainEqual({ a: id(OLD), b: id(C), count: 1 });
    expect(data.identifiers.filter((x) => x.type === 'imei').map((x) => x.account).sort()).toEqual([id(OLD), id(NEW)].sort());
    expect(data.statements.map((s) => [s.sender, s.recipients])).toEqual([[id(NEW), [id(C)]]]);
    expect(data.members).toEqual([]);
    await store.close();
  });

  it('merges, splits, rejects and unrejects, logging who, when and why; source records untouched', async () => {
    const { store, id } = await sampleCase();
    const ix = store.identity();
    const before = await store.stats();
    const p = await ix.merge(id(OLD), id(NEW), { by: 'analyst1', why: 'same IMEI', name: 'Đorđe', at: 1000 });
    expect(p.name).toBe('Đorđe');
    expect(p.accounts.map((a) => a.ref)).toEqual([OLD, NEW]);
    expect(await ix.persons()).toHaveLength(1);
    expect((await ix.members()).get(id(NEW))).toEqual({ person: p.id, name: 'Đorđe' });
    expect((await store.identity().data([])).members).toHaveLength(2);
    // a third account joins the same person
    const p2 = await ix.merge(id(C), id(NEW), { by: 'analyst1' });
    expect(p2.id).toBe(p.id);
    expect(p2.accounts).toHaveLength(3);
    expect(await ix.split(id(C), { by: 'analyst2', why: 'wrong' })).toEqual({ person: p.id, remaining: 2 });
    expect(await ix.split(id(OLD), { by: 'analyst2' })).toEqual({ person: p.id, remaining: 0 });
    expect(await ix.persons()).toEqual([]);
    await expect(ix.split(id(OLD), { by: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await ix.reject(id(D), id(NEW), { by: 'analyst1', why: 'different hours' });
    expect((await store.identity().data([])).rejected).toEqual([[Math.min(id(D), id(NEW)), Math.max(id(D), id(NEW))]]);
    expect(await ix.unreject(id(NEW), id(D), { by: 'analyst1' })).toBe(true);
    expect(await ix.unreject(id(NEW), id(D), { by: 'analyst1' })).toBe(false);
    const log = await ix.decisions(10);
    expect(log.map((x) => x.action)).toEqual(['unreject', 'reject', 'split', 'split', 'merge', 'merge']);
    expect(log.at(-1)).toMatchObject({ by: 'analyst1', why: 'same IMEI', at: 1000, person: p.id, accounts: [id(OLD), id(NEW)] });
    await expect(ix.merge(id(OLD), id(OLD), { by: 'x' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ix.merge(id(OLD), 99_999, { by: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await store.stats()).messages).toBe(before.messages);
    await store.close();
  });

  it('reads a case written before the identity tables (schema 1) as "no persons", even read-only (it is migrated when opened)', async () => {
    const { store, path } = await sampleCase();
    const raw = (store as unknown as { raw: { exec(s: string): void } }).raw;
    raw.exec('DROP TABLE persons; DROP TABLE person_members; DROP TABLE identity_decisions; DROP TABLE identity_rejections; PRAGMA user_version = 1;');
    await store.close();
    const ro = openSqliteCase(path, { readonly: true });
    expect(await ro.identity().persons()).toEqual([]);
    expect(await ro.identity().decisions(5)).toEqual([]);
    expect((await ro.identity().data([])).members).toEqual([]);
    await ro.close();
    const rw = openSqliteCase(path, { threadedWriter: false });
    expect((await rw.identity().merge(1, 2, { by: 'a' })).accounts).toHaveLength(2);
    await rw.close();
  });
});
