/**
 * Person level in Chromium (issue 8): with no person yet the Key players view ranks accounts;
 * after two merges (one person with a hostile name) it ranks persons by default, one row per
 * person linking to its dossier and its messages; arresting a person draws the disruption chart
 * and removes both its handles; the Nodes switch goes back to accounts with the arrest kept; the
 * Timeline counts a person's accounts together. Hostile names stay text; no CSP violation.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIdentityCase, NEW, OLD, SAILOR1, SAILOR2, XSS } from '../../src/api/test-support/identity-case.js';
import { type RunningServer } from '../../src/server/server.js';
import type { IdentityDecideResponse } from '../../src/server/wire.js';
import { type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;
let kum = '';
let sailor = '';

const xssFlag = () => xssOf(page);
const shot = (name: string) => screenshot(page, name, true);
/** A merge through the workspace's own API (as the People view's `a` does), from the page. */
const merge = (a: string, b: string, person: string) =>
  page.evaluate(
    async (body) => {
      const r = await fetch('/api/identity/decide', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return (await r.json()) as unknown;
    },
    { action: 'merge', a, b, person },
  ) as Promise<IdentityDecideResponse>;
const rowKeys = () => page.getByTestId('keyplayer').evaluateAll((rows) => rows.map((r) => r.querySelector('[data-testid="arrest-box"]')?.getAttribute('aria-label')?.replace(/^arrest /, '') ?? ''));

describe('person level in Chromium', () => {
  useWorkspace('clew-browser-persons-', (d) => buildIdentityCase(join(d, 'case')), (w) => ({ srv, page, trouble } = w));

  it('ranks accounts while the case has no person', async () => {
    await page.goto(`${srv.origin}/key-players`);
    await page.getByTestId('keyplayers').waitFor();
    await expect.poll(() => page.getByTestId('kp-level').inputValue()).toBe('account');
    const keys = await rowKeys();
    expect(keys).toContain(OLD);
    expect(keys).toContain(NEW);
    expect(await page.getByTestId('keyplayer-person').count()).toBe(0);
  });

  it('after merges ranks persons by default: one row per person, linking to its dossier and messages', async () => {
    const k = await merge(OLD, NEW, 'Kum');
    const s = await merge(SAILOR1, SAILOR2, `Mornar ${XSS}`);
    if (k.result.action !== 'merge' || s.result.action !== 'merge') throw new Error('not merged');
    kum = `person:${k.result.person.id}`;
    sailor = `person:${s.result.person.id}`;
    await page.goto(`${srv.origin}/key-players`);
    await page.getByTestId('keyplayers').waitFor();
    await expect.poll(() => page.getByTestId('kp-level').inputValue()).toBe('person');
    const keys = await rowKeys();
    expect(keys.filter((x) => x === kum)).toHaveLength(1);
    expect(keys).toContain(sailor);
    expect(keys).not.toContain(OLD);
    expect(keys).not.toContain(NEW);
    const kumRow = page.getByTestId('keyplayer').filter({ has: page.locator(`[aria-label="arrest ${kum}"]`) });
    expect(await kumRow.getByTestId('keyplayer-person').innerText()).toContain(OLD);
    expect(await kumRow.getByTestId('person-dossier-link').getAttribute('href')).toBe(`/dossier/${encodeURIComponent(kum)}`);
    expect(await kumRow.locator('a.person-link').getAttribute('href')).toBe(`/search?q=${encodeURIComponent(kum)}`);
    // the hostile person name is text
    const sailorRow = page.getByTestId('keyplayer').filter({ has: page.locator(`[aria-label="arrest ${sailor}"]`) });
    expect(await sailorRow.locator('.person-link').textContent()).toBe(`Mornar ${XSS}`);
    expect(await page.locator('.view-keyplayers img, .view-keyplayers script').count()).toBe(0);
    // the dossier link opens the person's dossier
    await kumRow.getByTestId('person-dossier-link').click();
    await page.getByTestId('dossier').waitFor();
    expect(await page.locator('h1.dossier-title').textContent()).toBe('Kum');
    const actions = page.getByTestId('dossier').locator('.dossier-actions');
    expect(await actions.getByRole('link', { name: 'Timeline' }).getAttribute('href')).toBe(`/timeline?account=${encodeURIComponent(kum)}`);
    expect(await actions.getByRole('link', { name: 'Map' }).getAttribute('href')).toBe(`/map?account=${encodeURIComponent(kum)}`);
    expect(await actions.getByRole('link', { name: 'Network' }).getAttribute('href')).toBe(`/network?focus=${encodeURIComponent(kum)}&level=person`);
  });

  it('arrests a person: the chart, and both its handles gone; the Nodes switch keeps the arrest', async () => {
    await page.goto(`${srv.origin}/key-players`);
    await page.getByTestId('keyplayers').waitFor();
    await page.locator(`[aria-label="arrest ${kum}"]`).check();
    await page.getByTestId('disrupt-chart').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('arrest')).toEqual([kum]);
    await expect.poll(() => page.getByTestId('arrest-chip').textContent()).toContain('Kum');
    const step = page.locator('[data-testid="disrupt-arrests"][data-step="1"]');
    await step.waitFor();
    expect(await step.locator('.removed-person').allTextContents()).toEqual(['Kum']);
    const personComponents = Number(await step.getAttribute('data-components'));
    expect(personComponents).toBeGreaterThan(1);
    await shot('persons-keyplayers-arrest');
    // accounts: the arrest of the person removes both its handles
    await page.getByTestId('kp-level').selectOption('account');
    await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('account');
    await expect.poll(async () => (await rowKeys()).includes(OLD)).toBe(true);
    await expect.poll(() => page.locator('[data-testid="disrupt-arrests"][data-step="1"] .removed-person').count()).toBe(2);
    expect(Number(await page.locator('[data-testid="disrupt-arrests"][data-step="1"]').getAttribute('data-components'))).toBe(personComponents);
    await shot('persons-keyplayers-accounts');
  });

  it('the Timeline counts a person’s accounts as one series', async () => {
    await page.goto(`${srv.origin}/timeline?unit=month&account=${encodeURIComponent(kum)}`);
    await page.getByTestId('activity-chart').waitFor();
    const summary = await page.getByTestId('activity-summary').textContent();
    expect(summary).toContain('Kum (2 accounts)');
    expect(await page.getByTestId('scope-account').textContent()).toContain('Kum');
    await page.goto(`${srv.origin}/timeline?unit=month&account=${encodeURIComponent(sailor)}`);
    await page.getByTestId('activity-chart').waitFor();
    expect(await page.getByTestId('activity-summary').textContent()).toContain(`Mornar ${XSS} (2 accounts)`);
    await shot('persons-timeline');
  });

  it('ran without a CSP violation, page error or injected script', async () => {
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(trouble.dialogs).toEqual([]);
    expect(await xssFlag()).toBeUndefined();
  });
});
