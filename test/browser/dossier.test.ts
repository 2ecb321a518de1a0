/**
 * Dossiers, search filters and entity links in Chromium: a dossier opened from a search hit's
 * sender shows contacts, entities and first/last activity; its print layout hides the navigation;
 * the search filter controls compose the query (the URL) and narrow the hits; hostile names,
 * titles and bodies stay text; no CSP violation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { ingestFile } from '../../src/api/ingest.js';
import { type RunningServer, startServer } from '../../src/server/server.js';
import { buildTestCase, XSS } from '../../src/server/test-support/case.js';
import { type Browser, type PageTrouble, screenshot, useWorkspace, WEB_DIST, xssOf } from './harness.js';

let srv: RunningServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;
let dir: string;

const xssFlag = () => xssOf(page);
const shot = (name: string) => screenshot(page, name, true);
const q = () => new URL(page.url()).searchParams.get('q');
const KUM = 'skyecc:AAA111';

describe('dossiers and search filters in Chromium', () => {
  useWorkspace('clew-browser-dossier-', async (d) => (await buildTestCase(join(d, 'case'))).casePath, (w) => ({ srv, browser, page, trouble, dir } = w));

  it('counts the hits and shows the conversation title as text', async () => {
    await page.getByRole('searchbox', { name: 'Search query' }).fill('kafa');
    await page.keyboard.press('Enter');
    await page.getByTestId('hit').first().waitFor();
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('124 messages');
    // infinite scroll still reaches the end (the titled conversation holds the oldest hits)
    for (let i = 0; i < 10 && (await page.getByTestId('hit').count()) < 124; i++) {
      await page.locator('.sentinel').scrollIntoViewIfNeeded();
      await page.waitForTimeout(150);
    }
    expect(await page.getByTestId('hit').count()).toBe(124); // with the Arabic كافا: the case holds Arabic
    expect(await page.getByTestId('hit-conv').first().textContent()).toBe('Chat <b onmouseover=window.__xss=3>1</b>');
    expect(await page.locator('.hits b, .hits img').count()).toBe(0);
    await page.getByTestId('hit-conv').first().scrollIntoViewIfNeeded();
    await shot('dossier-search-hits');
  });

  it("opens a dossier from a search hit's sender: contacts, entities, first and last activity", async () => {
    await page.locator('.hits').getByTestId('dossier-link').first().click();
    await page.getByTestId('dossier').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/dossier/${encodeURIComponent(KUM)}`);
    expect(await page.locator('.dossier-title').textContent()).toBe(`<script>window.__xss=2</script>Kum ${XSS}`);
    const facts = page.getByTestId('dossier-facts');
    await expect.poll(() => facts.textContent()).toContain('2021-03-01 10:00');
    expect(await facts.textContent()).toContain('2021-03-01 12:09'); // the last filler message, 10:00 + 129 min
    expect(await facts.textContent()).toContain('122');
    const contacts = page.getByTestId('dossier-contact');
    expect(await contacts.count()).toBe(1);
    expect(await contacts.first().textContent()).toContain('أبو خالد');
    expect(await contacts.first().locator('.account-name').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await page.getByTestId('dossier-entities').textContent()).toContain('+381641234567');
    expect(await page.getByTestId('dossier-conversations').textContent()).toContain('Chat <b onmouseover=window.__xss=3>1</b>');
    expect(await page.locator('[data-testid=dossier] img, [data-testid=dossier] script, [data-testid=dossier] b').count()).toBe(0);
    for (const [name, path] of [
      ['Network', `/network?focus=${encodeURIComponent(KUM)}`],
      ['Timeline', `/timeline?account=${encodeURIComponent(KUM)}`],
      ['Map', `/map?account=${encodeURIComponent(KUM)}`],
    ] as const)
      expect(await page.getByTestId('dossier').getByRole('link', { name, exact: true }).getAttribute('href')).toBe(path);
    await shot('dossier');
  });

  it('prints: the Print button calls window.print, and print media hides the navigation', async () => {
    await page.evaluate(() => {
      window.print = () => ((window as unknown as { __printed: number }).__printed = 1);
    });
    await page.getByTestId('print').click();
    expect(await page.evaluate(() => (window as unknown as { __printed?: number }).__printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.sidenav').isVisible()).toBe(false);
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await page.getByTestId('dossier-contacts').isVisible()).toBe(true);
    // no controls on paper: no button (a set star stays, as a mark), form, input or undo bar; links are text
    const controls = await page.locator('[data-testid=dossier]').evaluate((root) =>
      [...root.querySelectorAll('button:not(.star.on), form, input, select, textarea, .undo-bar')].filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(controls).toEqual([]);
    expect(await page.getByTestId('dossier-contacts').locator('a').first().evaluate((a) => getComputedStyle(a).textDecorationLine)).toBe('none');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot('dossier-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.sidenav').isVisible()).toBe(true);
  });

  it('lays the dossier out without overlap at every width: sections apart, no section wider than its box', async () => {
    for (const width of [1400, 1000, 800, 560]) {
      await page.setViewportSize({ width, height: 860 });
      await page.waitForTimeout(100);
      const boxes = await page.locator('[data-testid=dossier]').evaluate((root) =>
        [...root.querySelectorAll('.dossier-section, .facts, .dossier-head')].map((e) => {
          const r = e.getBoundingClientRect();
          return { id: e.getAttribute('data-testid') ?? e.className, left: r.left, top: r.top, right: r.right, bottom: r.bottom, spills: e.scrollWidth > e.clientWidth + 1 };
        }),
      );
      expect(boxes.length, `${width}px`).toBeGreaterThanOrEqual(6);
      const overlaps: string[] = [];
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${a.id} × ${b.id}`);
      expect(overlaps, `${width}px`).toEqual([]);
      expect(boxes.filter((b) => b.spills).map((b) => b.id), `${width}px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width}px`).toBe(true);
      if (width === 800) await shot('dossier-800');
    }
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it("links an entity of the dossier to the messages behind it", async () => {
    await page.getByTestId('dossier-entity').filter({ hasText: '+381641234567' }).getByRole('link').click();
    await page.getByTestId('hit').first().waitFor();
    expect(q()).toBe(`from:${KUM} entity:phone=+381641234567`);
    await expect.poll(() => page.getByTestId('hit').count()).toBe(1);
    expect(await page.getByTestId('hits').textContent()).toContain('zovi +381641234567');
  });

  it('composes the filters into the query and narrows the hits', async () => {
    await page.getByRole('searchbox', { name: 'Search query' }).fill('kafa');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('124 messages');
    const from = page.getByTestId('filter-from');
    await from.fill('أبو خالد');
    await from.press('Enter');
    await expect.poll(q).toBe('kafa from:"أبو خالد"');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toMatch(/^(?!123 )[1-9][0-9]* messages?$/);
    await expect.poll(() => page.locator('.hits .hit-sender-link').count()).toBeGreaterThan(0);
    const senders = await page.locator('.hits .hit-sender-link').allTextContents();
    for (const s of senders) expect(s).toContain('أبو خالد');
    await shot('dossier-search-filters');
    // back to everyone, then only messages mentioning a phone number
    await page.getByTestId('filter-from').fill('');
    await page.getByTestId('filter-from').press('Enter');
    await expect.poll(q).toBe('kafa');
    await page.getByTestId('filter-entity').selectOption('phone');
    await expect.poll(q).toBe('kafa entity:phone');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('1 message');
    await page.getByTestId('filter-entity').selectOption('');
    await page.getByTestId('filter-after').fill('2021-03-02');
    await expect.poll(q).toBe('kafa after:2021-03-02');
    await page.getByText('No messages match.').waitFor();
    await page.getByTestId('filter-after').fill('');
    await page.getByTestId('filter-channel').selectOption('chat');
    await expect.poll(q).toBe('kafa channel:chat');
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('124 messages');
    // the language filter offers the case's languages with their message counts
    const langs = await page.getByTestId('filter-lang').locator('option').allTextContents();
    expect(langs[0]).toBe('any');
    expect(langs.some((l) => /^Arabic \(ar\) · \d/.test(l))).toBe(true);
    await page.getByTestId('filter-lang').selectOption('ar');
    await expect.poll(q).toBe('kafa channel:chat lang:ar');
    // the filters read back from the URL
    expect(await page.getByTestId('filter-channel').inputValue()).toBe('chat');
  });

  it('lists accounts to open a dossier for, and finds one by name', async () => {
    await page.goto(`http://127.0.0.1:${srv.port}/dossier`);
    await page.getByRole('heading', { name: 'Most active accounts' }).waitFor();
    expect(await page.getByTestId('dossier-account').count()).toBe(2);
    await page.getByRole('searchbox', { name: 'Find an account' }).fill('أبو خالد');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dossier-account').count()).toBe(3);
    await page.getByTestId('dossier-account').first().getByTestId('dossier-link').click();
    await page.getByTestId('dossier').waitFor();
    expect(await page.locator('.dossier-title').textContent()).toBe('أبو خالد');
    expect(await page.locator('.dossier-title').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await shot('dossier-index');
  });

  it('links the sender in a conversation to the dossier', async () => {
    await page.goto(`http://127.0.0.1:${srv.port}/search?q=${encodeURIComponent('"the kafa is here"')}`);
    await page.getByTestId('hit').first().click();
    await page.getByTestId('transcript').waitFor();
    const link = page.getByTestId('message').filter({ hasText: 'the kafa is here' }).getByTestId('dossier-link').first();
    expect(await link.getAttribute('href')).toBe(`/dossier/${encodeURIComponent(KUM)}`);
  });

  it('pages the entity list past the first 500, and shows names saved by others and devices as text', async () => {
    // a second case: 520 distinct phone numbers, contact-list names and a device for one account
    const d2 = join(dir, 'case2');
    mkdirSync(d2, { recursive: true });
    const lines = [
      JSON.stringify({ type: 'account', ref: 'skyecc:P1', display_name: 'Pero' }),
      JSON.stringify({ type: 'contact', owner: 'skyecc:P2', contact: 'skyecc:P1', name: `Pero ${XSS} "Stari"` }),
      JSON.stringify({ type: 'device', account: 'skyecc:P1', identifiers: { imei: '356938035643809' } }),
      // the same IMEI spelled twice more: still one device
      JSON.stringify({ type: 'device', account: 'skyecc:P1', identifiers: { imei: 'IMEI: 35-693803-564380-9' } }),
      JSON.stringify({ type: 'device', account: 'skyecc:P1', identifiers: { imei: '35693803564380' } }),
    ];
    for (let i = 0; i < 520; i++)
      lines.push(JSON.stringify({ type: 'message', from: 'skyecc:P1', to: ['skyecc:P2'], ts: new Date(Date.UTC(2021, 4, 1, 0, i)).toISOString(), body: `zovi +3816412${String(10000 + i)}` }));
    writeFileSync(join(d2, 'p.jsonl'), lines.join('\n') + '\n');
    const case2 = join(d2, 'case.clew');
    await withCase(case2, { create: true }, (s) => ingestFile(s, join(d2, 'p.jsonl')));
    // and a second source (another extraction) seeing it again
    writeFileSync(join(d2, 'q.jsonl'), JSON.stringify({ type: 'device', account: 'skyecc:P1', identifiers: { imei: '35 693803 564380 9' } }) + '\n');
    await withCase(case2, {}, (s) => ingestFile(s, join(d2, 'q.jsonl')));
    const srv2 = await startServer({ casePath: case2, webRoot: WEB_DIST, log: () => {} });
    try {
      await page.goto(srv2.url);
      await page.getByTestId('casebar').waitFor();
      await page.goto(`http://127.0.0.1:${srv2.port}/entities?type=phone`);
      await expect.poll(() => page.getByTestId('entity').count()).toBe(500);
      await page.getByTestId('entities-more').click();
      await expect.poll(() => page.getByTestId('entity').count()).toBe(520);
      expect(await page.getByTestId('entities-more').count()).toBe(0);
      const values = await page.locator('[data-testid=entity] .entity-link').allTextContents();
      expect(new Set(values).size).toBe(520);
      await page.goto(`http://127.0.0.1:${srv2.port}/dossier/${encodeURIComponent('skyecc:P1')}`);
      await page.getByTestId('dossier').waitFor();
      const ids = page.getByTestId('dossier-identifiers');
      expect(await ids.textContent()).toContain(`Pero ${XSS} "Stari"`);
      expect(await ids.textContent()).toContain('356938035643809');
      const imei = ids.getByTestId('dossier-device').filter({ has: page.locator('th', { hasText: /^imei$/ }) });
      expect(await imei.count()).toBe(1);
      expect(await imei.textContent()).toContain('seen in 2 sources');
      expect(await imei.textContent()).toContain('IMEI: 35-693803-564380-9');
      expect(await ids.locator('img').count()).toBe(0);
      expect(await page.getByTestId('dossier-entities').textContent()).toContain('520');
      await shot('dossier-saved-names');
    } finally {
      await srv2.close();
    }
  });

  it('ran no script from the data and broke no CSP rule', async () => {
    expect(await xssFlag()).toBeUndefined();
    expect(trouble.dialogs).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
    expect(browser.offsite).toEqual([]);
  });
});
