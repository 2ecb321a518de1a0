/**
 * Machine translation in Chromium (issue 23): a Serbian thread shown translated in the Conversation
 * view, each translation beside its original (never instead of it), labelled with the engine, pair
 * and version; a message with no pair says so; the translations come back from the case after a
 * reload. Skipped without Apertium's hbs-eng pair.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { translationEngine } from '../../src/api/translate.js';
import { ARABIC_BODY, SERBIAN, buildSerbianCase } from '../../src/api/test-support/serbian-case.js';
import type { RunningServer } from '../../src/server/server.js';
import type { SearchResponse } from '../../src/server/wire.js';
import { type PageTrouble, pageJson, screenshot, useWorkspace, xssOf } from './harness.js';

const engine = await translationEngine();
const ready = engine?.pairs.some((p) => p.mode === 'hbs-eng') ?? false;
if (!ready) console.warn('SKIPPED test/browser/translate.test.ts: Apertium with apertium-hbs-eng is not installed (run `npm test`, which installs it)');

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;

describe.skipIf(!ready)('translation in Chromium', () => {
  useWorkspace('clew-browser-translate-', async (d) => (await buildSerbianCase(d)).casePath, (w) => ({ srv, page, trouble } = w));

  it('shows a Serbian thread translated beside the original, labelled, and says when a language has no pair', async () => {
    const found = await pageJson<SearchResponse>(page, `/api/search?q=${encodeURIComponent('Kontejner petak')}`);
    const id = found.hits.find((h) => h.snippet.text.includes('kum'))?.id ?? found.hits[0]!.id;
    await page.goto(`${srv.origin}/m/${id}`);
    await expect.poll(() => page.getByTestId('message').count()).toBe(4);
    expect(await page.getByTestId('translation').count()).toBe(0);

    await page.getByTestId('translate-toggle').click();
    await expect.poll(() => page.getByTestId('translation').count(), { timeout: 30_000 }).toBe(3);
    const first = page.locator('[data-testid="message"]', { hasText: SERBIAN[0]! });
    // the original stays, the translation is beside it
    expect(await first.locator('.msg-body').textContent()).toBe(SERBIAN[0]);
    expect(await first.getByTestId('translation-label').textContent()).toMatch(/^machine translation \(Apertium hbs-eng, \d/);
    const text = (await first.locator('.msg-translation-text').textContent()) ?? '';
    expect(text).toMatch(/Friday/);
    expect(text).toContain('+381641234567');
    expect(text).toContain('plavi konj');
    const cyr = page.locator('[data-testid="message"]', { hasText: SERBIAN[2]! });
    expect(await cyr.locator('.msg-translation-text').textContent()).toMatch(/Friday/);
    const ar = page.locator('[data-testid="message"]', { hasText: ARABIC_BODY });
    expect(await ar.getByTestId('translation-none').textContent()).toMatch(/no Apertium pair installed for Arabic → English/);
    await screenshot(page, 'translation-conversation');

    // switched off: the originals alone; after a reload, the translations come from the case
    await page.getByTestId('translate-toggle').click();
    expect(await page.getByTestId('translation').count()).toBe(0);
    await page.reload();
    await page.getByTestId('translate-toggle').click();
    await expect.poll(() => page.getByTestId('translation').count(), { timeout: 30_000 }).toBe(3);

    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
  });
});
