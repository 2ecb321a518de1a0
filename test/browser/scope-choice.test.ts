/**
 * Issue 17 parts 1 and 3 in Chromium: Key players runs on a scope chosen with the shared scope
 * picker (the ego network of a leader), and its table and the arrest simulation state that scope
 * and its size; the Timeline offers the candidates of an ambiguous name, likeliest first, and
 * goes on with the one chosen.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { addTag } from '../../src/api/annotations.js';
import { ingestFile } from '../../src/api/ingest.js';
import type { RunningServer } from '../../src/server/server.js';
import { XSS } from '../../src/server/test-support/case.js';
import type { PageTrouble } from './harness.js';
import { screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;

const LEADER = 'sky:leader';
const CREW = ['sky:c1', 'sky:c2', 'sky:c3', 'sky:c4'];
const OTHERS = ['sky:o1', 'sky:o2', 'sky:o3', 'sky:o4', 'sky:o5'];
/** Two accounts saved as "Tata": T1 by three phones (the likelier), T2 by one. */
const T1 = 'sky:tata1';
const T2 = 'sky:tata2';

/**
 * The leader's crew (a star), one crew member also in touch with an outer ring; the ring a chain
 * of others; two "Tata"s among them.
 */
async function buildCase(d: string): Promise<string> {
  mkdirSync(d, { recursive: true });
  const lines: unknown[] = [{ type: 'account', ref: LEADER, display_name: `Boss ${XSS}` }];
  let t = Date.UTC(2021, 2, 1, 8);
  const msg = (from: string, to: string) => lines.push({ type: 'message', from, to: [to], ts: new Date((t += 600_000)).toISOString(), body: `m ${lines.length}` });
  for (const c of CREW) {
    msg(LEADER, c);
    msg(c, LEADER);
  }
  msg(CREW[0]!, OTHERS[0]!);
  for (let i = 0; i + 1 < OTHERS.length; i++) msg(OTHERS[i]!, OTHERS[i + 1]!);
  msg(OTHERS[4]!, T1);
  msg(T1, T2);
  msg(T2, OTHERS[1]!);
  for (const owner of [OTHERS[0]!, OTHERS[1]!, OTHERS[2]!]) lines.push({ type: 'contact', owner, contact: T1, name: 'Tata' });
  lines.push({ type: 'contact', owner: OTHERS[3]!, contact: T2, name: 'Тата' });
  const src = join(d, 's.jsonl');
  writeFileSync(src, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const casePath = join(d, 'case.clew');
  await withCase(casePath, { create: true }, async (s) => {
    await ingestFile(s, src, { analyse: false });
    // the leader and two of the crew, tagged by an analyst
    for (const a of [LEADER, CREW[0]!, CREW[1]!]) await addTag(s, `account:${a}`, 'Inner circle', 'analyst');
  });
  return casePath;
}

describe('scope picker and candidate choice in Chromium', () => {
  useWorkspace('clew-browser-scope-', (d) => buildCase(join(d, 'case')), (w) => ({ srv, page, trouble } = w));

  it('ranks key players within the ego network of a leader, and the table and the arrest simulation state the scope', async () => {
    await page.goto(`${srv.origin}/key-players?level=account`);
    await page.getByTestId('keyplayers').waitFor();
    await expect.poll(() => page.getByTestId('keyplayer').count()).toBe(12);
    expect(await page.getByTestId('scope-note').first().textContent()).toContain('whole case');
    await page.getByTestId('scope-kind').selectOption('ego');
    await page.getByTestId('scope-refs').fill(LEADER);
    await page.getByTestId('scope-hops').selectOption('1');
    await page.getByTestId('scope-apply').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('scope')).toBe(`ego:${LEADER}:1`);
    // the ranking: the leader and the crew only, and the scope with its size on the table
    await expect.poll(() => page.getByTestId('keyplayer').count()).toBe(5);
    const note = page.locator('[data-testid="scope-note"][data-scope]:not([data-scope=""])').first();
    await note.waitFor();
    expect(await note.getAttribute('data-scope')).toBe(`ego:${LEADER}:1`);
    expect(await note.textContent()).toMatch(/1-hop ego network of Boss .*· 5 accounts of 12/s);
    expect(await page.getByTestId('keyplayer').first().textContent()).toContain('Boss');
    // the arrest of the leader, within the scope: the crew falls apart; the figure states the scope
    await page.getByLabel(`arrest ${LEADER}`).check();
    const scoped = page.getByTestId('scoped-disrupt');
    await scoped.waitFor();
    expect(await scoped.getByTestId('scope-note').getAttribute('data-scope')).toBe(`ego:${LEADER}:1`);
    expect(await scoped.getByTestId('scope-size').textContent()).toContain('5 accounts');
    expect(await page.getByLabel('Comparison strategy').count()).toBe(0); // the whole case's comparison does not apply
    expect(await scoped.getByTestId('scoped-disrupt-table').textContent()).toMatch(/After\s*4\s*1 \(20\.0%\)\s*4/);
    // the scope survives a reload (it lives in the URL)
    await page.reload();
    await expect.poll(() => page.getByTestId('keyplayer').count()).toBe(5);
    expect(await page.getByTestId('scope-kind').inputValue()).toBe('ego');
    await screenshot(page, 'key-players-scoped', true);
    // back to the whole case
    await page.getByTestId('scope-kind').selectOption('whole');
    await expect.poll(() => page.getByTestId('keyplayer').count()).toBe(12);
    expect(new URL(page.url()).searchParams.get('scope')).toBeNull();
    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.errors).toEqual([]);
  });

  it('ranks key players among the accounts an analyst tagged, the tag offered from the case', async () => {
    await page.goto(`${srv.origin}/key-players?level=account`);
    await expect.poll(() => page.getByTestId('keyplayer').count()).toBe(12);
    await page.getByTestId('scope-kind').selectOption('tag');
    await expect.poll(() => page.locator('#scope-tags option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).toEqual(['Inner circle']);
    await page.getByTestId('scope-tag').fill('inner CIRCLE');
    await page.getByTestId('scope-apply').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('scope')).toBe('tag:inner CIRCLE');
    await expect.poll(() => page.getByTestId('keyplayer').count()).toBe(3);
    const note = page.locator('[data-testid="scope-note"][data-scope]:not([data-scope=""])').first();
    await note.waitFor();
    expect(await note.textContent()).toMatch(/· 3 accounts of 12/);
    // the form shows the tag scope after a reload (it lives in the URL)
    await page.reload();
    await expect.poll(() => page.getByTestId('keyplayer').count()).toBe(3);
    expect(await page.getByTestId('scope-kind').inputValue()).toBe('tag');
    expect(await page.getByTestId('scope-tag').inputValue()).toBe('inner CIRCLE');
    expect(trouble.errors).toEqual([]);
  });

  it('offers the candidates of an ambiguous name in the Timeline, likeliest first, and goes on with the one chosen', async () => {
    await page.goto(`${srv.origin}/timeline?account=Tata`);
    const choices = page.getByTestId('ref-choices').first();
    await choices.waitFor();
    const items = choices.getByTestId('ref-choice');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain(T1);
    expect(await items.nth(0).getByTestId('ref-choice-saved').textContent()).toContain('3 phones');
    expect(await items.nth(1).textContent()).toContain(T2);
    await items.nth(0).getByTestId('ref-choice-pick').click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('account')).toEqual([T1]);
    const summary = page.getByTestId('activity-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/: 2 messages/);
    expect(await page.getByTestId('ref-choices').count()).toBe(0);
    await screenshot(page, 'timeline-candidate-chosen', true);
    expect(trouble.errors).toEqual([]);
  });
});
