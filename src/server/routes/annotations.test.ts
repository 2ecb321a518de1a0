/** The annotation endpoints over a real HTTP server: tag, note, star, undo, history, the tags, and what they refuse. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCoordinateSource, buildTestCase, COORDINATE, XSS } from '../test-support/case.js';
import type { RunningServer } from '../server.js';
import { startTestServer } from '../test-support/server.js';
import { call as http } from '../test-support/http.js';
import type { AnnotationChangeResponse, AnnotationHistoryResponse, AnnotationsResponse, AnnotationTagsResponse, SearchResponse } from '../wire.js';

let srv: RunningServer;
let root: string;

const call = (method: string, path: string, body?: unknown) => http(srv, method, path, body);

describe('annotation routes', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clew-annotate-route-'));
    const { casePath } = await buildTestCase(join(root, 'case'));
    await addCoordinateSource(join(root, 'case'), casePath);
    srv = await startTestServer(root, casePath);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('tag, note and star a message as "analyst", show it on the search hit, undo, and list the log and the tags', async () => {
    const hit = ((await call('GET', `/api/search?q=${encodeURIComponent('Контејнер')}`)).body as SearchResponse).hits[0]!;
    const item = `message:${hit.id}`;
    let r = await call('POST', '/api/annotations', { action: 'tag', item, tag: XSS });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const tagged = r.body as AnnotationChangeResponse;
    expect(tagged.event).toMatchObject({ action: 'add', kind: 'tag', by: 'analyst', value: XSS });
    expect(tagged.annotations.tags.map((t) => t.name)).toEqual([XSS]);
    r = await call('POST', '/api/annotations', { action: 'note', item, text: `brat ${XSS}` });
    expect((r.body as AnnotationChangeResponse).annotations.notes[0]!.text).toBe(`brat ${XSS}`);
    expect((await call('POST', '/api/annotations', { action: 'star', item })).status).toBe(200);

    const found = (await call('GET', `/api/search?q=${encodeURIComponent(`tag:"${XSS.toUpperCase()}"`)}`)).body as SearchResponse;
    expect(found.hits.map((h) => h.id)).toEqual([hit.id]);
    expect(found.hits[0]!.annotations).toMatchObject({ tags: [{ name: XSS }], notes: [{ text: `brat ${XSS}` }], star: { by: 'analyst' } });
    const batch = (await call('GET', `/api/annotations?items=${encodeURIComponent(`${item},message:1`)}`)).body as AnnotationsResponse;
    expect(Object.keys(batch.items)).toEqual([item]);

    r = await call('POST', '/api/annotations/undo', { event: tagged.event!.id });
    expect(r.status).toBe(200);
    expect((r.body as AnnotationChangeResponse).annotations.tags).toEqual([]);
    expect((await call('POST', '/api/annotations/undo', { event: tagged.event!.id })).status).toBe(400);
    const log = (await call('GET', `/api/annotations/history?item=${encodeURIComponent(item)}`)).body as AnnotationHistoryResponse;
    expect(log.events.map((e) => [e.kind, e.action])).toEqual([['tag', 'remove'], ['star', 'add'], ['note', 'add'], ['tag', 'add']]);
    expect(((await call('GET', '/api/annotations/tags')).body as AnnotationTagsResponse).tags).toEqual([]);
  });

  it('reads an account by account:REF (a dossier or the network panel asks so), never by a bare name', async () => {
    const hit = ((await call('GET', `/api/search?q=${encodeURIComponent('Контејнер')}`)).body as SearchResponse).hits[0]!;
    const item = `account:${hit.sender.ref}`;
    const r = await call('POST', '/api/annotations', { action: 'tag', item, tag: 'courier' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const key = `account:${hit.sender.id}`;
    const got = (await call('GET', `/api/annotations?items=${encodeURIComponent(item)}`)).body as AnnotationsResponse;
    expect(Object.keys(got.items)).toEqual([key]);
    expect(got.items[key]!.tags.map((t) => t.name)).toEqual(['courier']);
    expect((await call('GET', `/api/annotations?items=${encodeURIComponent(hit.sender.ref)}`)).status).toBe(400);
    expect((await call('GET', `/api/annotations?items=${encodeURIComponent('account:nobody-at-all')}`)).status).toBe(404);
    const untag = await call('POST', '/api/annotations', { action: 'untag', item, tag: 'COURIER' });
    expect((untag.body as AnnotationChangeResponse).annotations.tags).toEqual([]);
  });

  it('reads items whose reference holds a comma (an entity value) whole through POST /annotations/lookup', async () => {
    const comma = `entity:coordinate=${COORDINATE.value}`;
    const r = await call('POST', '/api/annotations', { action: 'tag', item: comma, tag: 'front company' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((r.body as AnnotationChangeResponse).item).toEqual({ type: 'entity', key: `coordinate=${COORDINATE.value}` });
    const hit = ((await call('GET', '/api/search?q=kafa')).body as SearchResponse).hits[0]!;
    const got = await call('POST', '/api/annotations/lookup', { items: [comma, `entity:coordinate=${COORDINATE.value.split(',')[0]!}`, `message:${hit.id}`] });
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    const items = (got.body as AnnotationsResponse).items;
    expect(Object.keys(items)).toEqual([comma]);
    expect(items[comma]!.tags.map((t) => t.name)).toEqual(['front company']);
    // the comma-separated GET cannot carry it: the part after the comma is no item reference
    expect((await call('GET', `/api/annotations?items=${encodeURIComponent(comma)}`)).status).toBe(400);
    // what the lookup refuses: a bare name, too many items, no list
    expect((await call('POST', '/api/annotations/lookup', { items: ['Kum'] })).status).toBe(400);
    expect((await call('POST', '/api/annotations/lookup', { items: Array.from({ length: 501 }, (_, i) => `message:${i + 1}`) })).status).toBe(400);
    expect((await call('POST', '/api/annotations/lookup', { item: comma })).status).toBe(400);
    await call('POST', '/api/annotations', { action: 'untag', item: comma, tag: 'front company' });
  });

  it('refuses an item not in the case (404), a note too large (413), an empty or too long tag (400), an unknown action (400)', async () => {
    expect((await call('POST', '/api/annotations', { action: 'tag', item: 'message:999', tag: 'x' })).status).toBe(404);
    expect((await call('POST', '/api/annotations', { action: 'tag', item: 'Nobody At All', tag: 'x' })).status).toBe(404);
    const hit = ((await call('GET', '/api/search?q=kafa')).body as SearchResponse).hits[0]!;
    const item = `message:${hit.id}`;
    const big = await call('POST', '/api/annotations', { action: 'note', item, text: 'x'.repeat(10_001) });
    expect(big.status).toBe(413);
    expect((big.body as { error: { message: string } }).error.message).toContain('a note is at most 10,000 characters');
    // a 10 MB note never reaches the API: the body cap refuses it
    expect((await call('POST', '/api/annotations', { action: 'note', item, text: 'x'.repeat(10 * 1024 * 1024) })).status).toBe(413);
    expect((await call('POST', '/api/annotations', { action: 'tag', item, tag: ' ' })).status).toBe(400);
    expect((await call('POST', '/api/annotations', { action: 'tag', item, tag: 'y'.repeat(65) })).status).toBe(400);
    expect((await call('POST', '/api/annotations', { action: 'explode', item })).status).toBe(400);
    expect((await call('GET', '/api/annotations?items=Kum')).status).toBe(400);
  });
});
