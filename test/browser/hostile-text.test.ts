/**
 * Text that lies about its order, in Chromium: a contact saved as "Kum" + RLO + "gnp.exe" and a
 * message starting with RLO (test/fixtures/hostile/bidi.jsonl) are shown in their logical
 * order with the controls as visible markers, in the search hits, the conversation and the
 * dossier; Arabic still reads right to left. Screenshots: hostile-bidi-*.png.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { ingestFile } from '../../src/api/ingest.js';
import { ROOT, type PageTrouble, screenshot, useWorkspace } from './harness.js';

let page: Page;
let trouble: PageTrouble;
const shot = (name: string) => screenshot(page, name, true);

const RLO = '\u202e';
/** Text in the page that still carries an explicit direction control. */
const controlsLeft = () =>
  page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/[\u202a-\u202e\u2066-\u2069]/.test(n.textContent!)) found.push(`${n.parentElement?.outerHTML.slice(0, 120)}`);
    return found;
  });

async function build(dir: string): Promise<string> {
  const src = join(dir, 'bidi.jsonl');
  copyFileSync(join(ROOT, 'test', 'fixtures', 'hostile', 'bidi.jsonl'), src);
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, src, {}));
  return casePath;
}

describe('bidi controls in untrusted text, in Chromium', () => {
  useWorkspace('clew-browser-bidi-', build, (w) => ({ page, trouble } = w));

  it('shows the spoofed name and the reversed message in logical order, controls as markers', async () => {
    await page.getByRole('searchbox', { name: 'Search query' }).fill('open OR port');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('hit').count()).toBe(2);
    const hits = page.getByTestId('hits');
    const text = (await hits.textContent()) ?? '';
    expect(text).not.toContain(RLO);
    expect(text).toContain('KumRLOgnp.exe'); // the marker's text sits where the control was
    expect(text).toContain('RLOmeet at the port at nine');
    expect(await hits.getByTestId('bidi-control').count()).toBeGreaterThanOrEqual(2);
    // the name is drawn left to right in logical order: "Kum", then the marker, then "gnp.exe"
    const name = hits.locator('.account-name', { hasText: 'gnp.exe' }).first();
    const order = await name.evaluate((el) => {
      const at = (needle: string) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = n.textContent!.indexOf(needle);
          if (i >= 0) {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + needle.length);
            return r.getBoundingClientRect().left;
          }
        }
        return NaN;
      };
      return [at('Kum'), at('gnp'), at('exe')];
    });
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    expect(await controlsLeft()).toEqual([]);
    await shot('hostile-bidi-search');
  });

  it('keeps Arabic right to left and the conversation free of applied controls', async () => {
    await page.getByRole('searchbox', { name: 'Search query' }).fill('port');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('hit').count()).toBe(1);
    await page.getByTestId('hit').first().click();
    await page.getByTestId('transcript').waitFor();
    await expect.poll(() => page.getByTestId('transcript').textContent()).toContain('الشحنة');
    const arabic = page.locator('.msg-body', { hasText: 'الشحنة' }).first();
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const markers = await page.getByTestId('transcript').getByTestId('bidi-control').allTextContents();
    expect(markers).toEqual(expect.arrayContaining(['RLO', 'RLI', 'PDI', 'RLE', 'PDF']));
    expect(await controlsLeft()).toEqual([]);
    await shot('hostile-bidi-conversation');
  });

  it('broke no policy and threw nothing', () => {
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
  });
});
