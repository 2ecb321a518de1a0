/**
 * The workspace on a case in PostgreSQL (issue 15, part 8), in Chromium: the test case is copied
 * into the test run's PostgreSQL (clew case copy) and served from there; a search finds its hits,
 * a dossier opens from a hit's sender, and a file uploaded through the page is ingested into the
 * PostgreSQL case (the uploads kept in the directory the server was given).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { copyCase } from '../../src/api/case.js';
import type { RunningServer } from '../../src/server/server.js';
import { buildTestCase } from '../../src/server/test-support/case.js';
// the type of the test run's PostgreSQL, which vitest provides (inject('clewTestPg'))
import type {} from '../../src/store/postgres/test-support/global-setup.js';
import { type PageTrouble, screenshot, useWorkspace } from './harness.js';

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;
/** A case in a database has no folder of its own: the server is given one for uploads (clew serve --uploads). */
const UPLOADS = mkdtempSync(join(tmpdir(), 'clew-browser-pg-uploads-'));
afterAll(() => rmSync(UPLOADS, { recursive: true, force: true }));

function pgCase(name: string): string {
  const pg = inject('clewTestPg');
  if (!pg) throw new Error('no test PostgreSQL: vitest.config.ts must list the store\'s global-setup.ts in globalSetup');
  const u = new URL(pg.url);
  u.searchParams.set('case', name);
  return u.toString();
}

describe('the workspace on a PostgreSQL case, in Chromium', () => {
  useWorkspace(
    'clew-browser-postgres-',
    async (d) => {
      const { casePath } = await buildTestCase(join(d, 'case'));
      const loc = pgCase(`browser_${process.pid}_${Date.now() % 100000}`);
      await copyCase(casePath, loc);
      return loc;
    },
    (w) => ({ srv, page, trouble } = w),
    { serve: { ingestBatchSize: 100, uploadsDir: UPLOADS }, timeoutMs: 300_000 },
  );

  it('searches and counts the hits', async () => {
    expect(await page.getByTestId('casebar').textContent()).not.toContain(new URL(inject('clewTestPg')!.url).password);
    await page.getByRole('searchbox', { name: 'Search query' }).fill('kafa');
    await page.keyboard.press('Enter');
    await page.getByTestId('hit').first().waitFor();
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('124 messages'); // the case holds Arabic: kafa is also searched as كافا
    await screenshot(page, 'postgres-search-hits');
  });

  it("opens a dossier from a hit's sender", async () => {
    await page.locator('.hits').getByTestId('dossier-link').first().click();
    await page.getByTestId('dossier').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/dossier/${encodeURIComponent('skyecc:AAA111')}`);
    await expect.poll(() => page.getByTestId('dossier-facts').textContent()).toContain('122');
    expect(await page.getByTestId('dossier-contact').count()).toBe(1);
    expect(await page.getByTestId('dossier-entities').textContent()).toContain('+381641234567');
    await screenshot(page, 'postgres-dossier');
  });

  it('ingests a file uploaded through the page into the PostgreSQL case', async () => {
    await page.goto(`${srv.origin}/sources`);
    await page.getByTestId('sources').waitFor();
    const lines = Array.from({ length: 300 }, (_, i) => `[01.02.21, 10:${String(i % 60).padStart(2, '0')}:00] ${i % 2 ? 'Ana Primer' : 'Marko Test'}: lubenica stigla ${i}`);
    await page.getByTestId('upload-input').setInputFiles({ name: 'chat.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n') + '\n') });
    const job = page.locator('.job').first();
    await job.waitFor();
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    await expect.poll(() => page.locator('[data-testid=sources] tbody tr').count()).toBe(2);
    expect(await page.getByTestId('sources').textContent()).toContain('whatsapp');
    // the uploaded file is kept where the server was told
    expect(existsSync(UPLOADS) && readdirSync(UPLOADS).length).toBe(1);
    await page.goto(`${srv.origin}/search?q=lubenica`);
    await page.getByTestId('hit').first().waitFor();
    await expect.poll(() => page.getByTestId('hit-count').textContent()).toBe('300 messages');
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
  });
});
