/**
 * Legal filters (store/postgres/team/legal.ts) in SQL as the team server connects (clew.user set per transaction) and
 * through the store opened as a user: a message under a filter the user is not granted is absent
 * from messages, search, counts, edges and the network counted from them, dossier counts,
 * mentions, annotations, translations, attachments and their blobs, a thread's conversation; a
 * granted user sees it; WITH CHECK refuses writes that would reveal it; filters by account,
 * thread and window cover messages ingested later, a search's stays as evaluated; copies from
 * another source go with their message; only an owner manages filters, and the database says so.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFilter, filtersHiddenFrom, grantFilter, listFilters, removeFilter, revokeFilter } from './legal.js';
import type { ClewRecord } from '../model/records.js';
import { DAY, codeOf, collect, ingest, msg, query } from '../store/conformance/support.js';
import { openPostgresStore } from '../store/postgres/open.js';
import type { PostgresCaseStore } from '../store/postgres/store.js';
import { testCaseLocator } from '../store/postgres/test-support/pg-case.js';
import { edgesSql } from '../store/postgres/read-network.js';
import type { LegalFilter } from '../store/postgres/team/legal.js';
import { PASSWORD, type TeamFixture, teamFixture, uniqueUser, userSql } from '../store/postgres/team/test-support/team.js';

const T0 = Date.UTC(2021, 2, 1, 9);
const MIN = 60_000;

const records: ClewRecord[] = [
  msg('sky:ana', ['sky:lawyer'], T0, 'privileged advice, call me on +381 64 1234567 about kafa', { nativeId: 'n1', attachments: ['a1'] }),
  { type: 'attachment', nativeId: 'a1', message: 'n1', filename: 'memo.txt', mime: 'text/plain', content: new TextEncoder().encode('the secret memo') },
  msg('sky:lawyer', ['sky:ana'], T0 + MIN, 'reply on the kafa matter'),
  msg('sky:ana', ['sky:bob'], T0 + 2 * MIN, 'kafa normal'),
  msg('sky:bob', ['sky:ana'], T0 + 3 * MIN, 'brod stiže sutra'),
  msg('sky:ana', ['sky:bob'], T0 + DAY, 'late kafa'),
  msg('sky:bob', ['sky:carl'], T0 + 5 * MIN, 'group talk kafa', { conversation: 'secretgrp' }),
];

let f: TeamFixture;
let L: PostgresCaseStore;
let sql: pg.Client;
let admin: pg.Client;
const u = { owner: 0, x: 0, g: 0 };
const names = { owner: '', x: '', g: '' };
/** Message ids by body's first word. */
const id: Record<string, number> = {};
let filters: LegalFilter[] = [];

const { as, count: n, sqlstate } = userSql(() => sql);
const visibleIds = async () => (await sql.query('SELECT id FROM messages WHERE case_id = $1 ORDER BY id', [L.db.caseId])).rows.map((r: { id: number }) => Number(r.id));

beforeAll(async () => {
  f = await teamFixture();
  L = await openPostgresStore(testCaseLocator('legal'), { create: true });
  await ingest(L, records, { analyse: true });
  admin = await f.adminClient();
  for (const r of (await admin.query('SELECT id, body FROM messages WHERE case_id = $1', [L.db.caseId])).rows) id[String(r.body).split(/[ ,]/)[0]!] = Number(r.id);
  // what derives from the privileged message, made before the filter
  await L.annotate({ item: { type: 'message', key: String(id.privileged) }, kind: 'note', action: 'add', key: '', value: 'note on advice', by: 'admin' });
  await L.saveTranslations([
    { messageId: id.privileged!, target: 'en', engine: 'apertium', pair: 'hbs-eng', version: '1', engineVersion: '1', sourceLang: 'sr', text: 'tr advice', failure: null, failed: null, at: 1, lexicon: [] },
  ]);
  for (const k of ['owner', 'x', 'g'] as const) {
    names[k] = uniqueUser(`legal${k}`);
    u[k] = (await f.admin.addUser(names[k], PASSWORD)).id;
    await f.admin.grant(names[k], L.db.caseName, k === 'owner' ? 'owner' : 'analyst');
  }
  const thread = Number((await admin.query(`SELECT id FROM conversations WHERE case_id = $1 AND ref LIKE '%secretgrp%'`, [L.db.caseId])).rows[0].id);
  filters = [
    await addFilter(L, { kind: 'privileged', label: 'lawyer–client: lawyer', accounts: ['sky:lawyer'] }, 'admin'),
    await addFilter(L, { kind: 'outside_period', label: 'after the warrant', from: T0 + DAY / 2, to: T0 + 30 * DAY }, 'admin'),
    await addFilter(L, { kind: 'privileged', label: 'defence group', threads: [thread] }, 'admin'),
    await addFilter(L, { kind: 'privileged', label: 'brod talk', query: 'brod' }, 'admin'),
  ];
  for (const fl of filters) await grantFilter(L, fl.id, names.g, 'admin');
  sql = await f.serverClient();
});
afterAll(async () => {
  await L?.close();
  await f?.close();
});

describe('legal filters in SQL, as the team server connects', () => {
  it('were made as asked: a search fixed when evaluated, the others evaluated on every query', async () => {
    expect(filters.map((x) => x.selection)).toEqual([{ accounts: [expect.any(Number)] }, { window: { from: T0 + DAY / 2, to: T0 + 30 * DAY } }, { threads: [expect.any(Number)] }, { query: 'brod' }]);
    expect(filters[3]!.evaluatedAt).toBeGreaterThan(0);
    expect(filters[3]!.fixedMessages).toBe(1);
    expect(filters[0]!.evaluatedAt).toBeNull();
    expect((await listFilters(L)).map((x) => x.grantees)).toEqual(filters.map(() => [names.g]));
    // preconditions: what the privileged message has, as the admin sees it
    expect(Number((await admin.query('SELECT count(*) AS n FROM mentions WHERE case_id = $1 AND message_id = $2', [L.db.caseId, id.privileged])).rows[0].n)).toBeGreaterThan(0);
    expect(Number((await admin.query('SELECT count(*) AS n FROM attachments WHERE case_id = $1', [L.db.caseId])).rows[0].n)).toBe(1);
    expect(Number((await admin.query('SELECT count(*) AS n FROM blobs WHERE case_id = $1', [L.db.caseId])).rows[0].n)).toBe(1);
  });

  it('a user not granted the filters reads none of their messages, nor anything derived from them', async () => {
    const c = L.db.caseId;
    const hidden = [id.privileged, id.reply, id.brod, id.late, id.group];
    await as(u.x, async () => {
      expect(await visibleIds()).toEqual([id.kafa]);
      expect(await n('SELECT count(*) AS n FROM messages WHERE id = ANY($1::bigint[])', [hidden])).toBe(0);
      expect(await n(`SELECT count(*) AS n FROM messages WHERE case_id = $1 AND fts @@ 'privileged'::tsquery`, [c])).toBe(0);
      expect(await n('SELECT count(*) AS n FROM message_recipients WHERE case_id = $1', [c])).toBe(1);
      expect(await n('SELECT count(*) AS n FROM mentions WHERE case_id = $1 AND message_id = ANY($2::bigint[])', [c, hidden])).toBe(0);
      expect(await n('SELECT count(*) AS n FROM translations WHERE case_id = $1', [c])).toBe(0);
      expect(await n('SELECT count(*) AS n FROM annotations WHERE case_id = $1', [c])).toBe(0);
      expect(await n('SELECT count(*) AS n FROM annotation_events WHERE case_id = $1', [c])).toBe(0);
      expect(await n('SELECT count(*) AS n FROM attachments WHERE case_id = $1', [c])).toBe(0);
      expect(await n('SELECT count(*) AS n FROM blobs WHERE case_id = $1', [c])).toBe(0);
      expect(await n(`SELECT count(*) AS n FROM conversations WHERE case_id = $1 AND ref LIKE '%secretgrp%'`, [c])).toBe(0);
      expect(await n('SELECT count(*) AS n FROM conversation_members WHERE case_id = $1', [c])).toBe(0);
      // the aggregate table holds no row of the case for them; the edges they get are counted from what they see
      expect(await n('SELECT count(*) AS n FROM edges WHERE case_id = $1', [c])).toBe(0);
      expect(await n('SELECT count(*) AS n FROM edge_deltas WHERE case_id = $1', [c])).toBe(0);
      const e = (await sql.query(`SELECT src, dst, count FROM ${edgesSql('$1')} e ORDER BY src, dst`, [c])).rows;
      expect(e).toHaveLength(1);
      expect(Number(e[0].count)).toBe(1);
      // the filters themselves: not theirs to see
      expect(await n('SELECT count(*) AS n FROM legal_filters')).toBe(0);
      expect(await n('SELECT count(*) AS n FROM legal_hidden')).toBe(0);
      expect(await n('SELECT count(*) AS n FROM legal_filter_grants')).toBe(0);
    });
  });

  it('a granted user reads all of them, and the edges table as the admin does', async () => {
    const c = L.db.caseId;
    const all = (await admin.query('SELECT id FROM messages WHERE case_id = $1 ORDER BY id', [c])).rows.map((r: { id: number }) => Number(r.id));
    const edges = Number((await admin.query('SELECT count(*) AS n FROM edges WHERE case_id = $1', [c])).rows[0].n);
    expect(edges).toBeGreaterThan(3);
    await as(u.g, async () => {
      expect(await visibleIds()).toEqual(all);
      expect(await n('SELECT count(*) AS n FROM attachments WHERE case_id = $1', [c])).toBe(1);
      expect(await n('SELECT count(*) AS n FROM translations WHERE case_id = $1', [c])).toBe(1);
      expect(await n('SELECT count(*) AS n FROM edges WHERE case_id = $1', [c])).toBe(edges);
      expect(await n(`SELECT count(*) AS n FROM ${edgesSql('$1')} e`, [c])).toBe(edges);
      expect(await n('SELECT count(*) AS n FROM legal_filters')).toBe(4);
    });
    // the owner made none of them and is granted none: hidden from them too
    await as(u.owner, async () => {
      expect(await visibleIds()).toEqual([id.kafa]);
      expect(await n('SELECT count(*) AS n FROM legal_filters')).toBe(4);
    });
  });

  it('WITH CHECK refuses writes that would reveal a hidden message; the visible one may be written', async () => {
    const c = L.db.caseId;
    await as(u.x, async () => {
      const note = `INSERT INTO annotations (case_id, item_type, item_key, kind, key, value, words, by, at, event_id) VALUES ($1, 'message', $2, 'tag', 'k', 'v', 'v', 'x', 1, 999)`;
      expect(await sqlstate(note, [c, String(id.privileged)])).toBe('42501');
      expect(await sqlstate(note, [c, String(id.kafa)])).toBe('ok');
      const tr = `INSERT INTO translations (case_id, message_id, target, engine, pair, version, engine_version, source_lang, text, at) VALUES ($1, $2, 'de', 'e', 'p', '1', '1', 'sr', 't', 1)`;
      expect(await sqlstate(tr, [c, id.reply])).toBe('42501');
      expect(await sqlstate(tr, [c, id.kafa])).toBe('ok');
      expect(await sqlstate(`INSERT INTO saved_search_hits (case_id, search, message_id, run) VALUES ($1, 's', $2, 1)`, [c, id.brod])).toBe('42501');
      // nor may they change a filter or grant themselves one (owners only)
      expect(await sqlstate(`INSERT INTO legal_filter_grants (filter_id, user_id, granted_by, granted_at) VALUES ($1, $2, 'x', 1)`, [filters[0]!.id, u.x])).toBe('42501');
      expect(await sqlstate(`DELETE FROM legal_filters`)).toBe('ok');
    });
    expect((await listFilters(L)).length).toBe(4);
  });

  it('through the store opened as the user: search, counts, network, dossier; which filters hide rows from whom', async () => {
    const sx = (await f.server.openCaseAs(u.x, L.db.caseName)) as PostgresCaseStore;
    const sg = (await f.server.openCaseAs(u.g, L.db.caseName)) as PostgresCaseStore;
    const so = (await f.server.openCaseAs(u.owner, L.db.caseName)) as PostgresCaseStore;
    try {
      expect(sx.hiddenFilters).toEqual(filters.map((x) => x.id));
      expect(so.hiddenFilters).toEqual(filters.map((x) => x.id));
      expect(sg.hiddenFilters).toEqual([]);
      expect(await filtersHiddenFrom(sx)).toEqual(filters.map((x) => x.id));
      expect((await sx.search(query('kafa'), { limit: 50 })).hits.map((h) => h.id)).toEqual([id.kafa]);
      expect((await sg.search(query('kafa'), { limit: 50 })).hits.length).toBe(5);
      // a hidden id answers as an id that does not exist
      const missing = await sx.message(id.privileged!).then(() => null, (e: Error & { code?: string }) => [e.code, e.message.replace(/\d+/, 'N')]);
      const none = await sx.message(id.privileged! + 7).then(() => null, (e: Error & { code?: string }) => [e.code, e.message.replace(/\d+/, 'N')]);
      expect(missing).toEqual(['NOT_FOUND', 'no message N']);
      expect(missing).toEqual(none);
      expect((await sg.message(id.privileged!)).body).toContain('privileged');
      const stats = await sx.stats();
      expect(stats.messages).toBe(1);
      expect(stats.attachments).toBe(0);
      expect(stats.edges).toBe(1);
      expect(stats.topTalkers.map((t) => [t.account.ref, t.sent + t.received])).toEqual([
        ['sky:ana', 1],
        ['sky:bob', 1],
      ]);
      const edges = (await collect(sx.edges())).map((e) => e.count);
      expect(edges).toEqual([1]);
      const gEdges = await collect(sg.edges());
      expect(gEdges.length).toBe((await collect(L.edges())).length);
      const ana = (await sx.resolveAccounts('sky:ana'))[0]!;
      const d = await sx.dossier([ana.id]);
      expect(d.activity.sent + d.activity.received).toBe(1);
      expect(d.contacts.map((x) => x.account.ref)).toEqual(['sky:bob']);
      const dg = await sg.dossier([ana.id]);
      expect(dg.contacts.map((x) => x.account.ref).sort()).toEqual(['sky:bob', 'sky:lawyer']);
      expect((await sx.entities({ limit: 100 })).filter((e) => e.type === 'phone')).toEqual([]);
    } finally {
      await sx.close();
      await sg.close();
      await so.close();
    }
  });

  it('messages ingested later: under an account, thread or window filter at once; a search stays as evaluated; copies go with their message', async () => {
    await ingest(
      L,
      [
        msg('sky:lawyer', ['sky:bob'], T0 + 10 * MIN, 'new privileged note'),
        msg('sky:ana', ['sky:bob'], T0 + 11 * MIN, 'another brod today'),
        msg('sky:ana', ['sky:bob'], T0 + 2 * DAY, 'outside kafa'),
        msg('sky:carl', ['sky:bob'], T0 + 12 * MIN, 'more group talk', { conversation: 'secretgrp' }),
        // a copy of the message the search selected, from another source
        msg('sky:bob', ['sky:ana'], T0 + 3 * MIN, 'brod stiže sutra'),
      ],
      { sha: 'b', name: 'b.jsonl', analyse: true },
    );
    const rows = (await admin.query('SELECT id, body, dup_of FROM messages WHERE case_id = $1 ORDER BY id', [L.db.caseId])).rows;
    const copy = rows.find((r: { dup_of: number | null }) => Number(r.dup_of) === id.brod);
    expect(copy).toBeDefined();
    const another = Number(rows.find((r: { body: string }) => r.body === 'another brod today').id);
    await as(u.x, async () => {
      expect(await visibleIds()).toEqual([id.kafa, another]);
    });
    await as(u.g, async () => {
      expect((await visibleIds()).length).toBe(rows.length);
    });
  });

  it('only an owner manages filters (the database refuses the others); revoke, grant and remove hold at the next query', async () => {
    const sx = (await f.server.openCaseAs(u.x, L.db.caseName)) as PostgresCaseStore;
    const so = (await f.server.openCaseAs(u.owner, L.db.caseName)) as PostgresCaseStore;
    try {
      expect(await codeOf(addFilter(sx, { kind: 'privileged', label: 'mine', accounts: ['sky:bob'] }, names.x))).toBe('NOT_OWNER');
      expect(await codeOf(removeFilter(sx, filters[0]!.id))).toBe('NOT_FOUND');
      expect(await codeOf(grantFilter(sx, filters[0]!.id, names.x, names.x))).toBe('NOT_FOUND');
      expect(await listFilters(sx)).toEqual([]);
      // the owner: revokes the lawyer filter from G, grants the window to X, removes the search
      await revokeFilter(so, filters[0]!.id, names.g);
      await grantFilter(so, filters[1]!.id, names.x, names.owner);
      const removed = await removeFilter(so, filters[3]!.id);
      expect(removed.label).toBe('brod talk');
      expect(await codeOf(removeFilter(so, filters[3]!.id))).toBe('NOT_FOUND');
      const made = await addFilter(so, { kind: 'privileged', label: 'carl', accounts: ['sky:carl'] }, names.owner);
      expect(made.createdBy).toBe(names.owner);
      await as(u.x, async () => {
        const seen = await visibleIds();
        expect(seen).toContain(id.brod);
        expect(seen).toContain(id.late);
        expect(seen).not.toContain(id.privileged);
      });
      await as(u.g, async () => {
        const seen = await visibleIds();
        expect(seen).not.toContain(id.privileged);
        expect(seen).not.toContain(id.reply);
        expect(seen).toContain(id.brod);
        // made after G's grants: carl's messages are hidden from G too
        expect(seen).not.toContain(id.group);
      });
    } finally {
      await sx.close();
      await so.close();
    }
  });
});
