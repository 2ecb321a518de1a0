/** `clew translate` against the real Apertium (installed by `npm test`'s prerequisites); skipped without it. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSerbianCase } from '../api/test-support/serbian-case.js';
import { useTmp } from '../api/test-support/tmp.js';
import { detectApertium } from '../text/translate/apertium.js';
import { runCli } from './test-support/run.js';

const engine = await detectApertium();
const ready = engine?.pairs.some((p) => p.mode === 'hbs-eng') ?? false;
if (!ready) console.warn('SKIPPED src/cli/translate.test.ts: Apertium with apertium-hbs-eng is not installed (run `npm test`, which installs it)');

afterEach(() => vi.restoreAllMocks());
const tmp = useTmp();

describe.skipIf(!ready)('clew translate', () => {
  it('prints the translation with its engine label, keeping the words asked', async () => {
    const r = await runCli(['translate', '--text', 'Kokain i plavi konj stižu u petak', '--from', 'sr', '--keep', 'plavi konj']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cocaine/i);
    expect(r.out).toContain('plavi konj');
    expect(r.out).toMatch(/Friday/);
    expect(r.out).toMatch(/— machine translation \(Apertium hbs-eng, \d[^;]*; engine \d/);
  });

  it('answers JSON with the engine, pair and version, and detects the language when not given', async () => {
    const r = await runCli(['--json', 'translate', '--text', 'Brate, kokain stiže u petak, javi se sutra ujutru.']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(j).toMatchObject({ engine: 'apertium', pair: 'hbs-eng', to: 'en' });
    expect(['sr', 'hr', 'bs']).toContain(j.from);
    expect(String(j.version)).toMatch(/^\d/);
    expect(String(j.text)).toMatch(/Friday/);
  });

  it('says plainly when a language has no pair (exit 2)', async () => {
    const r = await runCli(['translate', '--text', 'مرحبا يا أخي', '--from', 'ar']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no Apertium pair installed for Arabic → English/);
  });

  it('translates a case\'s messages by query and by --ids, with the original and the label, then from the case', async () => {
    const dir = tmp();
    const { casePath } = await buildSerbianCase(dir);
    let r = await runCli(['translate', '--case', casePath, 'kontejner', 'petak']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('original:');
    expect(r.out).toContain('Kontejner stiže u petak');
    expect(r.out).toMatch(/machine translation \(Apertium hbs-eng, \d[^)]*\):\n.*Friday/);
    expect(r.out).toContain('2 translated now and stored in the case, 0 from the case');

    const ids = JSON.parse((await runCli(['--json', 'search', '--case', casePath, '--limit', '10', 'kontejner OR الشحنة'])).out) as { hits: { id: number }[] };
    const file = join(dir, 'ids.txt');
    writeFileSync(file, `# the thread\n${ids.hits.map((h) => h.id).join('\n')}\n\n`);
    r = await runCli(['--json', 'translate', '--case', casePath, '--ids', file]);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as { translated: number; cached: number; messages: { failed?: string; label: string | null }[] };
    expect([j.translated, j.cached]).toEqual([1, 2]);
    expect(j.messages.filter((m) => m.label === null).map((m) => m.failed)).toEqual([expect.stringMatching(/no Apertium pair installed for Arabic/)]);
    r = await runCli(['translate', '--case', casePath, '--ids', file]);
    expect(r.out).toContain('from the case');
    expect(r.out).toContain('no translation: no Apertium pair installed for Arabic');

    writeFileSync(file, '12\nabc\n');
    r = await runCli(['translate', '--case', casePath, '--ids', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('line 2: not a message id: abc');
    r = await runCli(['translate', '--case', casePath]);
    expect(r.code).toBe(2);
    expect((await runCli(['translate', 'kontejner'])).code).toBe(2);
  });
});
