/**
 * The team server in Chromium (issue 21): two users of two agencies, each granted one case, sign
 * in through the app's sign-in page, see only their case in the list and in search, and sign
 * out from the user's menu; a link to the other's case shows no trace of it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTeamServer, startTeamServer } from '../../src/server/server.js';
import type { PostgresCaseStore } from '../../src/store/postgres/store.js';
import { PASSWORD, type TeamFixture, caseWith, teamFixture, uniqueUser } from '../../src/store/postgres/team/test-support/team.js';
// the type of the test run's PostgreSQL, which vitest provides (inject('clewTestPg'))
import type {} from '../../src/store/postgres/test-support/global-setup.js';
import { type Browser, ensureWebBuilt, faultsOf, launchWatched, type PageTrouble, screenshot, signInAs, signOut, WEB_DIST } from './harness.js';

let f: TeamFixture;
let nlCase: PostgresCaseStore;
let rsCase: PostgresCaseStore;
let srv: RunningTeamServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;
const nl = uniqueUser('anouk');
const rs = uniqueUser('milos');

beforeAll(async () => {
  [f] = await Promise.all([teamFixture(), ensureWebBuilt()]);
  nlCase = await caseWith('nlcase', ['kafa in Rotterdam haven', 'de boot komt morgen']);
  rsCase = await caseWith('rscase', ['kafa u Baru stiže', 'kontejner je spreman']);
  await f.admin.addUser(nl, PASSWORD, 'NL-Politie');
  await f.admin.addUser(rs, PASSWORD, 'RS-Policija');
  await f.admin.grant(nl, nlCase.db.caseName, 'analyst');
  await f.admin.grant(rs, rsCase.db.caseName, 'reader');
  srv = await startTeamServer({ directory: f.server, webRoot: WEB_DIST, log: () => {} });
  ({ browser, page, trouble } = await launchWatched());
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await nlCase?.close();
  await rsCase?.close();
  await f?.close();
});

async function searchKafa(): Promise<string> {
  await page.getByRole('searchbox', { name: 'Search query' }).fill('kafa');
  await page.keyboard.press('Enter');
  await page.getByTestId('hit').first().waitFor();
  return (await page.locator('.hits').textContent()) ?? '';
}

describe('the team server in Chromium, two users of two agencies', () => {
  it('refuses a wrong password on the sign-in page', async () => {
    await page.goto(`${srv.origin}/`);
    await page.getByTestId('signin-user').fill(nl);
    await page.getByTestId('signin-password').fill('not the password');
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toContain('Wrong user name or password');
  });

  it('signs in as the Dutch analyst, who sees only the Dutch case', async () => {
    await signInAs(page, srv.origin, nl, PASSWORD);
    const links = page.getByTestId('case-link');
    expect(await links.allTextContents()).toEqual([nlCase.db.caseName]);
    await links.first().click();
    await page.getByTestId('casebar').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${nlCase.db.caseName}/search`);
    const hits = await searchKafa();
    expect(hits).toContain('Rotterdam');
    expect(hits).not.toContain('Baru');
    // the address keeps the case across a reload
    await page.reload();
    await page.getByTestId('casebar').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${nlCase.db.caseName}/search`);
    expect(await page.getByTestId('account-user').textContent()).toBe(nl);
    await screenshot(page, 'team-nl-search');
    // the other agency's case, asked for by name: the list, and no trace of it
    await page.goto(`${srv.origin}/cases/${rsCase.db.caseName}/search?q=kafa`);
    await page.getByTestId('case-missing').waitFor();
    expect(await page.locator('body').textContent()).not.toContain('Baru');
    await page.goto(`${srv.origin}/cases/${nlCase.db.caseName}/search`);
    await page.getByTestId('casebar').waitFor();
    await signOut(page);
  });

  it('signs in as the Serbian reader, who sees only the Serbian case', async () => {
    await signInAs(page, srv.origin, rs, PASSWORD);
    expect(await page.getByTestId('case-link').allTextContents()).toEqual([rsCase.db.caseName]);
    await page.getByTestId('case-link').first().click();
    await page.getByTestId('casebar').waitFor();
    const hits = await searchKafa();
    expect(hits).toContain('Baru');
    expect(hits).not.toContain('Rotterdam');
    await screenshot(page, 'team-rs-search');
    await signOut(page);
    // signed out: the API answers 401 to this browser
    const status = await page.evaluate(async (c) => (await fetch(`/api/cases/${c}/stats`, { credentials: 'same-origin' })).status, rsCase.db.caseName);
    expect(status).toBe(401);
    expect(faultsOf(trouble)).toEqual([]);
  });
});
