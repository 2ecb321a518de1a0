/** `clew translate` against the real Apertium (installed by `npm test`'s prerequisites); skipped without it. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectApertium } from '../text/translate/apertium.js';
import { runCli } from './test-support/run.js';

const engine = await detectApertium();
const ready = engine?.pairs.some((p) => p.mode === 'hbs-eng') ?? false;
if (!ready) console.warn('SKIPPED src/cli/translate.test.ts: Apertium with apertium-hbs-eng is not installed (run `npm test`, which installs it)');

afterEach(() => vi.restoreAllMocks());

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
});
