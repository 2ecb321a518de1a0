/**
 * `clew report --pdf`: the report printed by Debian's Chromium (real, no mock), offline; hostile
 * text stays text in the PDF (read back with poppler's pdftotext, which scripts/prereqs.mjs installs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withCase } from '../api/case.js';
import { ingestFile } from '../api/ingest.js';
import { reportPdf } from '../api/report-pdf.js';
import { search } from '../api/search.js';
import { jsonl, msg, useTmp } from '../api/test-support/tmp.js';
import { ClewError } from '../model/errors.js';
import { runCli as run } from './test-support/run.js';

const tmp = useTmp();
afterEach(() => vi.unstubAllEnvs());

const PDFTOTEXT = '/usr/bin/pdftotext';
const pdfText = (path: string): string => {
  const r = spawnSync(PDFTOTEXT, ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
};

const SCRIPT = '<script>alert(1)</script> kafa';
const NOTE = '<img src=x onerror=alert(2)> note';
const TAG = '<b>dokaz</b>';

async function smallCase(dir: string): Promise<{ casePath: string; ids: number[] }> {
  const src = join(dir, 'src.jsonl');
  writeFileSync(
    src,
    jsonl([
      { type: 'account', ref: 'skyecc:AAA111', kind: 'pin', display_name: 'Kum' },
      { type: 'account', ref: 'skyecc:BBB222', kind: 'pin', display_name: 'Brat' },
      msg('skyecc:AAA111', 'skyecc:BBB222', '2021-03-01T10:00:00Z', 'dobro jutro', { conversation: 'chat-1' }),
      msg('skyecc:BBB222', 'skyecc:AAA111', '2021-03-01T10:01:00Z', SCRIPT, { conversation: 'chat-1' }),
      msg('skyecc:AAA111', 'skyecc:BBB222', '2021-03-01T10:02:00Z', 'laku noć', { conversation: 'chat-1' }),
    ]),
  );
  const casePath = join(dir, 'c.clew');
  await withCase(casePath, { create: true, threadedWriter: false }, (s) => ingestFile(s, src, { analyse: false }));
  const hits = await withCase(casePath, { readonly: true }, (s) => search(s, { query: 'after:2000-01-01', limit: 20 }));
  return { casePath, ids: hits.hits.sort((a, b) => a.ts - b.ts).map((h) => h.id) };
}

describe('clew report --pdf', () => {
  it('prints the report to PDF; markup in bodies, notes, tags and commentary stays text; a rebuild prints it too', async () => {
    expect(existsSync(PDFTOTEXT), 'pdftotext (Debian poppler-utils; npm run prereqs installs it)').toBe(true);
    const dir = tmp();
    const { casePath, ids } = await smallCase(dir);
    expect((await run(['tag', 'add', '--case', casePath, `message:${ids[1]}`, TAG])).code).toBe(0);
    expect((await run(['note', 'add', '--case', casePath, '--author', 'marko', `message:${ids[1]}`, NOTE])).code).toBe(0);
    const items = join(dir, 'items.txt');
    writeFileSync(items, `message:${ids[1]} <iframe src=//evil> commentary\n`);
    const out = join(dir, 'r.html');
    const pdf = join(dir, 'r.pdf');
    let r = await run(['--json', 'report', '--case', casePath, '--items', items, '--out', out, '--pdf', pdf, '--figure', 'rank:degree:top=2']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ report: { pdf } });
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    const manifest = JSON.parse(readFileSync(join(dir, 'r.manifest.json'), 'utf8')) as { manifestSha256: string };
    for (const s of [SCRIPT, NOTE, TAG, '<iframe src=//evil> commentary', 'Evidence report', 'key players by degree']) expect(text).toContain(s);
    expect(text).toContain(`manifest SHA-256 ${manifest.manifestSha256}`);
    expect(text).toMatch(/page 1 of \d+/);

    // the rebuild prints a PDF from the rebuilt HTML
    const pdf2 = join(dir, 'again.pdf');
    r = await run(['report', '--case', casePath, '--manifest', join(dir, 'r.manifest.json'), '--out', join(dir, 'again.html'), '--pdf', pdf2]);
    expect(r.code, r.err).toBe(0);
    expect(pdfText(pdf2)).toContain(SCRIPT);
    // never over the report or its manifest
    expect((await run(['report', '--case', casePath, '--items', items, '--out', join(dir, 'x.html'), '--pdf', join(dir, 'x.html')])).code).toBe(2);
  });

  it('refuses every request the page would make (nothing leaves the machine)', async () => {
    const refused: string[] = [];
    const pdf = await reportPdf('<!DOCTYPE html><p>hello</p><img src="http://192.0.2.1/x.png"><link rel=stylesheet href="https://example.com/a.css">', { refused });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(refused.sort()).toEqual(['http://192.0.2.1/x.png', 'https://example.com/a.css']);
  });

  it('without Chromium: PROGRAM_MISSING naming what is missing and where, and nothing written', async () => {
    await expect(reportPdf('<p>x</p>', { chromium: '/nonexistent/chromium' })).rejects.toSatisfy((e: unknown) => e instanceof ClewError && e.code === 'PROGRAM_MISSING' && e.message.includes('/nonexistent/chromium'));
    const dir = tmp();
    const { casePath, ids } = await smallCase(dir);
    const items = join(dir, 'items.txt');
    writeFileSync(items, `${ids[0]}\n`);
    vi.stubEnv('CLEW_CHROMIUM', join(dir, 'no-chromium'));
    const r = await run(['report', '--case', casePath, '--items', items, '--out', join(dir, 'r.html'), '--pdf', join(dir, 'r.pdf')]);
    expect(r.code).toBe(9);
    expect(r.err).toContain('Chromium');
    expect(r.err).toContain(join(dir, 'no-chromium'));
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
    expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
  });
});
