/**
 * The Watchlists view in Chromium (issue 18 parts 5 and 6): upload a selector list with bad and
 * hostile lines, read the result table (accounts, message counts, first messages), download the
 * CSV, save a search, then ingest more data and see the new hit flagged with a badge. Hostile
 * selectors, notes and names stay text; no CSP violation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { ingestFile } from '../../src/api/ingest.js';
import { buildTestCase, XSS } from '../../src/server/test-support/case.js';
import { type RunningServer } from '../../src/server/server.js';
import { type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;
let dir = '';
let casePath = '';

describe('Watchlists view in Chromium', () => {
  useWorkspace(
    'clew-browser-watch-',
    async (d) => (casePath = (await buildTestCase(join(d, 'case'))).casePath),
    (w) => ({ srv, page, trouble, dir } = w),
  );

  it('uploads a list, reports its bad lines by number and shows what matches', async () => {
    await page.goto(`${srv.origin}/watchlists`);
    await page.getByText('No watchlist yet').waitFor();
    const list = join(dir, 'case12.txt');
    writeFileSync(list, `\ufeff# from case 12\n00381 64 123 4567\tKum's phone ${XSS}\n+3\nAAA111\n${XSS}\nNL91ABNA0417164300\n`);
    await page.getByTestId('watch-input').setInputFiles(list);
    await page.getByTestId('watch-added').waitFor();
    const added = await page.getByTestId('watch-added').textContent();
    expect(added).toContain('case12');
    expect(added).toMatch(/4 selectors stored/);
    expect(await page.getByTestId('watch-problems').textContent()).toContain('line 3: too broad');
    await page.getByTestId('watch-rows').waitFor();
    expect(await page.getByTestId('watch-summary').textContent()).toMatch(/^2 of 4 selectors match/);
    const rows = await page.getByTestId('watch-row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('+381641234567');
    expect(rows[0]).toContain(`Kum's phone ${XSS}`);
    expect(rows[1]).toContain('AAA111');
    expect(rows[1]).toContain('124');
    await page.getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('watch-row').count()).toBe(4);
    expect(await page.getByTestId('watch-rows').textContent()).toContain(XSS);
    await screenshot(page, 'watchlists-result', true);
  });

  it('downloads the result as CSV', async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('watch-csv').click()]);
    expect(dl.suggestedFilename()).toBe('case12.csv');
    const text = readFileSync((await dl.path())!, 'utf8');
    // one byte-order mark (the server's), then the table by the workspace's CSV rules (api/csv.ts)
    expect(text.startsWith('\ufeffline,')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('line,selector,type,value,note,accounts,accounts_total,messages,first_message_ids,first,last');
    expect(lines).toHaveLength(5);
    // a cell that begins with + would be a formula to a spreadsheet: prefixed with '
    expect(lines[1]).toMatch(/^2,00381 64 123 4567,phone,'\+381641234567,/);
  });

  it('saves a search and flags its new hit after an ingest, with a badge', async () => {
    await page.getByTestId('saved-name').fill('port of Bar');
    await page.getByTestId('saved-query').fill('baru OR bar');
    await page.getByTestId('saved-save').click();
    await page.getByTestId('saved-search').waitFor();
    expect(await page.getByTestId('saved-search').textContent()).toContain('nothing new');
    const more = join(dir, 'more.jsonl');
    writeFileSync(more, `${JSON.stringify({ type: 'message', from: 'skyecc:BBB222', to: ['skyecc:AAA111'], ts: '2021-03-05T10:00:00Z', body: 'vidimo se u Baru' })}\n`);
    await withCase(casePath, { threadedWriter: false }, (s) => ingestFile(s, more));
    await page.reload();
    await page.getByTestId('new-hits-badge').waitFor();
    expect(await page.getByTestId('new-hits-badge').textContent()).toBe('1 new');
    expect(await page.getByTestId('nav-new-hits').textContent()).toBe('1 new');
    expect(await page.getByTestId('saved-search').textContent()).toContain('vidimo se u Baru');
    await screenshot(page, 'watchlists-saved-search', true);
  });

  it('ran without a CSP violation, page error or injected script', async () => {
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(trouble.dialogs).toEqual([]);
    expect(await xssOf(page)).toBeUndefined();
  });
});
