/**
 * Nothing stale (issue 17 part 5): the workspace is open on a case while the CLI, another
 * process, ingests more into the same case file; without a reload, the page shows the new
 * people (the case bar's counts and the Key players table).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withCase } from '../../src/api/case.js';
import { ingestFile } from '../../src/api/ingest.js';
import { jsonl, msg } from '../../src/api/test-support/tmp.js';
import type { RunningServer } from '../../src/server/server.js';
import { ROOT, screenshot, useWorkspace } from './harness.js';

const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
let srv: RunningServer;
let page: Page;
let dir: string;
let casePath: string;

async function build(d: string): Promise<string> {
  const src = join(d, 'first.jsonl');
  writeFileSync(src, jsonl([msg('skyecc:ANA', 'skyecc:BOBAN', '2021-03-01T10:00:00Z', 'dobro jutro'), msg('skyecc:BOBAN', 'skyecc:ANA', '2021-03-01T10:01:00Z', 'zdravo')]));
  casePath = join(d, 'case.clew');
  await withCase(casePath, { create: true }, (s) => ingestFile(s, src));
  return casePath;
}

describe('the workspace follows changes made by the CLI', () => {
  useWorkspace('clew-browser-live-', build, (w) => ({ srv, page, dir } = w));

  it('shows the people a CLI ingest added, without a reload', async () => {
    await page.goto(srv.origin + '/key-players');
    const rows = page.locator('[data-testid="keyplayers"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('casebar').textContent()).toContain('2 accounts');
    const marker = await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 17)); // gone if the page reloads

    const more = join(dir, 'more.jsonl');
    writeFileSync(
      more,
      jsonl([
        msg('skyecc:CECA', 'skyecc:DULE', '2021-03-02T10:00:00Z', 'novi broj'),
        msg('skyecc:DULE', 'skyecc:CECA', '2021-03-02T10:05:00Z', 'ok'),
        msg('skyecc:CECA', 'skyecc:ANA', '2021-03-02T11:00:00Z', 'zovi'),
      ]),
    );
    await promisify(execFile)(process.execPath, [BIN, 'ingest', '--case', casePath, more]);

    await expect.poll(async () => page.getByTestId('casebar').textContent(), { timeout: 20_000 }).toContain('4 accounts');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    expect(await page.locator('[data-testid="keyplayers"]').textContent()).toMatch(/CECA/);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(marker);
    await screenshot(page, 'live-update');
  }, 60_000);
});
