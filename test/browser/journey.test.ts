/**
 * The "done when", end to end in Chromium on a generated case with ground truth: a new
 * user finds a leader of the synthetic organisation among the key players, reads their messages
 * and a conversation, opens their dossier and network, simulates the arrests and sees the
 * disruption chart, then the timeline and the map with the shipment ports. Every step is clicked
 * through the UI (no URL typed after the first), and screenshotted to journey-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { ingestFile } from '../../src/api/ingest.js';
import { writeCase } from '../../src/api/synth.js';
import { type RunningServer } from '../../src/server/server.js';
import type { PlacesResponse } from '../../src/server/wire.js';
import type { SynthTruth } from '../../src/synth/types.js';
import { type Browser, pageJson, type PageTrouble, screenshot, useWorkspace } from './harness.js';

let srv: RunningServer;
let browser: Browser;
let page: Page;
let trouble: PageTrouble;
let truth: SynthTruth;
let leader = '';

const shot = (name: string) => screenshot(page, `journey-${name}`);
const nav = (name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true }).click();
const api = <T,>(path: string) => pageJson<T>(page, path);
const personOf = (ref: string) => truth.handles[ref];

describe('an analyst new to clew, on a generated case', () => {
  useWorkspace(
    'clew-browser-journey-',
    async (d) => {
      const synth = join(d, 'synth');
      await writeCase(synth, { messages: 20_000, seed: 1 });
      truth = JSON.parse(readFileSync(join(synth, 'truth.json'), 'utf8')) as SynthTruth;
      const casePath = join(d, 'case.clew');
      await withCase(casePath, { create: true }, (s) => ingestFile(s, join(synth, 'records.jsonl')));
      return casePath;
    },
    (w) => ({ srv, browser, page, trouble } = w),
    { timeoutMs: 180_000 },
  );

  it('finds a leader of the organisation among the top ten key players', async () => {
    await nav('Key players');
    await expect.poll(() => page.getByTestId('keyplayer').count(), { timeout: 60_000 }).toBeGreaterThan(9);
    const keys = (await page.getByTestId('arrest-box').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((l) => l.replace(/^arrest /, ''));
    const leaders = new Set(truth.leaders);
    const hit = keys.slice(0, 10).find((k) => leaders.has(personOf(k) ?? ''));
    expect(hit, `top ten ${keys.slice(0, 10).join(', ')}`).toBeDefined();
    leader = hit!;
    await shot('key-players');
  });

  it("reads the leader's messages and opens one in its conversation, with its provenance", async () => {
    const row = page.getByTestId('keyplayer').filter({ has: page.getByLabel(`arrest ${leader}`, { exact: true }) });
    await row.locator('a.person-link').click();
    await page.getByTestId('hit').first().waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toContain(leader);
    await shot('messages');
    await page.getByTestId('hit').first().click();
    await page.getByTestId('transcript').waitFor();
    await page.locator('.msg-anchor .btn-src').click();
    await page.getByTestId('provenance').getByTestId('raw').waitFor();
    expect(await page.getByTestId('prov-sha').textContent()).toMatch(/[0-9a-f]{64}/);
    expect(await page.getByTestId('raw').textContent()).toContain(leader.split(':')[1]); // the source line names the sender
    await shot('conversation');
  });

  it('opens the dossier from the transcript, then the network around the leader', async () => {
    await page.locator(`[data-testid="transcript"] a[href="/dossier/${encodeURIComponent(leader)}"]`).first().click();
    await page.getByTestId('dossier').waitFor();
    await expect.poll(() => page.getByTestId('dossier-contact').count()).toBeGreaterThan(0);
    await shot('dossier');
    await page.getByRole('link', { name: 'Network', exact: true }).last().click();
    await page.getByTestId('network').waitFor();
    expect(new URL(page.url()).searchParams.get('focus')).toBe(leader);
    await page.getByTestId('net-panel').waitFor();
    expect(await page.locator('[data-testid="net-canvas"] canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('network').getAttribute('data-layout'), { timeout: 60_000 }).toBe('settled');
    await shot('network');
  });

  it('marks the leader for arrest, adds the other top players, and sees the disruption chart', async () => {
    await page.getByTestId('net-panel').getByRole('link', { name: 'arrest', exact: true }).click();
    await page.getByTestId('disruption').waitFor();
    expect(new URL(page.url()).searchParams.getAll('arrest')).toEqual([leader]);
    await expect.poll(() => page.getByTestId('keyplayer').count(), { timeout: 60_000 }).toBeGreaterThan(4);
    // the four best-ranked others join the arrests
    const boxes = page.getByTestId('arrest-box');
    let added = 0;
    for (let i = 0; added < 4; i++) {
      const box = boxes.nth(i);
      if (await box.isChecked()) continue;
      await box.check();
      added++;
    }
    await expect.poll(() => page.getByTestId('arrest-chip').count()).toBe(5);
    await page.getByTestId('disrupt-chart').locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('disrupt-arrests').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    const lcc = await page.getByTestId('disrupt-arrests').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-lcc'))));
    expect(lcc[0]).toBeCloseTo(1, 5); // the intact network
    expect(lcc[lcc.length - 1]).toBeLessThan(1); // after the arrests, the largest group is smaller
    await page.getByTestId('disrupt-summary').waitFor();
    await shot('disruption');
  });

  it("shows the leader's activity over time", async () => {
    await page.goto(`${srv.origin}/dossier/${encodeURIComponent(leader)}`);
    await page.getByTestId('dossier').waitFor();
    await page.getByRole('link', { name: 'Timeline', exact: true }).last().click();
    await page.getByTestId('activity-chart').locator('canvas').first().waitFor();
    await page.getByTestId('heat-chart').locator('canvas').first().waitFor();
    expect(await page.getByTestId('activity-summary').textContent()).toMatch(/[1-9][0-9,]* messages/);
    await shot('timeline');
  });

  it('maps the ports of the shipments and the routes between them', async () => {
    await nav('Map');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-status'), { timeout: 60_000 }).toMatch(/ready|failed/);
    expect(await page.getByTestId('map-failed').count()).toBe(0);
    await expect.poll(() => page.getByTestId('route').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const places = await api<PlacesResponse>('/api/places');
    const labels = new Set(places.points.map((p) => p.label.replace(/, [A-Z]{2}$/, ''))); // "Antwerp, BE"
    const ports = new Set(truth.shipments.flatMap((s) => s.route));
    const found = [...ports].filter((p) => labels.has(p));
    expect(found.length, `ports of the shipments on the map: ${found.join(', ')} of ${[...ports].join(', ')}; labels ${[...labels].slice(0, 20).join(', ')}`).toBeGreaterThan(ports.size / 2);
    await shot('map');
  });

  it('broke no CSP rule, threw no error and never left the machine', () => {
    expect(trouble.csp).toEqual([]);
    expect(trouble.errors).toEqual([]);
    expect(browser.offsite).toEqual([]);
  });
});
