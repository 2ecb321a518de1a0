/**
 * Cross-case discovery in Chromium (issue 21 part 6): two users of two agencies, each the owner of
 * a case, the two cases sharing a phone number. User A, looking at the number in their case's
 * Entities view and in a watchlist's result, is told only that another case holds it and who owns
 * it: nothing of that case's content. User B, the other case's owner, sees the notification of who
 * looked in the user menu.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { type Browser, ensureWebBuilt, faultsOf, launchWatched, type PageTrouble, screenshot, signInAs, signOut, WEB_DIST } from './harness.js';

let f: TeamFixture;
let A: PostgresCaseStore;
let B: PostgresCaseStore;
let srv: RunningTeamServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;
const userA = uniqueUser('anouk');
const userB = uniqueUser('milos');
const phone = `+38164${String(randomInt(1_000_000, 9_999_999))}`;
const secret = `tajna${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  [f] = await Promise.all([teamFixture(), ensureWebBuilt()]);
  A = await openPostgresStore(testCaseLocator('discweba'), { create: true });
  await ingest(A, [msg('sky:anna', ['sky:bert'], Date.UTC(2021, 0, 1), `bel ${phone} morgen`)], { analyse: true });
  B = await openPostgresStore(testCaseLocator('discwebb'), { create: true });
  await ingest(B, [msg('sky:marko', ['sky:zoran'], Date.UTC(2022, 0, 1), `${secret}: novi broj ${phone}`)], { analyse: true });
  await f.admin.addUser(userA, PASSWORD, 'NL-Politie');
  await f.admin.addUser(userB, PASSWORD, 'RS-MUP');
  await f.admin.grant(userA, A.db.caseName, 'owner');
  await f.admin.grant(userB, B.db.caseName, 'owner');
  srv = await startTeamServer({ directory: f.server, webRoot: WEB_DIST, log: () => {} });
  ({ browser, page, trouble } = await launchWatched());
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await A?.close();
  await B?.close();
  await f?.close();
});

/** What the page says of other cases: the case, its owner and agency, and nothing of its content. */
async function toldOfB(): Promise<void> {
  const notice = page.getByTestId('other-cases');
  await notice.waitFor();
  const text = (await notice.textContent()) ?? '';
  expect(text).toContain(phone);
  expect(text).toContain(B.db.caseName);
  expect(text).toContain(userB);
  expect(text).toContain('RS-MUP');
  expect(await page.locator('body').textContent()).not.toContain(secret);
  expect(await page.locator('body').textContent()).not.toContain('marko');
}

describe('cross-case discovery in Chromium', () => {
  it("user A looking at the number in Entities is told only that B's case holds it, and who owns it", async () => {
    await signInAs(page, srv.origin, userA, PASSWORD);
    await page.goto(`${srv.origin}/cases/${encodeURIComponent(A.db.caseName)}/entities?type=phone`);
    await toldOfB();
    expect(await page.getByTestId('other-case').count()).toBe(1);
    await screenshot(page, 'discovery-entities');
  });

  it("the same notice in a watchlist's result", async () => {
    await page.goto(`${srv.origin}/cases/${encodeURIComponent(A.db.caseName)}/watchlists`);
    await page.getByText('No watchlist yet').waitFor();
    const list = join(mkdtempSync(join(tmpdir(), 'clew-disc-web-')), 'numbers.txt');
    writeFileSync(list, `${phone}\n+381 65 0000000\n`);
    await page.getByTestId('watch-input').setInputFiles(list);
    await page.getByTestId('watch-result').waitFor();
    await toldOfB();
    await screenshot(page, 'discovery-watchlist');
    await signOut(page);
  });

  it("user B, the owner of the other case, sees who looked in the user menu", async () => {
    await signInAs(page, srv.origin, userB, PASSWORD);
    await page.goto(`${srv.origin}/cases/${encodeURIComponent(B.db.caseName)}/search`);
    await page.getByTestId('notifications-badge').waitFor();
    await page.getByTestId('account-menu').locator('summary').click();
    const first = page.getByTestId('notification').first();
    await first.waitFor();
    const text = (await first.textContent()) ?? '';
    expect(text).toContain(userA);
    expect(text).toContain('NL-Politie');
    expect(text).toContain(phone);
    expect(text).toContain(A.db.caseName);
    await screenshot(page, 'discovery-notification');
    // the menu is open: close it, then sign out as everywhere
    await page.getByTestId('account-menu').locator('summary').click();
    await signOut(page);
    expect(faultsOf(trouble)).toEqual([]);
  });
});
