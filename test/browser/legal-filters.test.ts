/**
 * Legal filters in Chromium (issue 21 part 4): the owner of a case adds a filter by account in the
 * Sources view's Legal filters panel (its label hostile, shown as text); an analyst of the case,
 * who found the lawyer's message before, no longer finds it, and has no such panel.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTeamServer, startTeamServer } from '../../src/server/server.js';
import { ingest, msg } from '../../src/store/conformance/support.js';
import { openPostgresStore } from '../../src/store/postgres/open.js';
import type { PostgresCaseStore } from '../../src/store/postgres/store.js';
import { PASSWORD, type TeamFixture, teamFixture, uniqueUser } from '../../src/store/postgres/team/test-support/team.js';
import { testCaseLocator } from '../../src/store/postgres/test-support/pg-case.js';
// the type of the test run's PostgreSQL, which vitest provides (inject('clewTestPg'))
import type {} from '../../src/store/postgres/test-support/global-setup.js';
import { XSS } from '../../src/server/test-support/case.js';
import { type Browser, ensureWebBuilt, faultsOf, launchWatched, pageJson, type PageTrouble, screenshot, signInAs, signOut, WEB_DIST, xssOf } from './harness.js';

let f: TeamFixture;
let theCase: PostgresCaseStore;
let srv: RunningTeamServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;
const owner = uniqueUser('owner');
const analyst = uniqueUser('analyst');
const label = `lawyer–client ${XSS}`;
let C = '';

beforeAll(async () => {
  [f] = await Promise.all([teamFixture(), ensureWebBuilt()]);
  theCase = await openPostgresStore(testCaseLocator('legalweb'), { create: true });
  await ingest(
    theCase,
    [msg('sky:ana', ['sky:lawyer'], Date.UTC(2021, 2, 1, 9), 'privileged advice about the kafa'), msg('sky:ana', ['sky:bob'], Date.UTC(2021, 2, 1, 10), 'kafa with bob')],
    { analyse: true },
  );
  C = theCase.db.caseName;
  await f.admin.addUser(owner, PASSWORD, 'NL-Politie');
  await f.admin.addUser(analyst, PASSWORD, 'NL-Politie');
  await f.admin.grant(owner, C, 'owner');
  await f.admin.grant(analyst, C, 'analyst');
  srv = await startTeamServer({ directory: f.server, webRoot: WEB_DIST, log: () => {} });
  ({ browser, page, trouble } = await launchWatched());
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await theCase?.close();
  await f?.close();
});

/** The search page for `q` in the case, once its answer is shown: the hits' text. */
async function hitsFor(q: string): Promise<number> {
  await page.goto(`${srv.origin}/cases/${encodeURIComponent(C)}/search?q=${encodeURIComponent(q)}`);
  await page.getByTestId('casebar').waitFor();
  const r = await pageJson<{ hits: unknown[] }>(page, `/api/cases/${encodeURIComponent(C)}/search?q=${encodeURIComponent(q)}`);
  await expect.poll(() => page.getByTestId('hit').count()).toBe(r.hits.length);
  return r.hits.length;
}

describe('legal filters in Chromium', () => {
  it('the analyst finds the lawyer’s message, and has no Legal filters panel', async () => {
    await signInAs(page, srv.origin, analyst, PASSWORD);
    expect(await hitsFor('privileged')).toBe(1);
    await page.goto(`${srv.origin}/cases/${encodeURIComponent(C)}/sources`);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('heading', { name: 'Files in the case' }).waitFor();
    expect(await page.getByTestId('legal-filters').count()).toBe(0);
    await signOut(page);
  });

  it('the owner adds a filter by account in the Sources view; its label stays text', async () => {
    await signInAs(page, srv.origin, owner, PASSWORD);
    await page.goto(`${srv.origin}/cases/${encodeURIComponent(C)}/sources`);
    const panel = page.getByTestId('legal-filters');
    await panel.getByText('No legal filters on this case.').waitFor();
    await page.getByTestId('legal-kind').selectOption('privileged');
    await page.getByTestId('legal-label').fill(label);
    await page.getByTestId('legal-by').selectOption('accounts');
    await page.getByTestId('legal-select').fill('sky:lawyer');
    await page.getByTestId('legal-add-submit').click();
    await page.getByTestId('legal-filter').waitFor();
    expect(await page.getByTestId('legal-filter-label').textContent()).toBe(label);
    expect(await page.getByTestId('legal-filter').textContent()).toContain('sky:lawyer');
    expect(await xssOf(page)).toBeUndefined();
    await screenshot(page, 'legal-filters');
    // hidden from the owner too, until granted
    expect(await hitsFor('privileged')).toBe(0);
    await signOut(page);
  });

  it('the analyst no longer finds the covered message; the other one still shows', async () => {
    await signInAs(page, srv.origin, analyst, PASSWORD);
    expect(await hitsFor('privileged')).toBe(0);
    expect(await hitsFor('kafa')).toBe(1);
    expect(await page.locator('main').textContent()).toContain('kafa with bob');
    expect(await page.locator('main').textContent()).not.toContain('privileged advice');
    await signOut(page);
    expect(faultsOf(trouble)).toEqual([]);
  });
});
