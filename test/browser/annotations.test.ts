/**
 * Annotations in Chromium (issue 20): tag a message from Search, see the tag after a reload (it is
 * in the case, on the hit), undo it from the undo bar, and the undo holds after a reload too (the
 * undo is an event of the case's log). A tag with markup stays text; no CSP violation.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildTestCase, XSS } from '../../src/server/test-support/case.js';
import { type RunningServer } from '../../src/server/server.js';
import { type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;

describe('annotations in Chromium', () => {
  useWorkspace('clew-browser-annotate-', async (d) => (await buildTestCase(join(d, 'case'))).casePath, (w) => ({ srv, page, trouble } = w));

  it('tags a message in Search, keeps the tag over a reload, and undoes it (also over a reload)', async () => {
    await page.goto(`${srv.origin}/search?q=${encodeURIComponent('Контејнер')}`);
    const hit = page.locator('li.hit').first();
    await hit.getByTestId('annotation-add-tag').click();
    await hit.getByTestId('annotation-tag-input').fill(`suspect ${XSS}`);
    await hit.getByTestId('annotation-save').click();
    await expect.poll(() => hit.getByTestId('annotation-tag').allTextContents()).toEqual([`#suspect ${XSS}×`]);
    await hit.getByTestId('annotation-add-note').click();
    await hit.getByTestId('annotation-note-input').fill('brother of Kum');
    await hit.getByTestId('annotation-save').click();
    await hit.getByTestId('annotation-note').waitFor();

    await page.reload();
    await page.locator('li.hit').first().getByTestId('annotation-tag').waitFor();
    expect(await page.locator('li.hit').first().getByTestId('annotation-tag').textContent()).toContain(`#suspect ${XSS}`);
    expect(await page.locator('li.hit').first().getByTestId('annotation-note').textContent()).toContain('brother of Kum');
    // the tag finds the message
    await page.goto(`${srv.origin}/search?q=${encodeURIComponent(`tag:"SUSPECT ${XSS}"`)}`);
    await expect.poll(() => page.getByTestId('hit').count()).toBe(1);
    await screenshot(page, 'annotations-search');
    await page.goto(`${srv.origin}/search?q=${encodeURIComponent('Контејнер')}`);
    await page.locator('li.hit').first().getByTestId('annotation-tag').waitFor();

    // undo the last change (the note), from the case's log
    expect(await page.getByTestId('undo-bar').textContent()).toContain('added note');
    await page.getByTestId('annotation-undo').click();
    await expect.poll(() => page.locator('li.hit').first().getByTestId('annotation-note').count()).toBe(0);
    await page.reload();
    await page.locator('li.hit').first().getByTestId('annotation-tag').waitFor();
    expect(await page.locator('li.hit').first().getByTestId('annotation-note').count()).toBe(0);
    expect(await page.getByTestId('annotation-undo').textContent()).toBe('Redo');
    // the tag's removal, undone after a reload
    await page.locator('li.hit').first().getByTestId('annotation-untag').click();
    await expect.poll(() => page.locator('li.hit').first().getByTestId('annotation-tag').count()).toBe(0);
    await page.reload();
    await page.getByTestId('undo-bar').waitFor();
    expect(await page.getByTestId('undo-bar').textContent()).toContain('removed tag');
    await page.getByTestId('annotation-undo').click();
    await expect.poll(() => page.locator('li.hit').first().getByTestId('annotation-tag').count()).toBe(1);

    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
  });
});
