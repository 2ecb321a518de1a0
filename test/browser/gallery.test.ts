/**
 * The attachment gallery in Chromium (issue 20 part 4): the Gallery view on a case with real images and
 * hostile files. Previews are server-made JPEGs that load; a decompression bomb, text claiming image/jpeg
 * and HTML claiming image/png show a placeholder and run nothing; a file name with markup stays text;
 * EXIF time and place show (a capture time without a position too, and in the conversation); a preview followed by the keyboard opens its message in its conversation, whose
 * Attachments button leads back to that conversation's gallery.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { buildGalleryCase, GALLERY_XSS } from '../../src/api/test-support/gallery-case.js';
import { type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let page: Page;
let trouble: PageTrouble;

const tile = (name: string) => page.getByTestId('gallery-item').filter({ has: page.getByTestId('gallery-name').getByText(name, { exact: true }) });
const loaded = (name: string) => tile(name).getByTestId('gallery-img').evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth);

/** The gallery case, with text recognised in luka.jpg stored as clew ocr would (for its search hit). */
async function galleryCaseWithOcr(dir: string): Promise<string> {
  const casePath = await buildGalleryCase(dir);
  await withCase(casePath, {}, async (s) => {
    const luka = (await s.ocrCandidates({ limit: 50 })).find((c) => c.filename === 'luka.jpg')!;
    const ocr = { attachmentId: luka.attachmentId, engine: 'tesseract', engineVersion: '5.3.0', languages: ['eng'], dataVersions: {}, text: 'kontejner MSCU1234565 u luci', confidence: 91, orientation: null, failure: null, failed: null, at: 0 };
    await s.saveOcr([{ ocr, messageId: luka.messageId, mentions: [] }]);
  });
  return casePath;
}

describe('attachment gallery in Chromium', () => {
  useWorkspace('clew-browser-gallery-', (d) => galleryCaseWithOcr(join(d, 'case')), (w) => ({ page, trouble } = w), { timeoutMs: 180_000 });

  it('shows previews, placeholders for what is no image, names as text, EXIF, and follows a preview to its message', async () => {
    await page.getByRole('link', { name: 'Gallery' }).click();
    await page.getByTestId('gallery').waitFor();
    await expect.poll(() => page.getByTestId('gallery-item').count()).toBe(8);
    expect(await page.getByTestId('gallery-scope').textContent()).toBe('The whole case');

    // real images: previews the server made, loaded
    await expect.poll(() => loaded('luka.jpg'), { timeout: 30_000 }).toBe(320);
    await expect.poll(() => loaded('screenshot.png'), { timeout: 30_000 }).toBe(192);
    await expect.poll(() => loaded(GALLERY_XSS), { timeout: 30_000 }).toBe(64);
    // hostile files: a placeholder, nothing run
    for (const name of ['bomb.png', 'fake.jpg', 'page.png']) await tile(name).getByTestId('gallery-placeholder').waitFor({ timeout: 30_000 });
    expect(await tile('missing.jpg').getByTestId('gallery-placeholder').textContent()).toBe('the case does not hold the file');
    expect(await tile('missing.jpg').getByTestId('gallery-original').count()).toBe(0);
    // the markup in a file name is text; the original is a download link
    expect(await tile(GALLERY_XSS).getByTestId('gallery-name').textContent()).toBe(GALLERY_XSS);
    expect(await tile(GALLERY_XSS).getByTestId('gallery-original').getAttribute('download')).toBe('');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    // EXIF time and place
    expect(await tile('luka.jpg').getByTestId('gallery-exif').textContent()).toMatch(/^Taken 2022-07-01 08:30.* UTC at 51\.2194, 4\.4025$/);
    // a photo with an EXIF capture time and no position: the time, as the camera's clock said it
    expect(await tile('kamion.jpg').getByTestId('gallery-exif').textContent()).toBe('Taken 2022-06-30 21:05:10 (UTC+02:00, camera clock)');
    await expect.poll(() => loaded('kamion.jpg'), { timeout: 30_000 }).toBe(200);
    // the PDF only when not images only
    expect(await tile('racun.pdf').count()).toBe(0);
    await page.getByTestId('gallery-images-only').uncheck();
    await expect.poll(() => page.getByTestId('gallery-item').count()).toBe(9);
    expect(await tile('racun.pdf').getByTestId('gallery-placeholder').textContent()).toBe('not an image');
    await screenshot(page, 'gallery');

    // the keyboard: focus the preview, Enter opens its message in its conversation
    await tile('luka.jpg').getByTestId('gallery-open').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/m\/[0-9]+$/);
    await page.getByText('evo slike iz luke').first().waitFor();
    // the conversation names each attachment with its capture time where EXIF gives one
    expect(await page.getByTestId('attachment-taken').allTextContents()).toEqual([' · taken 2022-06-30 21:05:10 (UTC+02:00, camera clock)']);

    // the conversation's Attachments: its own gallery (the direct exchange of Ana and Boban)
    await page.getByTestId('conversation-gallery').click();
    await page.waitForURL(/\/gallery\?message=[0-9]+$/);
    await expect.poll(() => page.getByTestId('gallery-item').count()).toBe(3);
    expect(await page.getByTestId('gallery-name').allTextContents()).toEqual(['luka.jpg', 'screenshot.png', 'kamion.jpg']);

    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.errors).toEqual([]);
    expect(trouble.dialogs).toEqual([]);
    expect(trouble.csp).toEqual([]);
  });

  it("shows the image of a search hit found by the text read in it, as the server's preview", async () => {
    await page.goto(`${new URL(page.url()).origin}/search?q=MSCU1234565`);
    await expect.poll(() => page.getByTestId('hit').count()).toBe(1);
    const hit = page.getByTestId('hit-image');
    expect(await hit.textContent()).toContain('text in image luka.jpg (OCR, 91% confidence)');
    const thumb = hit.getByTestId('hit-thumb');
    expect(await thumb.getAttribute('src')).toMatch(/\/attachments\/[0-9]+\/thumbnail$/);
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth), { timeout: 30_000 }).toBe(320);
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
  });
});
