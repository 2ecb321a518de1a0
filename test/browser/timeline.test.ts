/**
 * Key players → arrests → disruption chart, and the Timeline view, in Chromium: the chart's
 * values are the API's, a bar click opens Search for that period, hostile names stay text, the
 * page breaks no CSP rule (echarts tooltips are canvas text, never innerHTML).
 */
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { ingestFile } from '../../src/api/ingest.js';
import { type RunningServer } from '../../src/server/server.js';
import { XSS } from '../../src/server/test-support/case.js';
import type { ActivityResponse, DisruptResponse } from '../../src/server/wire.js';
import { type Browser, type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;

const HOSTILE = `<script>window.__xss=5</script>Boss ${XSS}`;
const A = ['sky:a1', 'sky:a2', 'sky:a3', 'sky:a4'];
const B = ['sky:b1', 'sky:b2', 'sky:b3', 'sky:b4'];
const X = 'sky:broker';

const xssFlag = () => xssOf(page);
const shot = (name: string) => screenshot(page, name, true);

/** The API as the page would call it (cookie, Origin), to compare the chart's numbers with. */
function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Host: `127.0.0.1:${srv.port}`, Cookie: `clew_token_${srv.port}=${srv.token}` };
  if (method === 'POST') Object.assign(headers, { Origin: `http://127.0.0.1:${srv.port}`, 'Content-Type': 'application/json' });
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T));
    });
    req.on('error', fail);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Two cliques joined through a broker with a hostile name; one clique talks on 1–2 March, the other on 3–4 March, the broker on 5 March. */
async function buildCase(d: string): Promise<string> {
  mkdirSync(d, { recursive: true });
  const lines: unknown[] = [
    { type: 'account', ref: X, display_name: HOSTILE },
    { type: 'conversation', ref: 'a-group', title: `Crew ${XSS}` },
  ];
  const msg = (from: string, to: string, ts: number) =>
    lines.push({ type: 'message', from, to: [to], ts: new Date(ts).toISOString(), body: `hi ${lines.length} ${XSS}`, ...(A.includes(from) ? { conversation: 'a-group' } : {}) });
  let i = 0;
  for (const [g, day] of [
    [A, 1],
    [B, 3],
  ] as const)
    for (const u of g) for (const v of g) if (u !== v) msg(u, v, Date.UTC(2021, 2, day + (i++ % 2), 9 + (i % 8)));
  for (const v of [A[0]!, B[0]!]) {
    msg(X, v, Date.UTC(2021, 2, 5, 22));
    msg(v, X, Date.UTC(2021, 2, 5, 23));
  }
  const src = join(d, `t ${XSS.replace(/[/]/g, '')}.jsonl`);
  writeFileSync(src, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const casePath = join(d, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, src, { analyse: false }));
  return casePath;
}

/** Click the bar of bucket `i` of `n` in a category chart drawn with grid left 56, right 20, bottom 36 (see TimelineView). */
async function clickBar(testId: string, i: number, n: number): Promise<void> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  const left = 56;
  const right = 20;
  const x = box.x + 1 + left + ((i + 0.5) * (box.width - 2 - left - right)) / n;
  const y = box.y + box.height - 1 - 36 - 3;
  await page.mouse.click(x, y);
}

describe('key players, disruption and timeline in Chromium', () => {
  useWorkspace('clew-browser-timeline-', (d) => buildCase(join(d, 'case')), (w) => ({ srv, browser, page, trouble } = w));

  it('selects two arrests and shows the disruption before and after, with the values the API gives', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Key players' }).click();
    await page.getByTestId('keyplayers').waitFor();
    await expect.poll(() => page.getByTestId('keyplayer').count()).toBe(9);
    await page.getByLabel(`arrest ${X}`).check();
    await page.getByLabel('arrest sky:a1').check();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('arrest')).toEqual([X, 'sky:a1']);
    await page.getByTestId('disrupt-chart').locator('canvas').first().waitFor();
    const rows = page.getByTestId('disrupt-arrests');
    await expect.poll(() => rows.count()).toBe(2); // intact, then both arrested at once
    const want = await api<DisruptResponse>('POST', '/api/disrupt', { remove: [X, 'sky:a1'] });
    expect(want.steps.map((s) => [s.lccShare, s.components])).toEqual([
      [1, 1],
      [4 / 9, 2],
    ]);
    const seen = await rows.evaluateAll((els) => els.map((el) => [Number(el.getAttribute('data-lcc')), Number(el.getAttribute('data-components'))]));
    expect(seen).toEqual(want.steps.map((s) => [s.lccShare, s.components]));
    expect(await page.getByTestId('disrupt-summary').textContent()).toContain('44.4% of the network (2 components)');
    // the comparison: betweenness removes the same number of people in the same block
    const cmp = await api<DisruptResponse>('POST', '/api/disrupt', { strategy: 'betweenness', block: 2, steps: 1 });
    const seenCmp = await page.getByTestId('disrupt-compare').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-lcc'))));
    expect(seenCmp).toEqual(cmp.steps.map((s) => s.lccShare));
    // the hostile name is text in the chips and the table, never markup
    expect(await page.getByTestId('arrest-chip').first().textContent()).toContain(HOSTILE);
    expect(await page.getByTestId('disrupt-table').textContent()).toContain(HOSTILE);
    expect(await page.locator('.disruption img, .disruption script, .keyplayers img').count()).toBe(0);
    await page.getByTestId('disrupt-chart').hover({ position: { x: 200, y: 150 } }); // a tooltip, drawn on the canvas
    await shot('key-players-disruption');
  });

  it('steps one arrest at a time, survives a reload, and adds anyone by name', async () => {
    await page.getByLabel('Removed per step').selectOption('1');
    await expect.poll(() => page.getByTestId('disrupt-arrests').count()).toBe(3);
    const want = await api<DisruptResponse>('POST', '/api/disrupt', { remove: [X, 'sky:a1'], block: 1 });
    expect(await page.getByTestId('disrupt-arrests').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-lcc'))))).toEqual(want.steps.map((s) => s.lccShare));
    await page.reload();
    await expect.poll(() => page.getByTestId('arrest-chip').count()).toBe(2);
    await expect.poll(() => page.getByTestId('disrupt-arrests').count()).toBe(3);
    await page.getByLabel('Add a person to arrest').fill('b1');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('arrest')).toEqual([X, 'sky:a1', 'b1']);
    await expect.poll(() => page.getByTestId('disrupt-arrests').count()).toBe(4);
    // a link from elsewhere (the Network view links /key-players?arrest=REF)
    await page.goto(`${srv.origin}/key-players?arrest=${encodeURIComponent(X)}`);
    await expect.poll(() => page.getByTestId('disrupt-arrests').count()).toBe(2);
    expect(await page.getByLabel(`arrest ${X}`).isChecked()).toBe(true);
    expect(await xssFlag()).toBeUndefined();
  });

  it('draws the timeline and the day-of-week × hour matrix; a bar opens Search for that period', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Timeline' }).click();
    await page.getByTestId('activity-chart').locator('canvas').first().waitFor();
    await page.getByTestId('heat-chart').locator('canvas').first().waitFor();
    const r = await api<ActivityResponse>('GET', '/api/activity?unit=day');
    expect(r.buckets.length).toBe(5);
    const total = r.series[0]!.totals.messages;
    expect(total).toBe(12 + 12 + 4);
    expect(await page.getByTestId('activity-summary').textContent()).toContain(`Whole case: ${total} messages, 0 calls`);
    expect(await page.getByTestId('heat-summary').textContent()).toContain('UTC');
    await shot('timeline');
    // the busiest day
    const counts = r.series[0]!.messages;
    const i = counts.indexOf(Math.max(...counts));
    await clickBar('activity-chart', i, r.buckets.length);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/search');
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    expect(new URL(page.url()).searchParams.get('q')).toBe(`after:${day(r.buckets[i]!.start)} before:${day(r.buckets[i]!.end)}`);
    await expect.poll(() => page.getByTestId('hit').count()).toBe(counts[i]);
  });

  it('per account and in a time zone; the account filter goes with the click', async () => {
    await page.goto(`${srv.origin}/timeline?account=${encodeURIComponent(X)}&tz=Europe/Belgrade`);
    await page.getByTestId('activity-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('activity-summary').textContent()).toContain(`${HOSTILE}: 4 messages`);
    await expect.poll(() => page.getByTestId('heat-summary').textContent()).toContain('Europe/Belgrade');
    const r = await api<ActivityResponse>('GET', `/api/activity?account=${encodeURIComponent(X)}`);
    expect(r.buckets.length).toBe(1);
    await shot('timeline-account');
    await clickBar('activity-chart', 0, 1);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/search');
    expect(new URL(page.url()).searchParams.get('q')).toBe(`after:2021-03-05 before:2021-03-06 from:${X}`);
    await expect.poll(() => page.getByTestId('hit').count()).toBe(2);
  });

  it('picks a conversation of an account as the scope', async () => {
    await page.goto(`${srv.origin}/timeline?account=sky:a2`);
    const pick = page.getByLabel('Conversation', { exact: true });
    await expect.poll(() => pick.locator('option').count()).toBe(2);
    expect(await pick.locator('option').nth(1).textContent()).toContain(`Crew ${XSS}`);
    await pick.selectOption({ index: 1 });
    await expect.poll(() => new URL(page.url()).searchParams.get('conversation')).toMatch(/^[0-9]+$/);
    expect(new URL(page.url()).searchParams.getAll('account')).toEqual([]);
    await expect.poll(() => page.getByTestId('activity-summary').textContent()).toContain(': 13 messages, 0 calls'); // the a-clique's 12 and a1's reply to the broker
    await page.getByTestId('heat-chart').locator('canvas').first().waitFor();
  });

  it('ran no script, opened no dialog, broke no CSP rule and never left the machine', async () => {
    expect(await xssFlag()).toBeUndefined();
    expect(trouble.dialogs).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
    // e.g. a chart library writing innerHTML, refused by the Trusted Types policy
    expect(trouble.console).toEqual([]);
    expect(browser.offsite).toEqual([]);
  });
});
