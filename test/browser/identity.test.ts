/**
 * The People view in Chromium: a suggestion reviewed side by side (names, shared contacts, hours,
 * evidence), `a` merges it into a person (named in a small form) and the person-level network has
 * one node for the two handles, `r` rejects a pair that never comes back, `u` undoes; hostile
 * names stay text; no CSP violation.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIdentityCase, KUM_CONTACTS, NEW, OLD, SAILOR1, SAILOR2, XSS } from '../../src/api/test-support/identity-case.js';
import { type RunningServer } from '../../src/server/server.js';
import type { IdentitySuggestionsResponse, NetworkResponse } from '../../src/server/wire.js';
import { type Browser, pageJson, type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;

const xssFlag = () => xssOf(page);
const shot = (name: string) => screenshot(page, name, true);
const api = <T,>(path: string) => pageJson<T>(page, path);
const sidePair = async () => [await page.getByTestId('side-a').locator('.account-ref').first().textContent(), await page.getByTestId('side-b').locator('.account-ref').first().textContent()].sort().join('+');

describe('the People view in Chromium', () => {
  useWorkspace('clew-browser-identity-', (d) => buildIdentityCase(join(d, 'case')), (w) => ({ srv, browser, page, trouble } = w));

  it('opens from the nav and shows a suggestion side by side with its evidence', async () => {
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByTestId('identity').waitFor();
    expect(new URL(page.url()).pathname).toBe('/identity');
    await expect.poll(() => page.getByTestId('suggestion').count()).toBe(2);
    await page.getByTestId('side-a').waitFor();
    // the first suggestion is either rotation; both show names, shared contacts, hours and evidence
    const evidence = await page.getByTestId('evidence').locator('tbody tr').allTextContents();
    expect(evidence.some((t) => t.startsWith('identifiers'))).toBe(true);
    expect(await page.getByTestId('side-a').locator('li[data-shared="yes"]').count()).toBe(KUM_CONTACTS.length);
    expect(await page.getByTestId('side-a').getByTestId('hours').locator('.hour').count()).toBe(24);
    // j / k move through the suggestions
    const first = await sidePair();
    await page.keyboard.press('j');
    await expect.poll(sidePair).not.toBe(first);
    await page.keyboard.press('k');
    await expect.poll(sidePair).toBe(first);
    // hostile names are text
    const sailor = [SAILOR1, SAILOR2].sort().join('+');
    if (first !== sailor) await page.keyboard.press('j');
    await expect.poll(sidePair).toBe(sailor);
    await expect.poll(() => page.getByTestId('side-a').getByTestId('names').textContent()).toContain(`Mornar ${XSS}`);
    expect(await page.locator('.view-identity img, .view-identity script').count()).toBe(0);
    await shot('identity-review');
  });

  it('r rejects the pair: it never comes back', async () => {
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('suggestion').count()).toBe(1);
    await expect.poll(sidePair).toBe([OLD, NEW].sort().join('+'));
    const s = await api<IdentitySuggestionsResponse>('/api/identity/suggestions');
    expect(s.suggestions.map((x) => x.a.ref)).not.toContain(SAILOR1);
    await page.reload();
    await page.getByTestId('side-a').waitFor();
    expect(await page.getByTestId('suggestion').count()).toBe(1);
  });

  it('a merges into a named person: the persons list and the person-level network show one node', async () => {
    const before = await api<NetworkResponse>('/api/network?level=person');
    await page.keyboard.press('a');
    const input = page.getByLabel('Person name');
    await input.waitFor();
    // a sensible default: the name others saved most often
    expect(await input.inputValue()).toMatch(/Kum Đorđević|Кум Ђорђевић/);
    await input.fill('Kum');
    await page.keyboard.press('Enter');
    await page.getByTestId('person').first().waitFor();
    expect(await page.getByTestId('person').count()).toBe(1);
    expect(await page.getByTestId('person').textContent()).toContain('Kum');
    expect(await page.getByTestId('person').locator('.account-ref').allTextContents()).toEqual([OLD, NEW]);
    await expect.poll(() => page.getByTestId('suggestion').count()).toBe(0);
    const net = await api<NetworkResponse>('/api/network?level=person');
    expect(net.nodes).toBe(before.nodes - 1);
    const persons = net.graph.keys.filter((k) => k.startsWith('person:'));
    expect(persons).toHaveLength(1);
    expect(net.graph.labels[net.graph.keys.indexOf(persons[0]!)]).toBe('Kum');
    expect(net.graph.keys).not.toContain(OLD);
    await shot('identity-merged');
  });

  it('u undoes the last decision: a merge, a rejection', async () => {
    await page.keyboard.press('u');
    await expect.poll(() => page.getByTestId('person').count()).toBe(0);
    await expect.poll(() => page.getByTestId('suggestion').count()).toBe(1);
    // the undo list is the page's own (the earlier rejection was before a reload)
    await expect.poll(() => page.getByTestId('undo').isDisabled()).toBe(true);
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('suggestion').count()).toBe(0);
    await page.keyboard.press('u');
    await expect.poll(() => page.getByTestId('suggestion').count()).toBe(1);
  });

  it("a person's dossier lists its handles with their dates; split from the persons list", async () => {
    await page.keyboard.press('a');
    await page.getByLabel('Person name').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('person').first().waitFor();
    // a tag on the person, from the persons list, is on its dossier (issue 20)
    const person = page.getByTestId('person').first();
    await person.getByTestId('annotation-add-tag').click();
    await person.getByTestId('annotation-tag-input').fill('leader');
    await person.getByTestId('annotation-save').click();
    await expect.poll(() => person.getByTestId('annotation-tag').allTextContents()).toEqual(['#leader×']);
    await page.getByTestId('person').locator('.person-name').click();
    await page.getByTestId('dossier-handles').waitFor();
    await expect.poll(() => page.locator('.dossier-head').getByTestId('annotation-tag').allTextContents()).toEqual(['#leader×']);
    expect(new URL(page.url()).pathname).toMatch(/^\/dossier\/person%3A\d+$/);
    const rows = await page.getByTestId('dossier-handle').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(OLD);
    expect(rows[0]).toContain('2021-01-01 14:00');
    expect(rows[1]).toContain(NEW);
    expect(rows[1]).toContain('2021-01-31 14:00');
    await shot('identity-person-dossier');
    // the Network view at person level: one node for the person's two handles
    const origin = new URL(srv.url).origin;
    await page.goto(`${origin}/network?level=account`);
    const count = page.getByTestId('net-count');
    await expect.poll(() => count.textContent(), { timeout: 20_000 }).toMatch(/^\d+ accounts ·/);
    const accounts = Number((await count.textContent())!.match(/^(\d+)/)![1]);
    await page.getByTestId('net-level').selectOption('person');
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('person');
    await expect.poll(async () => Number((await count.textContent())?.match(/^(\d+)/)?.[1]), { timeout: 20_000 }).toBe(accounts - 1);
    // without ?level= the view draws persons, now that the case has one
    await page.goto(`${origin}/network`);
    await expect.poll(async () => Number((await count.textContent())?.match(/^(\d+)/)?.[1]), { timeout: 20_000 }).toBe(accounts - 1);
    expect(await page.getByTestId('net-level').inputValue()).toBe('person');
    await expect.poll(() => page.getByTestId('net-layout').textContent(), { timeout: 20_000 }).toMatch(/settled/);
    await shot('identity-network-person');
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByTestId('person').first().waitFor();
    await page.getByTestId('split').first().click();
    await expect.poll(() => page.getByTestId('person').count()).toBe(0);
  });

  it('no XSS, no CSP violation, no dialog, nothing offsite', async () => {
    expect(await xssFlag()).toBeUndefined();
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors, trouble.errors.join('\n')).toEqual([]);
    expect(trouble.dialogs).toEqual([]);
    expect(browser.offsite).toEqual([]);
  });
});
