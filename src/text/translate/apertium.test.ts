/**
 * Against the real Apertium (Debian's apertium, apertium-hbs-eng, apertium-mkd-eng, apertium-eng-spa;
 * `npm test` installs them through scripts/prereqs.mjs). Without Apertium the suite is skipped, saying so.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectApertium, findPair, translateTexts, type ApertiumEngine, type TranslationInput } from './apertium.js';

const engine = await detectApertium();
const hasPairs = engine !== null && ['hbs-eng', 'mkd-eng', 'spa-eng'].every((m) => engine.pairs.some((p) => p.mode === m));
if (!hasPairs) {
  console.warn(
    'SKIPPED src/text/translate/apertium.test.ts: Apertium or its pairs are not installed ' +
      '(apt-get install -y apertium apertium-hbs-eng apertium-mkd-eng apertium-eng-spa, or run `npm test`, which installs them)',
  );
}

const dir = mkdtempSync(join(tmpdir(), 'clew-apertium-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasPairs)('Apertium translation (real engine)', () => {
  const eng = engine as ApertiumEngine;

  it('detects installed pairs with their Debian package versions', () => {
    const hbs = findPair(eng, 'sr', 'en');
    expect(hbs).toMatchObject({ mode: 'hbs-eng', from: 'hbs', to: 'eng', package: 'apertium-hbs-eng' });
    expect(hbs!.version).toMatch(/^\d+\.\d+/);
    expect(findPair(eng, 'hr', 'en')?.mode).toBe('hbs-eng');
    expect(findPair(eng, 'bs', 'en')?.mode).toBe('hbs-eng');
    expect(findPair(eng, 'mk', 'en')?.mode).toBe('mkd-eng');
    expect(findPair(eng, 'es', 'en')?.mode).toBe('spa-eng');
    expect(findPair(eng, 'en', 'sr')?.mode).toBe('eng-hbs_SR');
    expect(findPair(eng, 'en', 'hr')?.mode).toBe('eng-hbs_HR');
    expect(findPair(eng, 'ar', 'en')).toBeNull();
    expect(eng.engineVersion).toMatch(/^\d+\.\d+/);
  });

  it('translates Serbian in Latin and Cyrillic script, Macedonian and Spanish, in one call, labelled', async () => {
    const r = await translateTexts(eng, [
      { text: 'Kokain stiže u Antwerpen u petak, brate.', from: 'sr' },
      { text: 'Кокаин стиже у Антверпен у петак, брате.', from: 'sr' },
      { text: 'Roba je stigla, javi se sutra.', from: 'hr' },
      { text: 'Пратката пристигнува во петок.', from: 'mk' },
      { text: 'El contenedor llega el viernes.', from: 'es' },
    ]);
    for (const t of r) expect(t.failed).toBeUndefined();
    expect(r[0]).toMatchObject({ engine: 'apertium', pair: 'hbs-eng', version: findPair(eng, 'sr', 'en')!.version });
    expect(r[0]!.text).toMatch(/cocaine/i);
    expect(r[0]!.text).toMatch(/Friday/);
    expect(r[0]!.text).toMatch(/brother/i);
    expect(r[0]!.text).toMatch(/Antwerp/);
    expect(r[1]!.text).toMatch(/cocaine/i);
    expect(r[1]!.text).toMatch(/Friday/);
    expect(r[2]!.text).toMatch(/tomorrow/);
    expect(r[3]).toMatchObject({ pair: 'mkd-eng' });
    expect(r[3]!.text).toMatch(/Friday/);
    expect(r[4]).toMatchObject({ pair: 'spa-eng' });
    expect(r[4]!.text).toMatch(/^The container arrives .*Friday\.$/);
  });

  it('passes protected code words and names through untouched, in their own script', async () => {
    const text = 'Brate, kokain i plavi konj stižu u petak, Ђорђе zna.';
    const code = text.indexOf('plavi konj');
    const name = text.indexOf('Ђорђе');
    const [r] = await translateTexts(eng, [
      { text, from: 'sr', protect: [{ start: code, end: code + 'plavi konj'.length }, { start: name, end: name + 'Ђорђе'.length }] },
    ]);
    expect(r!.failed).toBeUndefined();
    expect(r!.text).toContain('plavi konj');
    expect(r!.text).toContain('Ђорђе');
    expect(r!.text).toMatch(/cocaine/i);
    // Unprotected, "plavi" is translated.
    const [u] = await translateTexts(eng, [{ text, from: 'sr' }]);
    expect(u!.text).not.toContain('plavi');
    expect(u!.text).toMatch(/blue/i);
  });

  it('says plainly when a language has no pair, and translates the rest', async () => {
    const r = await translateTexts(eng, [
      { text: 'مرحبا يا أخي', from: 'ar' },
      { text: 'De container komt vrijdag aan.', from: 'nl' },
      { text: 'Kokain stiže u petak.', from: 'sr' },
    ]);
    expect(r[0]).toMatchObject({ engine: 'apertium', text: '', pair: null, failure: 'no-pair' });
    expect(r[0]!.failed).toMatch(/no Apertium pair installed for Arabic → English/);
    expect(r[1]!.failed).toMatch(/Dutch → English/);
    expect(r[2]!.text).toMatch(/Friday/);
  });

  it('refuses a text over the size cap with the reason', async () => {
    const r = await translateTexts(eng, [{ text: 'petak '.repeat(100), from: 'sr' }, { text: 'u petak', from: 'sr' }], 'en', { maxChars: 100 });
    expect(r[0]).toMatchObject({ failure: 'too-long', pair: 'hbs-eng' });
    expect(r[0]!.failed).toMatch(/600 characters \(limit 100\)/);
    expect(r[1]!.text).toMatch(/Friday/);
  });

  it('marks the text whose process hangs as failed and the batch goes on (a real stub engine)', async () => {
    // A stand-in `apertium`: echoes the stream back (an identity "translation"), hangs on a text containing HANG.
    const stub = join(dir, 'apertium-stub.sh');
    writeFileSync(stub, `#!/bin/bash\nwhile IFS= read -r -d '' item; do\n  case "$item" in *HANG*) sleep 60 ;; esac\n  printf '%s\\0' "$item"\ndone\n`);
    chmodSync(stub, 0o755);
    const stubEngine: ApertiumEngine = { ...eng, binary: stub };
    const texts: TranslationInput[] = ['prvi', 'drugi HANG', 'treći [x]', 'četvrti'].map((text) => ({ text, from: 'sr' }));
    const r = await translateTexts(stubEngine, texts, 'en', { itemTimeoutMs: 300, startupMs: 2000 });
    expect(r.map((t) => t.text)).toEqual(['prvi', '', 'treći [x]', 'četvrti']);
    expect(r[1]).toMatchObject({ failure: 'timeout', pair: 'hbs-eng' });
    expect(r[1]!.failed).toMatch(/timed out/);
  });

  it('kills the real pipeline at the time limit and says so for every text, without waiting per text', async () => {
    const t0 = Date.now();
    const texts = Array.from({ length: 40 }, (_, i) => ({ text: `Kokain stiže u petak ${i}.`, from: 'sr' }));
    const r = await translateTexts(eng, texts, 'en', { itemTimeoutMs: 1, startupMs: 0 });
    expect(r).toHaveLength(40);
    expect(r.filter((t) => t.failure === 'timeout')).toHaveLength(40);
    expect(r[39]!.failed).toMatch(/timed out.*twice in a row/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('marks every text failed, with the reason, when the engine cannot run', async () => {
    const broken: ApertiumEngine = { ...eng, binary: join(dir, 'no-such-apertium') };
    const r = await translateTexts(broken, [{ text: 'petak', from: 'sr' }, { text: 'subota', from: 'sr' }]);
    expect(r.every((t) => t.failure === 'unavailable' && /ENOENT/.test(t.failed ?? ''))).toBe(true);
  });

  it('keeps protected spans byte for byte through the real pipeline, for arbitrary text (property)', async () => {
    const piece = fc.oneof(
      fc.constantFrom('Kokain', 'stiže', 'u', 'petak', 'brate', 'Кокаин', 'стиже', ' ', ', ', '. ', '\n', '[', ']', '\\', '/', '^', '$', '@', '<', '>', '{', '}', '~', '*', '#', '😀', 'ž'),
      fc.string({ maxLength: 6 }),
    );
    const protectedWord = fc.oneof(fc.constantFrom('plavi konj', 'MSCU1234565', 'kum', '@Ђорђе', '[x]', 'a/b\\c'), fc.string({ minLength: 1, maxLength: 8 }));
    const sample = fc.tuple(fc.array(piece, { maxLength: 12 }), protectedWord, fc.array(piece, { maxLength: 12 })).map(([a, w, b]) => {
      const before = a.join('');
      return { text: `${before} ${w} ${b.join('')}`, start: before.length + 1, word: w };
    });
    await fc.assert(
      fc.asyncProperty(fc.array(sample, { minLength: 1, maxLength: 25 }), async (batch) => {
        const r = await translateTexts(
          eng,
          batch.map((s) => ({ text: s.text, from: 'sr', protect: [{ start: s.start, end: s.start + s.word.length }] })),
        );
        expect(r).toHaveLength(batch.length);
        r.forEach((t, i) => {
          expect(t.failed).toBeUndefined();
          expect(t.text).toContain(batch[i]!.word);
        });
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
