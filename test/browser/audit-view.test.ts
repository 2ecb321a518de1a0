/**
 * The Audit view in Chromium (issue 21 part 5), on a team server with an audit log: an analyst
 * searches the case; the case's auditor signs in, sees only the Audit view, finds the analyst's
 * search in the log with its query text, and downloads the entry's inclusion proof, which
 * `clew audit check-proof` accepts. The analyst has no Audit view and the route refuses them.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditLog, checkAuditProof, openAuditLog } from '../../src/api/audit.js';
import { type RunningTeamServer, startTeamServer } from '../../src/server/server.js';
import type { PostgresCaseStore } from '../../src/store/postgres/store.js';
import { PASSWORD, type TeamFixture, caseWith, teamFixture, uniqueUser } from '../../src/store/postgres/team/test-support/team.js';
// the type of the test run's PostgreSQL, which vitest provides (inject('clewTestPg'))
import type {} from '../../src/store/postgres/test-support/global-setup.js';
import { type Browser, ensureWebBuilt, faultsOf, launchWatched, type PageTrouble, screenshot, signInAs, signOut, WEB_DIST } from './harness.js';

let f: TeamFixture;
let theCase: PostgresCaseStore;
let audit: AuditLog;
let srv: RunningTeamServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;
const analyst = uniqueUser('ana');
const auditor = uniqueUser('aud');
const word = `kafa`;

beforeAll(async () => {
  [f] = await Promise.all([teamFixture(), ensureWebBuilt()]);
  theCase = await caseWith('audcase', ['kafa in Rotterdam haven', 'de boot komt morgen']);
  await f.admin.addUser(analyst, PASSWORD, 'NL-Politie');
  await f.admin.addUser(auditor, PASSWORD, 'EU-Audit');
  await f.admin.grant(analyst, theCase.db.caseName, 'analyst');
  await f.admin.grant(auditor, theCase.db.caseName, 'auditor');
  audit = await openAuditLog(f.serverUrl, { keyFile: join(mkdtempSync(join(tmpdir(), 'clew-audit-')), 'key.pem') });
  srv = await startTeamServer({ directory: f.server, webRoot: WEB_DIST, log: () => {}, audit });
  ({ browser, page, trouble } = await launchWatched());
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await audit?.close();
  await theCase?.close();
  await f?.close();
});

const navTitles = () => page.locator('nav.sidenav .nav-item').allTextContents();

describe('the Audit view in Chromium', () => {
  it('an analyst searches, has no Audit view, and the audit route refuses them', async () => {
    await signInAs(page, srv.origin, analyst, PASSWORD);
    await page.getByTestId('case-link').first().click();
    await page.getByTestId('casebar').waitFor();
    await page.getByRole('searchbox', { name: 'Search query' }).fill(word);
    await page.keyboard.press('Enter');
    await page.getByTestId('hit').first().waitFor();
    const nav = await navTitles();
    expect(nav).toContain('Search');
    expect(nav).not.toContain('Audit');
    const refused = await page.evaluate(async (c) => {
      const r = await fetch(`/api/cases/${c}/audit`, { credentials: 'same-origin' });
      return { status: r.status, body: (await r.json()) as { error?: { code: string } } };
    }, theCase.db.caseName);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    // asked by address: not a page of theirs
    await page.goto(`${srv.origin}/cases/${theCase.db.caseName}/audit`);
    await page.getByText('There is no such page').waitFor();
    expect(await page.getByTestId('audit-view').count()).toBe(0);
    await signOut(page);
  });

  it("an auditor sees only the Audit view, the analyst's search with its query text, and downloads a proof that checks", async () => {
    await audit.signNow();
    await signInAs(page, srv.origin, auditor, PASSWORD);
    await page.getByTestId('case-link').first().click();
    await page.getByTestId('audit-view').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${theCase.db.caseName}/audit`);
    expect(await navTitles()).toEqual(['Audit']);
    // the auditor's filter: the analyst's searches
    await page.getByTestId('audit-user').fill(analyst);
    await page.getByTestId('audit-action').fill('get:search');
    await page.getByTestId('audit-filters').getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.getByTestId('audit-entry-query').allTextContents()).toEqual([word]);
    const row = page.getByTestId('audit-entry').first();
    expect(await row.textContent()).toContain(analyst);
    expect(await row.textContent()).toContain('NL-Politie');
    expect(await page.getByTestId('audit-head').textContent()).toMatch(/Latest signed head/);
    await screenshot(page, 'audit-view');
    const [dl] = await Promise.all([page.waitForEvent('download'), row.getByTestId('audit-proof').click()]);
    expect(dl.suggestedFilename()).toMatch(/^clew-audit-proof-.*\.json$/);
    const checked = checkAuditProof(readFileSync((await dl.path())!, 'utf8'), { publicKey: audit.publicKey });
    expect(checked.entry).toMatchObject({ user: analyst, query: word, case: theCase.db.caseName, action: 'get:search' });
    // nothing of the case's messages reached the auditor's page
    expect(await page.locator('body').textContent()).not.toContain('Rotterdam');
    // a case view by address: not theirs
    await page.goto(`${srv.origin}/cases/${theCase.db.caseName}/search?q=kafa`);
    await page.getByText('There is no such page').waitFor();
    expect(await page.locator('body').textContent()).not.toContain('Rotterdam');
    await signOut(page);
    expect(faultsOf(trouble)).toEqual([]);
  });
});
