/**
 * Sources view in Chromium: upload a chat export through the page, watch the ingest job's
 * progress (bar, records/s, Cancel), see the new source listed; a hostile file name stays text;
 * no CSP violation. Screenshots go to the screenshots folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/server/server.js';
import { buildTestCase } from '../../src/server/test-support/case.js';
import { type PageTrouble, ROOT, screenshot, useWorkspace } from './harness.js';

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;

const HOSTILE = '<img src=x onerror=window.__xss=9>chat.txt';
const shot = (name: string) => screenshot(page, name, true);

/** A WhatsApp export of `n` messages, `tag` in each so two files differ. */
function chat(n: number, tag: string): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2021, 0, 1) + i * 60_000);
    const p = (x: number) => String(x).padStart(2, '0');
    lines.push(`[${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.21, ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:00] ${i % 2 ? 'Ana Primer' : 'Marko Test'}: ${tag} poruka ${i}`);
  }
  return Buffer.from(lines.join('\n') + '\n');
}

describe('sources view in Chromium', () => {
  useWorkspace('clew-browser-sources-', async (d) => (await buildTestCase(join(d, 'case'))).casePath, (w) => ({ srv, page, trouble } = w), { serve: { ingestBatchSize: 100, rateLimit: { capacity: 1000, perSecond: 500 } }, signIn: false, timeoutMs: 300_000 });

  it('lists the sources of the case', async () => {
    await page.goto(srv.url);
    await page.goto(`${srv.origin}/sources`);
    await page.getByTestId('sources').waitFor();
    expect(await page.locator('[data-testid=sources] tbody tr').count()).toBe(1);
    expect(await page.getByTestId('sources').textContent()).toContain('canonical');
  });

  it('uploads a file, shows the ingest progress, and lists the new source', async () => {
    await page.getByTestId('upload-input').setInputFiles({ name: HOSTILE, mimeType: 'text/plain', buffer: chat(20_000, 'prva') });
    const job = page.locator('.job').first();
    await job.waitFor();
    // progress while it runs: the bar, records so far and a rate
    await expect.poll(() => page.locator('.job[data-state=running] .job-rate').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.job progress').count()).toBe(1);
    expect(await page.locator('.job .job-cancel').count()).toBe(1);
    await shot('sources-progress');
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    await page.getByTestId('upload-result').waitFor();
    expect(await page.getByTestId('upload-result').textContent()).toMatch(/Ingested as whatsapp: 20,00\d records added/);
    await expect.poll(() => page.locator('[data-testid=sources] tbody tr').count()).toBe(2);
    const table = (await page.getByTestId('sources').textContent()) ?? '';
    expect(table).toContain('whatsapp');
    // the hostile name is shown as characters (sanitised on disk), never as an element
    expect(await page.getByTestId('uploads').textContent()).toContain(HOSTILE);
    expect(await page.locator('.view-sources img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await shot('sources-done');
  }, 180_000);

  it('cancels an ingest from the page', async () => {
    await page.getByTestId('upload-input').setInputFiles({ name: 'second.txt', mimeType: 'text/plain', buffer: chat(40_000, 'druga') });
    const job = page.locator('.job', { hasText: 'second.txt' });
    await expect.poll(() => job.locator('.job-rate').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await job.locator('.job-cancel').click();
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 30_000 }).toBe('cancelled');
    await page.getByText('Cancelled. Upload the same file again').waitFor();
    await expect.poll(async () => (await page.getByTestId('sources').textContent()) ?? '').toContain('partial');
    await shot('sources-cancelled');
    // the same file again: continues where it stopped, ends with every message once
    await page.getByTestId('upload-input').setInputFiles({ name: 'second.txt', mimeType: 'text/plain', buffer: chat(40_000, 'druga') });
    await expect.poll(() => page.locator('.job', { hasText: 'second.txt' }).getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    expect(await page.getByTestId('upload-result').first().textContent()).toMatch(/^Resumed and finished as whatsapp/);
    const row = page.locator('[data-testid=sources] tbody tr', { hasText: 'second.txt' });
    await expect.poll(() => row.textContent()).toContain('complete');
    expect(await row.textContent()).toContain('40,003');
  }, 240_000);

  it('takes a file dropped on the drop zone', async () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'whatsapp', 'WhatsApp Chat with Ana Primer.txt'), 'utf8');
    const dt = await page.evaluateHandle((t) => {
      const d = new DataTransfer();
      d.items.add(new File([t], 'dropped chat.txt', { type: 'text/plain' }));
      return d;
    }, text);
    await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dt });
    const job = page.locator('.job', { hasText: 'dropped chat.txt' });
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    await expect.poll(async () => (await page.getByTestId('sources').textContent()) ?? '').toContain('dropped chat.txt');
    await shot('sources-dropped');
  }, 90_000);

  it('ran no script from the page and broke no policy', () => {
    expect(trouble.dialogs).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
  });
});
