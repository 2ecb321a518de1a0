/**
 * Search with translations in Chromium (issue 23 part 2): on a Serbian case whose translations the case holds,
 * an English word finds nothing with the Search view's "Include translations" switch off, and the Serbian
 * messages with it on, each hit showing its original beside its machine translation, labelled with the
 * engine, pair and version; the switch lives in the URL (a reload keeps it). The translations are made by
 * Apertium when its hbs-eng pair is installed, else stored through the case's translation port.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { translateMessages, translationEngine } from '../../src/api/translate.js';
import { SERBIAN, buildSerbianCase } from '../../src/api/test-support/serbian-case.js';
import type { RunningServer } from '../../src/server/server.js';
import { parseQuery } from '../../src/text/query/parse.js';
import { type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

const engine = await translationEngine();
const apertium = engine?.pairs.some((p) => p.mode === 'hbs-eng') ?? false;

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;

/** The Serbian case with its messages' English translations stored. */
async function build(dir: string): Promise<string> {
  const { casePath } = await buildSerbianCase(dir);
  await withCase(casePath, {}, async (store) => {
    const ids = (await store.search(parseQuery('kontejner', 'folded'), { limit: 10 })).hits.map((h) => h.id);
    if (apertium) {
      await translateMessages(store, { ids });
      return;
    }
    // no Apertium here: the translations as it would store them
    const english = ['The container arrives on Friday, kum announces a new number +381641234567, plavi konj is ready.', 'Good brother, tomorrow morning I go to the port to see the container.', 'The container arrives on Friday, wait for a message from me.'];
    const bodies = await Promise.all(ids.map(async (id) => (await store.message(id)).body));
    await store.saveTranslations(
      ids.map((id, i) => ({
        messageId: id,
        target: 'en',
        engine: 'apertium',
        pair: 'hbs-eng',
        version: '0.5.0-test',
        engineVersion: '3.8.3',
        sourceLang: 'sr',
        text: english[SERBIAN.indexOf(bodies[i]!)]!,
        failure: null,
        failed: null,
        at: Date.UTC(2026, 11, 7),
        lexicon: [],
      })),
    );
  });
  return casePath;
}

describe('search with translations in Chromium', () => {
  useWorkspace('clew-browser-translated-search-', build, (w) => ({ srv, page, trouble } = w));

  it('finds the Serbian messages by an English word only with the switch on, each hit beside its labelled translation', async () => {
    await page.goto(`${srv.origin}/search?q=friday`);
    await expect.poll(() => page.getByTestId('hit-count').textContent(), { timeout: 20_000 }).toBe('0 messages');
    expect(await page.getByTestId('hit').count()).toBe(0);
    expect(await page.getByTestId('translated-toggle').isChecked()).toBe(false);

    await page.getByTestId('translated-toggle').check();
    await expect.poll(() => page.getByTestId('hit').count(), { timeout: 20_000 }).toBe(2);
    expect(new URL(page.url()).searchParams.get('translated')).toBe('1');
    // both texts side by side: the Serbian original and its English translation, labelled
    const pairs = page.getByTestId('hit-pair');
    expect(await pairs.count()).toBe(2);
    const originals = await page.getByTestId('hit-original').locator('.hit-snippet').allTextContents();
    expect(originals.sort()).toEqual([SERBIAN[0], SERBIAN[2]].sort());
    for (const t of await page.getByTestId('hit-translation').locator('.hit-snippet').allTextContents()) expect(t).toMatch(/Friday/);
    for (const l of await page.getByTestId('hit-translation-label').allTextContents()) expect(l).toMatch(/^machine translation \(Apertium hbs-eng, [^)]+\) \(matched\)$/);
    // the English word is highlighted in the translation
    expect(await page.getByTestId('hit-translation').locator('mark').first().textContent()).toMatch(/friday/i);
    await screenshot(page, 'translated-search');

    // the switch survives a reload (it is in the URL), and off again the English word finds nothing
    await page.reload();
    await expect.poll(() => page.getByTestId('hit').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('translated-toggle').isChecked()).toBe(true);
    await page.getByTestId('translated-toggle').uncheck();
    await expect.poll(() => page.getByTestId('hit-count').textContent(), { timeout: 20_000 }).toBe('0 messages');
    expect(new URL(page.url()).searchParams.get('translated')).toBeNull();

    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
  });
});
