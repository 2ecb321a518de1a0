/**
 * The Network view in Chromium: the graph is drawn (WebGL canvas, counts), the ForceAtlas2
 * worker runs under the CSP, a person is focused through ?focus=, their contacts expanded, a
 * path highlighted, the time slider restricts the network, and hostile names stay text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { ingestFile } from '../../src/api/ingest.js';
import { jsonl, msg } from '../../src/api/test-support/tmp.js';
import { type RunningServer } from '../../src/server/server.js';
import { ARABIC, XSS } from '../../src/server/test-support/case.js';
import { type Browser, type PageTrouble, screenshot, useWorkspace } from './harness.js';

const HOSTILE = `<script>window.__xss=2</script>Kum ${XSS}`;
const P = (i: number) => `skyecc:P${String(i).padStart(2, '0')}`;

/**
 * Two rings of 15 people. Ring A talks on 1 March 10:00–10:14 (plus a chord P00–P07 on
 * 2 March); the bridge P14–P15 on 10 March; ring B from 20 March. P00 has a hostile name.
 */
async function buildNetworkCase(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const recs: unknown[] = [
    { type: 'account', ref: P(0), kind: 'pin', display_name: HOSTILE },
    { type: 'account', ref: P(15), kind: 'pin', display_name: ARABIC.slice(0, 12) },
  ];
  const at = (day: number, minute: number) => new Date(Date.UTC(2021, 2, day, 10, minute)).toISOString();
  for (let i = 0; i < 15; i++) recs.push(msg(P(i), P((i + 1) % 15), at(1, i), `a${i}`));
  recs.push(msg(P(0), P(7), at(2, 0), 'chord'), msg(P(7), P(0), at(2, 1), 'chord back'));
  recs.push(msg(P(14), P(15), at(10, 0), 'bridge'));
  for (let i = 0; i < 15; i++) recs.push(msg(P(15 + i), P(15 + ((i + 1) % 15)), at(20 + (i % 5), i), `b${i}`));
  const src = join(dir, 'net.jsonl');
  writeFileSync(src, jsonl(recs));
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, src));
  return casePath;
}

let srv: RunningServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;

const shot = (name: string) => screenshot(page, name);
const count = () => page.getByTestId('net-count').textContent();

describe('network view in Chromium', () => {
  useWorkspace('clew-browser-net-', (d) => buildNetworkCase(join(d, 'case')), (w) => ({ srv, browser, page, trouble } = w), { timeoutMs: 120_000 });

  it('draws the whole network and lays it out in the worker under the CSP', async () => {
    await page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} ${e.blockedURI}`)));
    await page.goto(srv.origin + '/network');
    await page.getByTestId('network').waitFor();
    await expect.poll(count).toContain('30 accounts · 32 contact pairs');
    expect(await page.locator('[data-testid="net-canvas"] canvas').count()).toBeGreaterThan(0);
    // sigma rendered with every node, then the worker iterated until the layout settled
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('clew-network-rendered').length), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('network').getAttribute('data-layout'), { timeout: 30_000 }).toBe('settled');
    expect(await page.getByTestId('net-layout').textContent()).toMatch(/settled \([1-9][0-9,]* iterations/);
    const worker = await page.evaluate(() => performance.getEntriesByName('clew-network-settled').map((e) => (e as PerformanceMark).detail as { iterations: number }));
    expect(worker[0]!.iterations).toBeGreaterThan(0);
    // the canvas is not blank: some pixels differ from the background
    const webgl = await page.evaluate(() => [...document.querySelectorAll('[data-testid="net-canvas"] canvas')].map((c) => (c as HTMLCanvasElement).width));
    expect(webgl.every((w) => w > 0)).toBe(true);
    expect(trouble.csp).toEqual([]);
    await shot('network');
  });

  it('focuses a person from the URL: hostile name as text, measures, links to the other views', async () => {
    await page.goto(`${srv.origin}/network?focus=${encodeURIComponent(P(0))}`);
    const panel = page.getByTestId('net-panel');
    await panel.waitFor();
    expect(await page.getByTestId('net-panel-name').textContent()).toBe(HOSTILE);
    expect(await panel.locator('img, script').count()).toBe(0);
    expect(await panel.textContent()).toMatch(/Degree \(contacts\)3#/);
    const links = Object.fromEntries(await panel.locator('.net-links a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])));
    expect(links).toEqual({
      messages: `/search?q=${encodeURIComponent(`from:${P(0)}`).replace(/%20/g, '+')}`,
      dossier: `/dossier/${encodeURIComponent(P(0))}`,
      'key players': '/key-players',
      arrest: `/key-players?arrest=${encodeURIComponent(P(0))}`,
    });
    await page.getByTestId('net-expand').click();
    await expect.poll(() => page.getByTestId('net-ego').textContent()).toContain('3 direct contacts');
    await page.getByTestId('net-canvas').hover();
    await shot('network-focus');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  });

  it('highlights the shortest path to another person', async () => {
    await page.getByRole('textbox', { name: 'Path to' }).fill(P(22));
    await page.getByRole('button', { name: 'Show path' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(P(22));
    const steps = page.getByTestId('net-path').locator('li');
    await expect.poll(() => steps.count()).toBeGreaterThan(3);
    const names = await steps.locator('a').allTextContents();
    expect(names[0]).toBe(HOSTILE);
    expect(names).toContain('P14');
    expect(names).toContain('P15' === names[names.indexOf('P14') + 1] ? 'P15' : ARABIC.slice(0, 12));
    expect(names.at(-1)).toBe('P22');
    await shot('network-path');
  });

  it('restricts the network to a time window with the slider, in the URL', async () => {
    await page.goto(srv.origin + '/network');
    await expect.poll(count).toContain('30 accounts');
    const end = page.getByRole('slider', { name: 'Window end' });
    await end.focus();
    await page.keyboard.press('Home'); // the first ~35 minutes: ring A only
    await expect.poll(() => new URL(page.url()).searchParams.get('before')).toMatch(/^2021-03-01T10:[0-9]{2}Z$/);
    await expect.poll(count).toContain('15 accounts · 15 contact pairs');
    expect(await page.getByTestId('net-window').textContent()).toMatch(/^2021-03-01 10:00 – 2021-03-01 10:[0-9]{2} UTC$/);
    await shot('network-window');
    await page.getByRole('button', { name: 'whole case' }).click();
    await expect.poll(count).toContain('30 accounts');
  });

  it('ran no script from the data, violated no CSP rule and went nowhere off the machine', () => {
    expect(trouble.dialogs).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
    expect(browser.offsite).toEqual([]);
  });
});
