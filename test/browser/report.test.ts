/**
 * Evidence reports in Chromium (issue 20 part 2): tag messages in Search, build a report in the
 * Report view (items from the tag, reordered, commentary, an introduction, a figure), download its
 * HTML, PDF and manifest, rebuild it from the manifest (the API, as `clew report --manifest`
 * does, and the view's own check) and compare hashes; then the rest of the path in one walk:
 * a tag added in a conversation, a note on the sender's dossier, the report of that tag, the Network
 * export, and the rebuild. Markup in the tag, the commentary and the
 * introduction stays text, in the report and in the PDF.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { rebuildReport } from '../../src/api/report.js';
import { type RunningServer } from '../../src/server/server.js';
import { addCallSource, buildTestCase, XSS } from '../../src/server/test-support/case.js';
import { type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;
let dir = '';
let casePath = '';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const TAG = `dokaz ${XSS}`;
const COMMENTARY = 'Kum confirms the port </textarea><script>window.__xss=7</script>';
const INTRO = 'Delivery of 850 kg <img src=x onerror=window.__xss=8>';

async function save(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

describe('evidence report in Chromium', () => {
  useWorkspace(
    'clew-browser-report-',
    async (d) => {
      casePath = (await buildTestCase(join(d, 'case'))).casePath;
      await addCallSource(join(d, 'case'), casePath);
      return casePath;
    },
    (w) => ({ srv, page, trouble, dir } = w),
    { timeoutMs: 180_000 },
  );

  it('tags in Search, builds the report in the Report view, downloads HTML, PDF and manifest, and the manifest rebuilds the same bytes', async () => {
    // tag two messages in Search
    const ids: string[] = [];
    for (const q of ['Контејнер', 'dobro jutro']) {
      await page.goto(`${srv.origin}/search?q=${encodeURIComponent(q)}`);
      const hit = page.locator('li.hit').first();
      await hit.getByTestId('annotation-add-tag').click();
      await hit.getByTestId('annotation-tag-input').fill(TAG);
      await hit.getByTestId('annotation-save').click();
      await hit.getByTestId('annotation-tag').waitFor();
      ids.push(/^\/m\/([0-9]+)/.exec((await hit.locator('a[href^="/m/"]').first().getAttribute('href')) ?? '')![1]!);
    }

    // one more from a search hit's "+ Report"
    await page.goto(`${srv.origin}/search?q=${encodeURIComponent('"the kafa is here"')}`);
    const extraHit = page.locator('li.hit').first();
    await extraHit.getByTestId('add-to-report').click();
    await expect.poll(() => extraHit.getByTestId('add-to-report').textContent()).toBe('✓ in report');
    const extra = /^\/m\/([0-9]+)/.exec((await extraHit.locator('a[href^="/m/"]').first().getAttribute('href')) ?? '')![1]!;

    // the Report view: that message, then the tag's messages; reordered, with commentary, introduction and a figure
    await page.getByRole('link', { name: 'Report' }).click();
    await page.getByTestId('report-tag').waitFor();
    await expect.poll(() => page.getByTestId('report-item').count()).toBe(1);
    await expect.poll(() => page.getByTestId('report-tag').locator('option').allTextContents()).toEqual([`#${TAG} (2)`]);
    await page.getByTestId('report-add-tag').click();
    await expect.poll(() => page.getByTestId('report-item').count()).toBe(3);
    const listed = await page.getByTestId('report-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
    expect(listed[0]).toBe(extra);
    const tagged = listed.slice(1);
    expect([...tagged].sort()).toEqual([...ids].sort());
    // the search hit last, the tagged ones in swapped order
    await page.getByTestId('item-down').first().click();
    await page.getByTestId('item-down').nth(1).click();
    await page.getByTestId('item-down').first().click();
    const order = await page.getByTestId('report-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
    expect(order).toEqual([tagged[1], tagged[0], extra]);
    await page.getByTestId('item-commentary').first().fill(COMMENTARY);
    await page.getByTestId('report-introduction').fill(INTRO);
    await page.getByTestId('report-add-figure').click();
    await page.getByTestId('figure-measure').selectOption('degree');
    await page.getByTestId('report-context').fill('1');
    // the draft survives a reload
    await page.reload();
    await expect.poll(() => page.getByTestId('item-commentary').first().inputValue()).toBe(COMMENTARY);
    await page.getByTestId('report-make').click();
    await page.getByTestId('report-made').waitFor({ timeout: 60_000 });
    await screenshot(page, 'report-view', true);
    const reportSha = (await page.getByTestId('report-sha').textContent())!.trim();
    const manifestSha = (await page.getByTestId('manifest-sha').textContent())!.trim();

    // the three files
    const html = await save('download-html');
    expect(html.name).toBe(`clew-case-report-${manifestSha.slice(0, 12)}.html`);
    expect(sha(html.bytes)).toBe(reportSha);
    const text = html.bytes.toString('utf8');
    expect(text).toContain('<svg class="chart"');
    expect(text).not.toContain('<script>');
    expect(text).toContain('Kum confirms the port &lt;/textarea&gt;&lt;script&gt;');
    const manifest = await save('download-manifest');
    const m = JSON.parse(manifest.bytes.toString('utf8')) as { manifestSha256: string; reportSha256: string; items: { id: number; commentary: string | null }[]; introduction: string; context: { before: number } };
    expect(m).toMatchObject({ manifestSha256: manifestSha, reportSha256: reportSha, introduction: INTRO, context: { before: 1 } });
    expect(m.items.map((i) => String(i.id))).toEqual(order);
    expect(m.items[2]!.commentary).toBeNull();
    expect(m.items[0]!.commentary).toBe(COMMENTARY);
    const pdf = await save('download-pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    writeFileSync(join(dir, 'r.pdf'), pdf.bytes);
    const pdfText = spawnSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout;
    for (const s of [COMMENTARY, INTRO, `#${TAG}`, manifestSha]) expect(pdfText).toContain(s);

    // rebuilt from the manifest (as clew report --manifest does): the same bytes
    const again = await withCase(casePath, { readonly: true }, (s) => rebuildReport(s, manifest.bytes.toString('utf8'), 'manifest'));
    expect(again.identical).toBe(true);
    expect(sha(Buffer.from(again.html))).toBe(sha(html.bytes));
    // and by the view's own check
    writeFileSync(join(dir, 'm.json'), manifest.bytes);
    await page.getByTestId('rebuild-input').setInputFiles(join(dir, 'm.json'));
    await expect.poll(() => page.getByTestId('rebuild-result').getAttribute('data-identical'), { timeout: 30_000 }).toBe('yes');
    // a manifest edited by hand is refused
    writeFileSync(join(dir, 'edited.json'), manifest.bytes.toString('utf8').replace('Delivery of 850 kg', 'Delivery of 10 kg'));
    await page.getByTestId('rebuild-input').setInputFiles(join(dir, 'edited.json'));
    await expect.poll(() => page.locator('.view-report [role="alert"], .view-report .error').allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('was changed after it was written')]));

    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
  });

  it('walks the rest of the path: tags in a conversation, notes the sender on the dossier, reports the tag, saves the Network export, and the manifest rebuilds the same bytes', async () => {
    // a message tagged in its conversation (not in Search)
    await page.goto(`${srv.origin}/search?q=${encodeURIComponent('"the kafa is here"')}`);
    const to = await page.locator('li.hit').first().locator('a[href^="/m/"]').first().getAttribute('href');
    const id = /^\/m\/([0-9]+)/.exec(to ?? '')![1]!;
    await page.goto(`${srv.origin}/m/${id}`);
    const msg = page.locator(`#msg-${id}`);
    await msg.getByTestId('annotation-add-tag').click();
    await msg.getByTestId('annotation-tag-input').fill('walk');
    await msg.getByTestId('annotation-save').click();
    await msg.getByTestId('annotation-tag').filter({ hasText: '#walk' }).waitFor();

    // a note on its sender, from the conversation to the dossier
    await msg.getByTestId('dossier-link').first().click();
    const head = page.locator('.dossier-head');
    await head.getByTestId('annotation-add-note').click();
    await head.getByTestId('annotation-note-input').fill(`sender of the kafa ${XSS}`);
    await head.getByTestId('annotation-save').click();
    await expect.poll(() => head.getByTestId('annotation-note').textContent()).toContain(`sender of the kafa ${XSS}`);

    // the Report view: the tag's one message, made, its HTML and PDF saved
    await page.goto(`${srv.origin}/report`);
    await page.getByTestId('report-tag').waitFor();
    if (await page.getByTestId('report-clear').count()) await page.getByTestId('report-clear').click();
    await page.getByTestId('report-tag').selectOption('walk');
    await page.getByTestId('report-add-tag').click();
    await expect.poll(() => page.getByTestId('report-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual([id]);
    await page.getByTestId('report-make').click();
    await page.getByTestId('report-made').waitFor({ timeout: 60_000 });
    const reportSha = (await page.getByTestId('report-sha').textContent())!.trim();
    const html = await save('download-html');
    expect(sha(html.bytes)).toBe(reportSha);
    expect(html.bytes.toString('utf8')).toContain(`Item 1: message ${id}`);
    expect(html.bytes.toString('utf8')).toContain('tag <b>#<bdi>walk</bdi></b>');
    expect((await save('download-pdf')).bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const manifest = await save('download-manifest');

    // the Network export of the case, from the Network view
    await page.goto(`${srv.origin}/network`);
    await page.getByTestId('network').waitFor();
    await page.getByTestId('export-menu').click();
    const gexf = await save('export-gexf');
    expect(gexf.name).toBe('clew-case-network.gexf');
    expect(gexf.bytes.toString('utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gexf /);

    // the report rebuilt from its manifest: the same bytes, the note on the sender changing nothing in it
    const again = await withCase(casePath, { readonly: true }, (s) => rebuildReport(s, manifest.bytes.toString('utf8'), 'manifest'));
    expect(again.identical).toBe(true);
    expect(sha(Buffer.from(again.html))).toBe(reportSha);

    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
  });

  it('lists an account’s calls, cites one, and the report shows it with its context between the two', async () => {
    await page.goto(`${srv.origin}/report`);
    await page.getByTestId('report-calls-of').waitFor();
    if (await page.getByTestId('report-clear').count()) await page.getByTestId('report-clear').click();
    await page.getByTestId('report-calls-of').fill('skyecc:AAA111');
    await page.getByTestId('report-calls-with').fill('skyecc:BBB222');
    await page.getByTestId('report-list-calls').click();
    await expect.poll(() => page.getByTestId('report-call').count()).toBe(2);
    const callId = (await page.getByTestId('report-call').first().getAttribute('data-id'))!;
    await page.getByTestId('report-add-call').first().click();
    await expect.poll(() => page.locator('[data-testid="report-item"][data-type="call"]').count()).toBe(1);
    await page.getByTestId('item-commentary').first().fill(`the call ${XSS}`);
    await page.getByTestId('report-make').click();
    await page.getByTestId('report-made').waitFor({ timeout: 60_000 });
    const html = (await save('download-html')).bytes.toString('utf8');
    expect(html).toContain(`Item 1: call ${callId}`);
    expect(html).toContain(`▶ CITED · call ${callId}`);
    expect(html).toContain('the call &lt;img src=x onerror=window.__xss=1&gt;');
    expect(html).not.toContain('<img');
    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
  });
});
