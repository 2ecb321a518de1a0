/**
 * The workspace's rough edges (issue 16, part 8), in Chromium at 1400 px on a generated case:
 * the Dossiers heading is not under the sticky search bar, the Entities table fits its pane,
 * emoji are drawn with the font shipped in the build (no request leaves the machine), the
 * key-player rows show what separates them, the Network view counts accounts as accounts, date
 * inputs are YYYY-MM-DD, and a refused upload looks refused. Screenshots: rough-*.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { ingestFile } from '../../src/api/ingest.js';
import { writeCase } from '../../src/api/synth.js';
import { type RunningServer } from '../../src/server/server.js';
import { type Browser, ROOT, type PageTrouble, screenshot, useWorkspace } from './harness.js';

let srv: RunningServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;
const shot = (name: string) => screenshot(page, name);
const EMOJI = '😀🔥🇷🇸';

async function build(d: string): Promise<string> {
  const synth = join(d, 'synth');
  await writeCase(synth, { messages: 4000, seed: 3 });
  const extra = join(d, 'emoji.jsonl');
  writeFileSync(extra, `${JSON.stringify({ type: 'message', from: 'skyecc:EMOJI1', to: ['skyecc:EMOJI2'], ts: '2021-03-01T10:00:00Z', body: `stiglo ${EMOJI} sve ok` })}\n`);
  const casePath = join(d, 'case.clew');
  await withCase(casePath, { create: true }, async (s) => {
    await ingestFile(s, join(synth, 'records.jsonl'));
    await ingestFile(s, extra);
  });
  return casePath;
}

const go = async (path: string) => {
  await page.goto(`${srv.origin}${path}`);
};

describe('the workspace without its rough edges, at 1400 px', () => {
  useWorkspace('clew-browser-rough-', build, (w) => ({ srv, browser, page, trouble } = w), { timeoutMs: 240_000 });

  it('shows the Dossiers heading whole, not under the sticky search bar', async () => {
    await page.setViewportSize({ width: 1400, height: 860 });
    await go('/dossier');
    const h1 = page.getByRole('heading', { name: 'Dossiers', level: 1 });
    await h1.waitFor();
    await page.locator('.view-dossier-index .searchbar').waitFor();
    const head = (await h1.boundingBox())!;
    const bar = (await page.locator('.view-dossier-index .searchbar').boundingBox())!;
    expect(bar.y).toBeGreaterThanOrEqual(head.y + head.height - 1);
    await shot('rough-dossiers');
  });

  it('fits the Entities table in its pane (Top accounts not cut off)', async () => {
    await page.setViewportSize({ width: 1400, height: 860 });
    await go('/entities');
    await page.getByTestId('entities').waitFor();
    await shot('rough-entities');
    const fit = await page.evaluate(() => {
      const t = document.querySelector('[data-testid=entities]')!;
      const pane = t.closest('.view')!;
      const last = t.querySelector('thead th:last-child')!.getBoundingClientRect();
      return { table: t.getBoundingClientRect().right, pane: pane.getBoundingClientRect().right, lastRight: last.right, scroll: pane.scrollWidth - pane.clientWidth };
    });
    expect(fit.table).toBeLessThanOrEqual(fit.pane);
    expect(fit.lastRight).toBeLessThanOrEqual(fit.pane);
    expect(fit.scroll).toBe(0);
    await shot('rough-entities');
  });

  it('draws emoji with the font shipped in the build, fetched from this server only', async () => {
    await go(`/search?q=${encodeURIComponent('stiglo')}`);
    await page.getByTestId('hit').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    // every face the emoji need is fetched (from this server) and loaded
    await expect.poll(() => page.evaluate((e) => document.fonts.load('16px "Noto Color Emoji"', e).then(() => document.fonts.check('16px "Noto Color Emoji"', e)), EMOJI), { timeout: 20_000 }).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Color Emoji' && f.status === 'loaded').length)).toBeGreaterThan(0);
    expect(browser.offsite).toEqual([]);
    const hit = page.getByTestId('hit').first();
    await page.waitForTimeout(500);
    await hit.screenshot({ path: join(ROOT, 'artifacts', 'screenshots', 'rough-emoji.png') });
  });

  it('shows what separates the top key players: each measure’s place and value, not identical bars', async () => {
    await go('/key-players');
    await expect.poll(() => page.getByTestId('keyplayer').count(), { timeout: 90_000 }).toBeGreaterThan(9);
    const rows = await page.getByTestId('keyplayer').evaluateAll((trs) =>
      trs.slice(0, 10).map((tr) => ({
        labels: [...tr.querySelectorAll('[data-testid=measure-place]')].map((x) => x.textContent ?? ''),
        widths: [...tr.querySelectorAll('.bar-fill')].map((x) => (x as HTMLElement).style.width),
      })),
    );
    for (const r of rows) for (const l of r.labels) expect(l).toMatch(/^#[\d,]+ · /);
    // the top ten differ in what they show
    expect(new Set(rows.map((r) => r.labels.join('|'))).size).toBe(10);
    expect(new Set(rows.map((r) => r.widths.join('|'))).size).toBeGreaterThan(5);
    await shot('rough-keyplayers');
  }, 120_000);

  it('counts the Network view’s nodes as accounts at account level', async () => {
    await go('/network?level=account');
    await page.getByTestId('net-count').waitFor({ timeout: 60_000 });
    const t = (await page.getByTestId('net-count').textContent()) ?? '';
    expect(t).toMatch(/^[\d,]+ accounts · /);
    expect(t).not.toContain('people');
  }, 90_000);

  it('takes dates as YYYY-MM-DD, whatever the browser’s locale', async () => {
    await go('/search?q=stiglo');
    const after = page.getByTestId('filter-after');
    await after.waitFor();
    expect(await after.getAttribute('type')).toBe('text');
    expect(await after.getAttribute('placeholder')).toBe('YYYY-MM-DD');
    await after.fill('03/01/2021');
    expect(await after.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).searchParams.get('q')).not.toMatch(/after:/);
    await after.fill('2021-03-01');
    await expect.poll(() => new URL(page.url()).searchParams.get('q') ?? '').toMatch(/after:2021-03-01/);
    await go('/timeline');
    const tl = page.getByLabel('After (UTC)');
    await tl.waitFor();
    expect(await tl.getAttribute('placeholder')).toBe('YYYY-MM-DD');
    await shot('rough-dates');
  });

  it('shows a refused upload as refused, with its reason, not like a successful one', async () => {
    await go('/sources');
    await page.getByTestId('sources').waitFor();
    const bomb = readFileSync(join(ROOT, 'test', 'fixtures', 'whatsapp', 'unsafe-bomb.zip'));
    await page.getByTestId('upload-input').setInputFiles({ name: 'WhatsApp Chat - bomb.zip', mimeType: 'application/zip', buffer: bomb });
    const panel = page.getByTestId('upload').first();
    await expect.poll(() => panel.locator('.job').getAttribute('data-state'), { timeout: 60_000 }).toBe('failed');
    expect(await panel.getAttribute('class')).toContain('upload-failed');
    expect(await panel.getByTestId('job-failed').textContent()).toBe('refused: not ingested');
    expect(await panel.locator('progress').count()).toBe(0);
    expect(await panel.locator('.notice-error').textContent()).toMatch(/ARCHIVE_UNSAFE|TOO_LARGE/);
    // and it is not listed as a partial source to upload again
    expect(await page.getByTestId('sources').textContent()).not.toContain('upload again');
    await shot('rough-upload-refused');
    // still listed as refused after a reload
    await page.reload();
    await expect.poll(() => page.getByTestId('job-failed').count()).toBeGreaterThan(0);
  }, 90_000);

  it('broke no policy and threw nothing', () => {
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
  });
});
