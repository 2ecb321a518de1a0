import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GA, GALLERY_EXIF, GALLERY_FILES, GALLERY_TAKEN_AT, GALLERY_XSS, buildGalleryCase, HTML_PAGE } from '../../api/test-support/gallery-case.js';
import { type RunningServer, startServer } from '../server.js';
import { checkReply } from '../test-support/http.js';
import type { GalleryResponse, WireError } from '../wire.js';

let srv: RunningServer;
let dir: string;

interface Got {
  status: number;
  type: string;
  headers: Headers;
  bytes: Buffer;
}

async function get(path: string): Promise<Got> {
  const res = await fetch(`${srv.origin}${path}`, { headers: { Cookie: `clew_token_${srv.port}=${srv.token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  checkReply('GET', path, { status: res.status, headers: Object.fromEntries(res.headers), text: bytes.toString('utf8') });
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, bytes };
}
const json = <T>(g: Got) => JSON.parse(g.bytes.toString('utf8')) as T;

describe('the attachment gallery routes', () => {
  let ids: Record<string, number> = {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clew-gallery-routes-'));
    const casePath = await buildGalleryCase(join(dir, 'case'));
    srv = await startServer({ casePath, log: () => {}, rateLimit: { capacity: 1000, perSecond: 1000 } });
    const all = json<GalleryResponse>(await get('/api/gallery'));
    ids = Object.fromEntries(all.items.map((i) => [i.filename, i.id]));
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the case, an account, a conversation, images only, a page at a time, with message and EXIF', async () => {
    const all = json<GalleryResponse>(await get('/api/gallery'));
    expect(all.items.map((i) => i.filename)).toEqual(GALLERY_FILES);
    expect(all.scope).toEqual({ kind: 'case', accounts: [], messageId: null });
    const luka = all.items[0]!;
    expect(luka).toMatchObject({ mime: 'image/jpeg', held: true, image: true, takenAt: null, exif: GALLERY_EXIF, message: { sender: { ref: GA, displayName: 'Ana' }, conversationId: null } });
    // a capture time in EXIF without a position
    expect(all.items.find((i) => i.filename === 'kamion.jpg')).toMatchObject({ mime: 'image/jpeg', held: true, takenAt: GALLERY_TAKEN_AT, exif: null });
    expect(all.items.find((i) => i.filename === 'missing.jpg')).toMatchObject({ held: false, image: true });
    expect(all.items.find((i) => i.filename === 'racun.pdf')).toMatchObject({ held: true, image: false });

    const p1 = json<GalleryResponse>(await get('/api/gallery?limit=3'));
    expect(p1.items).toHaveLength(3);
    const p2 = json<GalleryResponse>(await get(`/api/gallery?limit=10&after=${p1.nextAfter}`));
    expect([...p1.items, ...p2.items].map((i) => i.filename)).toEqual(GALLERY_FILES);
    expect(p2.nextAfter).toBeNull();

    const images = json<GalleryResponse>(await get('/api/gallery?images=1'));
    expect(images.items.map((i) => i.filename)).not.toContain('racun.pdf');
    expect(images.items).toHaveLength(GALLERY_FILES.length - 1);

    // Ana's dossier: she sent gm1, received gm2 and gm3
    const ana = json<GalleryResponse>(await get(`/api/gallery?ref=${encodeURIComponent(GA)}&images=1`));
    expect(ana.scope.kind).toBe('accounts');
    expect(ana.scope.accounts.map((a) => a.ref)).toEqual([GA]);
    expect(ana.items.map((i) => i.filename)).toEqual(GALLERY_FILES.filter((f) => f !== 'racun.pdf'));
    // the group conversation of gm3
    const group = all.items.find((i) => i.filename === 'bomb.png')!.message!;
    const conv = json<GalleryResponse>(await get(`/api/gallery?message=${group.id}`));
    expect(conv.scope).toMatchObject({ kind: 'thread', messageId: group.id });
    expect(conv.items.map((i) => i.filename)).toEqual(['bomb.png', 'fake.jpg', 'page.png', GALLERY_XSS, 'missing.jpg']);
    // the direct exchange of gm1 and gm2
    expect(json<GalleryResponse>(await get(`/api/gallery?message=${luka.message!.id}`)).items.map((i) => i.filename)).toEqual(['luka.jpg', 'racun.pdf', 'screenshot.png', 'kamion.jpg']);
  });

  it('refuses bad input by name, and an unknown account or message', async () => {
    for (const [path, param] of [
      ['/api/gallery?limit=0', 'limit'],
      ['/api/gallery?limit=501', 'limit'],
      ['/api/gallery?after=-1', 'after'],
      ['/api/gallery?images=yes', 'images'],
      ['/api/gallery?message=abc', 'message'],
      ['/api/gallery?page=2', 'page'],
    ] as const) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 400]);
      expect(json<WireError>(r).error.message).toContain(param);
    }
    expect(json<WireError>(await get('/api/gallery?ref=sky%3Agal&message=1')).error.code).toBe('INVALID_ARGUMENT');
    expect((await get('/api/gallery?ref=sky%3Anobody')).status).toBe(404);
    expect((await get('/api/gallery?message=999999')).status).toBe(404);
  });

  it('serves a preview as a JPEG clew made, inline, sandboxed, never with the claimed type', async () => {
    for (const [name, w, h] of [
      ['luka.jpg', 320, 240],
      ['screenshot.png', 192, 320],
      [GALLERY_XSS, 64, 64],
      ['kamion.jpg', 200, 100],
    ] as const) {
      const r = await get(`/api/attachments/${ids[name]}/thumbnail`);
      expect([name, r.status, r.type]).toEqual([name, 200, 'image/jpeg']);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(r.headers.get('content-disposition')).toMatch(/^inline; filename="clew-case-attachment-[0-9]+-preview\.jpg"$/);
      expect(r.headers.get('cache-control')).toBe('private, max-age=300');
      const img = jpeg.decode(r.bytes, { useTArray: true });
      expect([name, img.width, img.height]).toEqual([name, w, h]);
    }
    // the second time from the cache: the same bytes
    const a = await get(`/api/attachments/${ids['luka.jpg']}/thumbnail`);
    const b = await get(`/api/attachments/${ids['luka.jpg']}/thumbnail`);
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('answers no preview with a typed error, never the bytes: a bomb, a fake JPEG, HTML claiming PNG, a PDF, bytes not held', async () => {
    const refusals: [string, number, string, RegExp][] = [
      ['bomb.png', 413, 'TOO_LARGE', /100000×100000.*refused before decoding|refused before decoding.*100000×100000/],
      ['fake.jpg', 422, 'FORMAT_UNKNOWN', /not an image: the bytes are text/],
      ['page.png', 422, 'FORMAT_UNKNOWN', /not an image: the bytes are markup text/],
      ['racun.pdf', 422, 'FORMAT_UNKNOWN', /PDF/],
      ['missing.jpg', 404, 'NOT_FOUND', /does not hold the bytes/],
    ];
    for (const [name, status, code, reason] of refusals) {
      const r = await get(`/api/attachments/${ids[name]}/thumbnail`);
      expect([name, r.status]).toEqual([name, status]);
      expect(r.type).toMatch(/^application\/json/);
      expect(r.type).not.toMatch(/html|image\/png/);
      const e = json<WireError>(r).error;
      expect([name, e.code]).toEqual([name, code]);
      expect(e.message).toMatch(reason);
      expect(r.bytes.toString('utf8')).not.toContain('<script>');
    }
    expect((await get('/api/attachments/999999/thumbnail')).status).toBe(404);
    expect((await get('/api/attachments/0/thumbnail')).status).toBe(400);
  });

  it('serves an original only as application/octet-stream to save, whatever it claims', async () => {
    const page = await get(`/api/attachments/${ids['page.png']}/original`);
    expect(page.status).toBe(200);
    expect(page.type).toBe('application/octet-stream');
    expect(page.headers.get('content-disposition')).toBe('attachment; filename="clew-case-attachment-' + ids['page.png'] + '-page.png"');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.bytes.toString('utf8')).toBe(HTML_PAGE);
    const xss = await get(`/api/attachments/${ids[GALLERY_XSS]}/original`);
    expect(xss.type).toBe('application/octet-stream');
    const disposition = xss.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="clew-case-attachment-[0-9]+-img-src-x-onerror-window\.__xss-11\.jpg"$/);
    expect(disposition).not.toMatch(/[<>"]{2}|onerror="/);
    expect([...xss.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect((await get(`/api/attachments/${ids['missing.jpg']}/original`)).status).toBe(404);
  });
});
