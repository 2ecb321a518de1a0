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

  it("shows the annotations in the message's conversation, tags there, and notes the sender on the dossier and in the Network panel", async () => {
    await page.goto(`${srv.origin}/search?q=${encodeURIComponent('Контејнер')}`);
    const hit = page.locator('li.hit').first();
    await hit.getByTestId('annotation-tag').waitFor();
    const to = await hit.locator('a[href^="/m/"]').first().getAttribute('href');
    const id = /^\/m\/([0-9]+)/.exec(to ?? '')![1]!;

    // the conversation: the tag from Search is on the message; a tag added here is in Search too
    await page.goto(`${srv.origin}/m/${id}`);
    const msg = page.locator(`#msg-${id}`);
    await msg.getByTestId('annotation-tag').waitFor();
    expect(await msg.getByTestId('annotation-tag').allTextContents()).toEqual([`#suspect ${XSS}×`]);
    await msg.getByTestId('annotation-add-tag').click();
    await msg.getByTestId('annotation-tag-input').fill('port');
    await msg.getByTestId('annotation-save').click();
    await expect.poll(() => msg.getByTestId('annotation-tag').count()).toBe(2);
    await expect.poll(() => page.getByTestId('undo-bar').textContent()).toContain('added tag #port');
    // the conversation itself is an item too
    const conv = page.getByTestId('conversation-annotations');
    await conv.getByTestId('annotation-star').click();
    await expect.poll(() => conv.getByTestId('annotation-star').getAttribute('aria-pressed')).toBe('true');
    expect(await msg.getByTestId('annotation-star').getAttribute('aria-pressed')).toBe('false');
    await page.reload();
    await page.locator(`#msg-${id}`).getByTestId('annotation-tag').nth(1).waitFor();
    await expect.poll(() => page.getByTestId('conversation-annotations').getByTestId('annotation-star').getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'annotations-conversation');
    await page.goto(`${srv.origin}/search?q=${encodeURIComponent('tag:PORT')}`);
    await expect.poll(() => page.getByTestId('hit').count()).toBe(1);

    // the sender's dossier: a note on the account, undone and redone from the undo bar
    await page.locator('li.hit').first().getByTestId('dossier-link').click();
    const head = page.locator('.dossier-head');
    await head.getByTestId('annotation-add-note').click();
    await head.getByTestId('annotation-note-input').fill(`runs the port crew ${XSS}`);
    await head.getByTestId('annotation-save').click();
    await expect.poll(() => head.getByTestId('annotation-note').textContent()).toContain(`runs the port crew ${XSS}`);
    const account = decodeURIComponent(new URL(page.url()).pathname.slice('/dossier/'.length));
    await page.reload();
    await page.locator('.dossier-head').getByTestId('annotation-note').waitFor();
    expect(await page.getByTestId('undo-bar').textContent()).toContain('added note');
    await page.getByTestId('annotation-undo').click();
    await expect.poll(() => head.getByTestId('annotation-note').count()).toBe(0);
    await page.getByTestId('annotation-undo').click(); // Redo
    await expect.poll(() => head.getByTestId('annotation-note').count()).toBe(1);
    await screenshot(page, 'annotations-dossier');
    // printed, the note stays and the controls go
    await page.emulateMedia({ media: 'print' });
    expect(await head.getByTestId('annotation-note').isVisible()).toBe(true);
    expect(await head.getByTestId('annotation-add-tag').isVisible()).toBe(false);
    expect(await page.getByTestId('undo-bar').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // the Network panel of the same account shows the note
    await page.goto(`${srv.origin}/network?focus=${encodeURIComponent(account)}`);
    const panel = page.getByTestId('net-panel');
    await expect.poll(() => panel.getByTestId('annotation-note').textContent()).toContain(`runs the port crew ${XSS}`);

    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
  });
});
