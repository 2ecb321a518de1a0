/**
 * Exports from the workspace in Chromium: the Network view's export menu saves a GEXF file of
 * the network as shown (its provenance inside), Key players saves the scoped network, and the
 * Search and Quarantine tables save CSV files (BOM, formula cells guarded, hostile text as data).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/server/server.js';
import { buildTestCase, XSS } from '../../src/server/test-support/case.js';
import { type PageTrouble, screenshot, useWorkspace, xssOf } from './harness.js';

let srv: RunningServer;
let page: Page;
let trouble: PageTrouble;

/** Clicks `testId` and returns the file Chromium saved: its suggested name and its bytes. */
async function save(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

describe('exports from the workspace in Chromium', () => {
  useWorkspace('clew-browser-exports-', async (d) => (await buildTestCase(join(d, 'case'))).casePath, (w) => ({ srv, page, trouble } = w), { timeoutMs: 120_000 });

  it('saves the network as GEXF from the Network view, stating its filters inside', async () => {
    await page.goto(`${srv.origin}/network?after=2021-03-01`);
    await page.getByTestId('network').waitFor();
    await page.getByTestId('export-menu').click();
    await screenshot(page, 'exports-network-menu');
    const f = await save('export-gexf');
    expect(f.name).toBe('clew-case-network.gexf');
    const text = f.bytes.toString('utf8');
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<gexf /);
    expect(text.match(/<node /g)).toHaveLength(2);
    const description = /<description>([^<]*)<\/description>/.exec(text)![1]!;
    expect(description).toContain('Contact network of case case.clew');
    expect(description).toContain('from 2021-03-01');
    expect(text).toContain('&lt;script&gt;window.__xss=2&lt;/script&gt;Kum'); // the hostile name is data
    expect(await page.getByTestId('export-saved').textContent()).toContain('clew-case-network.gexf');
  });

  it('saves the scoped network as GraphML from Key players', async () => {
    await page.goto(`${srv.origin}/key-players?level=account&scope=${encodeURIComponent('ego:skyecc:AAA111:1')}`);
    await page.getByTestId('export-menu').click();
    const f = await save('export-graphml');
    expect(f.name).toBe('clew-case-network-scoped.graphml');
    const desc = /<data key="description">([^<]*)<\/data>/.exec(f.bytes.toString('utf8'))![1]!;
    expect(desc).toContain('Scope: ego:skyecc:AAA111:1');
  });

  it('saves every search hit as CSV for a spreadsheet', async () => {
    await page.goto(`${srv.origin}/search?q=kafa`);
    await page.getByTestId('hit').first().waitFor();
    const f = await save('csv-search');
    await screenshot(page, 'exports-search-csv');
    expect(f.name).toBe('clew-case-search.csv');
    expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(f.bytes.toString('utf8').slice(1)) as string[][];
    expect(rows[0]).toEqual(['message_id', 'time_utc', 'sender_ref', 'sender_name', 'conversation_id', 'conversation_title', 'body', 'code_words']);
    // 3 messages and 120 fillers say kafa (кафа folds to it): more than the page the view loaded first
    expect(rows.length - 1).toBe(await page.evaluate(async () => {
      const r = await fetch('/api/search?q=kafa&count=1000', { credentials: 'same-origin' });
      return ((await r.json()) as { total: { count: number } }).total.count;
    }));
    const bodies = rows.slice(1).map((r) => r[6]);
    expect(bodies).toContain(`the kafa is here ${XSS} javascript:alert(1)`);
    expect(bodies).toContain('Контејнер у Бару, кафа 850 кг');
    expect(rows.slice(1).find((r) => r[2] === 'skyecc:AAA111')![3]).toContain('<script>');
  });

  it('saves a dossier’s contacts, the timeline and the entities as CSV, with the view’s state', async () => {
    await page.goto(`${srv.origin}/dossier/${encodeURIComponent('skyecc:AAA111')}`);
    const contacts = await save('csv-contacts');
    await screenshot(page, 'exports-dossier-csv');
    expect(contacts.name).toBe('clew-case-contacts-skyecc-AAA111.csv');
    const c = parse(contacts.bytes.toString('utf8').slice(1)) as string[][];
    expect(c.map((r) => r[0])).toEqual(['contact_ref', 'skyecc:BBB222']);
    expect(c[1]![1]).toBe('أبو خالد');

    await page.goto(`${srv.origin}/timeline?unit=month&account=${encodeURIComponent('skyecc:BBB222')}`);
    const timeline = await save('csv-timeline');
    expect(timeline.name).toBe('clew-case-timeline-month.csv');
    const t = parse(timeline.bytes.toString('utf8').slice(1)) as string[][];
    // an account counts what it sent or received: every message of this two-person case
    expect(t.slice(1).map((r) => [r[0], r[2], r[4]])).toEqual([['skyecc:BBB222', '2021-03-01T00:00:00.000Z', '124']]);

    await page.goto(`${srv.origin}/entities?type=phone`);
    const entities = await save('csv-entities');
    expect(entities.name).toBe('clew-case-entities-phone.csv');
    const e = parse(entities.bytes.toString('utf8').slice(1)) as string[][];
    expect(e[1]!.slice(0, 2)).toEqual(['phone', "'+381641234567"]);
  });

  it('saves the quarantine as CSV, and nothing ran', async () => {
    await page.goto(`${srv.origin}/quarantine`);
    const f = await save('csv-quarantine');
    expect(f.name).toBe('clew-case-quarantine.csv');
    const rows = parse(f.bytes.toString('utf8').slice(1)) as string[][];
    expect(rows[0]).toEqual(['file', 'line', 'place', 'code', 'reason', 'excerpt']);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toContain('.jsonl');
    expect(await xssOf(page)).toBeUndefined();
    expect(trouble.errors).toEqual([]);
    expect(trouble.csp).toEqual([]);
    expect(trouble.dialogs).toEqual([]);
  });
});
