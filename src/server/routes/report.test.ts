/**
 * The evidence-report endpoints over a real HTTP server (and real Chromium for the PDF): make a
 * report from tagged messages with commentary, an introduction and a chart; download its HTML,
 * manifest and PDF; rebuild it from the manifest; and what they refuse.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCase } from '../../api/case.js';
import { ingestFile } from '../../api/ingest.js';
import { search } from '../../api/search.js';
import { addCallSource, buildTestCase, XSS } from '../test-support/case.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { call as http } from '../test-support/http.js';
import type { ReportItemsResponse, ReportMadeResponse, ReportRebuiltResponse, SearchResponse, WireError } from '../wire.js';

let srv: RunningServer;
let root: string;
const call = (method: string, path: string, body?: unknown) => http(srv, method, path, body);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const elements = (n: ChildNode): Element[] => ('children' in n ? [...(n.type === 'tag' || n.type === 'script' ? [n as Element] : []), ...n.children.flatMap(elements)] : []);
const textOf = (n: ChildNode): string => (n.type === 'text' ? (n as unknown as { data: string }).data : 'children' in n ? n.children.map(textOf).join('') : '');

const COMMENTARY = `Kum names the port </div><script>window.__xss=9</script>`;
const INTRO = `The Bar delivery <iframe src=//x></iframe>`;

describe('report routes', () => {
  let ids: number[] = [];
  let otherCaseId = 0;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-report-route-'));
    const { casePath } = await buildTestCase(join(root, 'case'));
    await addCallSource(join(root, 'case'), casePath);
    // another case: a message id it holds and this one does not
    const other = join(root, 'other.jsonl');
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ type: 'message', from: 'skyecc:ZZZ', to: ['skyecc:YYY'], ts: new Date(Date.UTC(2022, 0, 1, 0, i)).toISOString(), body: `other ${i}` }));
    writeFileSync(other, lines.join('\n') + '\n');
    otherCaseId = await withCase(join(root, 'other.clew'), { create: true, threadedWriter: false }, async (s) => {
      await ingestFile(s, other, { analyse: false });
      const hits = await search(s, { query: 'after:2000-01-01', limit: 500 });
      return Math.max(...hits.hits.map((h) => h.id));
    });
    srv = await startTestServer(root, casePath);
    const hits = (await call('GET', `/api/search?q=${encodeURIComponent('kafa OR Контејнер')}&limit=5`)).body as SearchResponse;
    ids = hits.hits.map((h) => h.id).slice(0, 3);
    for (const id of ids) expect((await call('POST', '/api/annotations', { action: 'tag', item: `message:${id}`, tag: `dokaz ${XSS}` })).status).toBe(200);
    expect((await call('POST', '/api/annotations', { action: 'note', item: `message:${ids[0]}`, text: `note ${XSS}` })).status).toBe(200);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the tagged messages, makes the report, serves HTML and manifest, rebuilds it byte for byte', async () => {
    let r = await call('GET', `/api/report/items?tag=${encodeURIComponent(`dokaz ${XSS}`)}`);
    expect(r.status, r.text).toBe(200);
    const items = (r.body as ReportItemsResponse).items;
    expect(items.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(items[0]!.tags).toEqual([`dokaz ${XSS}`]);

    const order = [ids[2]!, ids[0]!];
    r = await call('POST', '/api/report', { items: [{ id: order[0], commentary: COMMENTARY }, { id: order[1], commentary: null }], introduction: INTRO, figures: ['rank:degree:top=3'], context: 1 });
    expect(r.status, r.text).toBe(200);
    const made = r.body as ReportMadeResponse;
    expect(made).toMatchObject({ items: 2, figures: 1 });
    // where to download it is the contract's (GET /report/:sha/:what), not repeated in the answer
    expect(Object.keys(made).sort()).toEqual(['figures', 'htmlBytes', 'htmlSha256', 'items', 'manifestSha256']);

    const html = await call('GET', `/api/report/${made.manifestSha256}/html`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(html.headers['content-disposition'])).toMatch(/^attachment; filename="clew-case-report-[0-9a-f]{12}\.html"$/);
    expect(sha(html.bytes)).toBe(made.htmlSha256);
    const doc = parseDocument(html.text) as unknown as ChildNode;
    const els = elements(doc);
    expect(els.filter((e) => e.name === 'script' || e.name === 'iframe' || e.name === 'img')).toEqual([]);
    const text = textOf(doc);
    for (const s of [COMMENTARY, INTRO, `#dokaz ${XSS}`, `note ${XSS}`, 'the items the analyst chose in the workspace']) expect(text).toContain(s);
    expect(els.filter((e) => e.name === 'svg')).toHaveLength(1);
    expect(els.filter((e) => e.attribs.class === 'item').map((e) => /message (\d+)/.exec(textOf(e))![1])).toEqual(order.map(String));

    const manifest = await call('GET', `/api/report/${made.manifestSha256}/manifest`);
    expect(manifest.headers['content-type']).toBe('application/json; charset=utf-8');
    const m = manifest.json<{ manifestSha256: string; reportSha256: string; introduction: string; items: { commentary: string | null }[] }>();
    expect(m).toMatchObject({ manifestSha256: made.manifestSha256, reportSha256: made.htmlSha256, introduction: INTRO });
    expect(m.items[0]!.commentary).toBe(COMMENTARY);
    r = await call('POST', '/api/report/rebuild', manifest.bytes);
    expect(r.status, r.text).toBe(200);
    expect(r.body as ReportRebuiltResponse).toMatchObject({ identical: true, htmlSha256: made.htmlSha256, changes: [] });

    // a manifest edited by hand: refused, its hash no longer matches
    r = await call('POST', '/api/report/rebuild', Buffer.from(manifest.text.replace('The Bar delivery', 'The Kotor delivery')));
    expect(r.status).toBe(400);
    expect((r.body as WireError).error.message).toContain('was changed after it was written');

    // the PDF, printed by Chromium; the markup stays text in it
    const pdf = await call('GET', `/api/report/${made.manifestSha256}/pdf`);
    expect(pdf.status, pdf.text.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(root, 'r.pdf');
    writeFileSync(file, pdf.bytes);
    const pdfText = spawnSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout;
    expect(pdfText.replace(/\s+/g, ' ')).toContain(COMMENTARY);
    expect(pdfText).toContain('<iframe src=//x></iframe>');
  });

  it('lists an account’s calls, adds a call by tag and by id, and reports it with its context and an ego-network picture', async () => {
    let r = await call('GET', '/api/report/items?account=skyecc:AAA111');
    expect(r.status, r.text).toBe(200);
    const calls = (r.body as ReportItemsResponse).items;
    expect(calls.map((c) => [c.type, c.sender.ref, c.callee?.ref, c.duration])).toEqual([
      ['call', 'skyecc:AAA111', 'skyecc:BBB222', 74],
      ['call', 'skyecc:BBB222', 'skyecc:AAA111', 0],
      ['call', 'skyecc:AAA111', 'skyecc:CCC333', 3605],
    ]);
    r = await call('GET', '/api/report/items?account=skyecc:AAA111&with=skyecc:CCC333');
    expect((r.body as ReportItemsResponse).items.map((c) => c.id)).toEqual([calls[2]!.id]);
    const first = calls[0]!.id;
    expect((await call('POST', '/api/annotations', { action: 'tag', item: `call:${first}`, tag: 'pozivi' })).status).toBe(200);
    expect((await call('POST', '/api/annotations', { action: 'tag', item: `message:${ids[0]}`, tag: 'pozivi' })).status).toBe(200);
    r = await call('GET', '/api/report/items?tag=pozivi');
    expect((r.body as ReportItemsResponse).items.map((c) => `${c.type}:${c.id}`)).toEqual([`call:${first}`, `message:${ids[0]}`]);
    expect((r.body as ReportItemsResponse).items[0]!.tags).toEqual(['pozivi']);
    r = await call('GET', `/api/report/items?calls=${calls[1]!.id},${first}`);
    expect((r.body as ReportItemsResponse).items.map((c) => c.id)).toEqual([calls[1]!.id, first]);

    r = await call('POST', '/api/report', {
      items: [
        { type: 'call', id: first, commentary: `the call ${XSS}` },
        { id: ids[0], commentary: null },
      ],
      figures: ['rank:degree:top=3:scope=ego:skyecc:AAA111:2'],
      context: 3,
    });
    expect(r.status, r.text).toBe(200);
    const made = r.body as ReportMadeResponse;
    const html = await call('GET', `/api/report/${made.manifestSha256}/html`);
    const doc = parseDocument(html.text) as unknown as ChildNode;
    const els = elements(doc);
    expect(els.filter((e) => e.name === 'script' || e.name === 'img')).toEqual([]);
    const section = els.find((e) => e.attribs.class === 'item')!;
    const t = textOf(section);
    expect(t).toContain(`Item 1: call ${first}`);
    expect(t).toContain(`the call ${XSS}`);
    expect(t).toContain('Duration1 min 14 s (74 s)');
    expect(t).toContain(`"id":"k-1 ${XSS}"`); // the raw source record
    expect(t).toContain('▶ CITED · call');
    // its context: the messages and the other call between the two, nearest first on each side
    expect([...t.matchAll(/context · (message|call) (\d+)/g)].map((x) => x[1])).toEqual(['message', 'message', 'message', 'call']);
    // the ego figure: a picture with Kum at the centre, and its bar chart
    expect(els.filter((e) => e.name === 'svg').map((e) => e.attribs.class)).toEqual(['chart ego', 'chart']);
    expect(els.filter((e) => e.name === 'circle' && e.attribs.class === 'centre')).toHaveLength(1);
    const manifest = await call('GET', `/api/report/${made.manifestSha256}/manifest`);
    expect(manifest.json<{ items: { type: string; id: number }[] }>().items).toEqual([
      { type: 'call', id: first, commentary: `the call ${XSS}` },
      { type: 'message', id: ids[0], commentary: null },
    ]);
    r = await call('POST', '/api/report/rebuild', manifest.bytes);
    expect(r.body as ReportRebuiltResponse).toMatchObject({ identical: true, htmlSha256: made.htmlSha256 });

    expect((await call('POST', '/api/report', { items: [{ type: 'call', id: 987654321, commentary: null }] })).status).toBe(404);
    expect((await call('GET', '/api/report/items?calls=987654321')).status).toBe(404);
    expect((await call('GET', '/api/report/items?with=skyecc:AAA111')).status).toBe(400);
  });

  it('refuses a 10 MB commentary, an item of another case, an unknown report, and bad input', async () => {
    let r = await call('POST', '/api/report', { items: [{ id: ids[0], commentary: 'x'.repeat(10 * 1024 * 1024) }] });
    expect(r.status).toBe(413);
    expect((r.body as WireError).error).toMatchObject({ code: 'TOO_LARGE' });
    expect((r.body as WireError).error.message).toContain(`the commentary on item 1 (message ${ids[0]}) is 10,485,760 characters; at most 10,000`);
    r = await call('POST', '/api/report', { items: [{ id: ids[0], commentary: 'x' }], introduction: 'y'.repeat(50_001) });
    expect(r.status).toBe(413);

    const here = (await call('GET', `/api/report/items?ids=${otherCaseId}`)).status;
    expect(here).toBe(404);
    r = await call('POST', '/api/report', { items: [{ id: ids[0], commentary: null }, { id: otherCaseId, commentary: null }] });
    expect(r.status).toBe(404);
    expect((r.body as WireError).error.code).toBe('NOT_FOUND');

    expect((await call('GET', `/api/report/${'a'.repeat(64)}/html`)).status).toBe(404);
    expect((await call('POST', '/api/report', { items: [] })).status).toBe(400);
    expect((await call('POST', '/api/report', { items: [{ id: ids[0], commentary: null }, { id: ids[0], commentary: null }] })).status).toBe(400);
    expect((await call('POST', '/api/report', { items: [{ id: ids[0], commentary: null }], figures: ['rank:nonsense'] })).status).toBe(400);
    expect((await call('POST', '/api/report', Buffer.from('{"items":'))).status).toBe(400);
    expect((await call('GET', '/api/report/items?tag=nothing-tagged')).status).toBe(400);
    expect((await call('GET', '/api/report/items?ids=1,x')).status).toBe(400);
  });
});
