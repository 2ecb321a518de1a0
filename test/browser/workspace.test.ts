/**
 * The web workspace end to end in a real browser: hostile content in message bodies, display
 * names, conversation titles and file names must render as text (no script runs), Arabic must
 * read right to left, and every view is screenshotted to artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/server/server.js';
import { ARABIC, buildTestCase, XSS } from '../../src/server/test-support/case.js';
import { type Browser, type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;

const xssFlag = () => xssOf(page);
const shot = (name: string) => screenshot(page, name);

describe('web workspace in Chromium', () => {
  useWorkspace('clew-browser-', async (d) => (await buildTestCase(join(d, 'case'))).casePath, (w) => ({ srv, browser, page, trouble } = w), { signIn: false });

  it('exchanges the URL token for a cookie and shows the case overview', async () => {
    await page.goto(srv.url);
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    await page.getByTestId('casebar').waitFor();
    await expect.poll(() => page.getByTestId('casebar').textContent()).toContain('124 messages');
    await page.getByRole('heading', { name: 'Most active accounts' }).waitFor();
    const name = page.locator('.account-name', { hasText: 'أبو خالد' }).first();
    expect(await name.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await shot('overview');
  });

  it('searches, highlights with <mark>, renders hostile text as text, and scrolls for more', async () => {
    await page.getByRole('searchbox', { name: 'Search query' }).fill('kafa');
    await page.keyboard.press('Enter');
    await page.getByTestId('hit').first().waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('kafa');
    const marks = await page.locator('.hits mark').allTextContents();
    expect(marks.length).toBeGreaterThan(10);
    for (const m of marks) expect(m.toLowerCase()).toMatch(/^(kafa|кафа|كافا)$/); // the case holds Arabic: kafa is also searched as كافا
    // the payload is visible as characters, and no <img> was created from it
    await expect.poll(() => page.getByTestId('hits').textContent()).toContain(XSS);
    expect(await page.locator('.hits img').count()).toBe(0);
    await shot('search');
    // infinite scroll: 124 hits arrive in pages of 50 as the list is scrolled
    for (let i = 0; i < 10 && (await page.getByTestId('hit').count()) < 124; i++) {
      await page.locator('.sentinel').scrollIntoViewIfNeeded();
      await page.waitForTimeout(150);
    }
    expect(await page.getByTestId('hit').count()).toBe(124);
    await page.getByText('End of results').waitFor();
    // keyboard: j moves to the next hit
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.previousElementSibling?.previousElementSibling)).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('hit-link');
  });

  it('switches to exact matching through the URL', async () => {
    await page.getByRole('radio', { name: 'Exact' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('mode')).toBe('exact');
    await page.getByTestId('hit').first().waitFor();
    await page.getByRole('searchbox', { name: 'Search query' }).fill('KAFA');
    await page.keyboard.press('Enter');
    await page.getByText('No messages match.').waitFor();
    await page.getByRole('radio', { name: 'Folded' }).click();
    await page.getByTestId('hit').first().waitFor();
  });

  it('opens the conversation: Arabic right to left, provenance one click away, no script ran', async () => {
    await page.getByRole('searchbox', { name: 'Search query' }).fill('"the kafa is here"');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('hit').count()).toBe(1);
    await page.getByTestId('hit').first().click();
    await page.getByTestId('transcript').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/m\/[0-9]+$/);
    const bodies = page.locator('.msg-body');
    await expect.poll(() => bodies.count()).toBe(4);
    const arabic = page.locator('.msg-body', { hasText: ARABIC });
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const latin = page.locator('.msg-body', { hasText: 'dobro jutro' });
    expect(await latin.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await page.locator('.msg-anchor .msg-body').textContent()).toContain(XSS);
    expect(await page.locator('.transcript img').count()).toBe(0);
    // display names and the conversation title carry payloads too
    expect(await page.locator('.conv-title h1').textContent()).toContain('<b onmouseover=');
    expect(await page.locator('.conv-people').textContent()).toContain('<script>window.__xss=2</script>');
    await page.locator('.conv-title h1').hover();
    await shot('conversation');

    await page.locator('.msg-anchor .btn-src').click();
    const prov = page.getByTestId('provenance');
    await prov.getByTestId('raw').waitFor();
    expect(await prov.getByTestId('prov-file').textContent()).toContain(XSS);
    expect(await prov.getByTestId('prov-sha').textContent()).toMatch(/[0-9a-f]{64}/);
    expect(JSON.parse((await prov.getByTestId('raw').textContent())!)).toMatchObject({ type: 'message', body: expect.stringContaining(XSS) });
    expect(await prov.locator('img').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('source')).toMatch(/^[0-9]+$/);
    await shot('provenance');

    // entities found in a message are marked in the provenance panel
    await page.locator('[data-testid="message"]', { hasText: 'dobro jutro' }).locator('.btn-src').click();
    await page.getByTestId('mentions').waitFor();
    expect(await page.locator('[data-testid="mentions"] mark.ent-phone').textContent()).toBe('+381641234567');
    await shot('entities');

    // reload keeps the view (state is in the URL; the cookie carries the session)
    await page.reload();
    await page.getByTestId('provenance').getByTestId('raw').waitFor();

    expect(await xssFlag()).toBeUndefined();
  });

  it('returns from a conversation to the same results and scroll position', async () => {
    await page.goto(srv.origin + '/search?q=kafa');
    for (let i = 0; i < 10 && (await page.getByTestId('hit').count()) < 124; i++) {
      await page.locator('.sentinel').scrollIntoViewIfNeeded();
      await page.waitForTimeout(150);
    }
    expect(await page.getByTestId('hit').count()).toBe(124);
    const target = page.getByTestId('hit').nth(110);
    await target.scrollIntoViewIfNeeded();
    const scrolled = await page.locator('.view-search').evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(1000);
    await target.click();
    await page.getByTestId('transcript').waitFor();
    await page.goBack();
    await page.getByTestId('hits').waitFor();
    expect(await page.getByTestId('hit').count()).toBe(124);
    expect(Math.abs((await page.locator('.view-search').evaluate((el) => el.scrollTop)) - scrolled)).toBeLessThan(5);
  });

  it('pages through a long conversation around the message', async () => {
    await page.goto(srv.origin + '/search?q=' + encodeURIComponent('"filler kafa message 60"'));
    await expect.poll(() => page.getByTestId('hit').count()).toBe(1);
    await page.getByTestId('hit').click();
    await page.getByTestId('transcript').waitFor();
    await expect.poll(() => page.getByTestId('message').count()).toBe(61); // 30 before, the message, 30 after
    expect(await page.locator('.msg-anchor .msg-body').textContent()).toBe('filler kafa message 60');
    await page.getByRole('button', { name: 'Load earlier messages' }).click();
    await expect.poll(() => page.getByTestId('message').count()).toBe(91);
    await page.getByText('Start of conversation').waitFor(); // messages 0–29 were all there was
    await page.getByRole('button', { name: 'Load later messages' }).click();
    await expect.poll(() => page.getByTestId('message').count()).toBe(120);
    await page.getByText('End of conversation').waitFor();
    const bodies = await page.locator('.msg-body').allTextContents();
    expect(bodies).toEqual(Array.from({ length: 120 }, (_, i) => `filler kafa message ${i}`));
  });

  it('lists the quarantine', async () => {
    await page.getByRole('link', { name: /Quarantine/ }).click();
    await page.getByRole('heading', { name: 'Quarantine' }).waitFor();
    expect(await page.locator('table.grid tbody tr').count()).toBe(1);
    await shot('quarantine');
  });

  it('lists entities by type, with hostile names as text, and opens their messages in Search', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Entities' }).click();
    await page.getByTestId('entities').waitFor();
    const phone = page.locator('a.entity-link', { hasText: '+381641234567' });
    await phone.waitFor();
    const row = page.getByTestId('entity').filter({ has: phone });
    expect(await row.locator('.account-name').first().textContent()).toBe(`<script>window.__xss=2</script>Kum ${XSS}`);
    expect(await page.locator('[data-testid="entities"] img, [data-testid="entities"] script').count()).toBe(0);
    await page.getByTestId('entity-type').selectOption('phone');
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('phone');
    await expect.poll(async () => (await page.locator('.ent-type').count()) === 0 && (await page.getByTestId('entity').count())).toBe(1);
    await shot('entity-list');
    await page.locator('a.entity-link', { hasText: '+381641234567' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('entity:phone=+381641234567');
    await expect.poll(() => page.getByTestId('hit').count()).toBe(1);
    expect(await page.getByTestId('hits').textContent()).toContain('zovi +381641234567');
  });

  it('ranks key players with inline measure bars, hostile names as text, each a link to their messages', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Key players' }).click();
    await page.getByTestId('keyplayers').waitFor();
    const people = page.getByTestId('keyplayer');
    await expect.poll(() => people.count()).toBe(2);
    const kum = people.filter({ hasText: 'skyecc:AAA111' });
    expect(await kum.locator('.account-name').textContent()).toBe(`<script>window.__xss=2</script>Kum ${XSS}`);
    expect(await kum.locator('.contact').textContent()).toContain('أبو خالد');
    expect(await page.locator('[data-testid="keyplayers"] img, [data-testid="keyplayers"] script').count()).toBe(0);
    // four bars per person, sized by CSS width (no chart library)
    expect(await page.locator('.keyplayers .bar-fill').count()).toBe(8);
    const widths = await page.locator('.keyplayers .bar-fill').evaluateAll((els) => els.map((el) => (el as HTMLElement).getBoundingClientRect().width));
    expect(Math.max(...widths)).toBeGreaterThan(10);
    await shot('key-players');
    await kum.locator('a.person-link').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('from:skyecc:AAA111');
    await expect.poll(() => page.getByTestId('hit').count()).toBe(50);
    expect(await xssFlag()).toBeUndefined();
  });

  it('ran no script, opened no dialog, broke no CSP rule and never left the machine', async () => {
    expect(await xssFlag()).toBeUndefined();
    expect(trouble.dialogs).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
    expect(browser.offsite).toEqual([]);
    // and the page enforces Trusted Types: a string can no longer reach an HTML sink
    const sink = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<img src=x>';
        return 'assigned';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(sink).toBe('TypeError');
    // only emptying passes the policy (libraries clear their containers with innerHTML = '')
    expect(await page.evaluate(() => {
      const div = document.createElement('div');
      div.append('x');
      div.innerHTML = '';
      return div.childNodes.length;
    })).toBe(0);
  });

  it('refuses a visit without the token', async () => {
    await browser.context.clearCookies();
    const r = await page.goto(srv.origin + '/search?q=kafa');
    expect(r?.status()).toBe(401);
    expect(await page.locator('body').textContent()).toContain('needs its access token');
    expect(await page.locator('#root').count()).toBe(0);
  });
});
