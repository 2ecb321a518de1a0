/**
 * Against the real Tesseract (Debian's tesseract-ocr with srp, srp-latn, hrv, bos, mkd, ara, nld, fra, spa data;
 * `npm test` installs them through scripts/prereqs.mjs), on images the test renders itself with the real
 * Chromium (test-support/render.ts). Without Tesseract or Chromium the suite is skipped, saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerExtractor } from '../extract/container.js';
import { ibanExtractor } from '../extract/iban.js';
import { phoneExtractor } from '../extract/phone.js';
import { MAX_IMAGE_PIXELS } from './image-check.js';
import { chooseLanguages, detectTesseract, recogniseImage, recogniseImages, type TesseractEngine } from './tesseract.js';
import { CHROMIUM, startRenderer, type Renderer } from './test-support/render.js';

const engine = await detectTesseract();
const NEEDED = ['eng', 'srp', 'srp_latn', 'hrv', 'bos', 'mkd', 'ara', 'nld', 'fra', 'spa'];
const ready = engine !== null && NEEDED.every((l) => engine.languages.some((x) => x.code === l)) && existsSync(CHROMIUM);
if (!ready) {
  console.warn(
    'SKIPPED src/text/ocr/tesseract.test.ts: ' +
      (engine === null
        ? 'tesseract is not installed'
        : !existsSync(CHROMIUM)
          ? `Chromium (to render the test images) is not at ${CHROMIUM}`
          : `Tesseract lacks ${NEEDED.filter((l) => !engine.languages.some((x) => x.code === l)).join(', ')}`) +
      ' (apt-get install -y tesseract-ocr tesseract-ocr-srp tesseract-ocr-srp-latn tesseract-ocr-hrv tesseract-ocr-bos ' +
      'tesseract-ocr-mkd tesseract-ocr-ara tesseract-ocr-nld tesseract-ocr-fra tesseract-ocr-spa chromium, or run `npm test`, which installs them)',
  );
}

const dir = mkdtempSync(join(tmpdir(), 'clew-ocr-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A PNG whose header claims width×height, with no pixel data at all. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8; // bit depth
  b[25] = 2; // RGB
  return b;
}

describe.skipIf(!ready)('Tesseract OCR (real engine, rendered images)', () => {
  const eng = engine as TesseractEngine;
  let render: Renderer;
  beforeAll(async () => {
    render = await startRenderer();
  }, 60_000);
  afterAll(async () => {
    await render?.close();
  });

  it('detects the version and the installed languages with their Debian package versions', () => {
    expect(eng.version).toMatch(/^\d+\.\d+/);
    const srp = eng.languages.find((l) => l.code === 'srp_latn');
    expect(srp).toMatchObject({ package: 'tesseract-ocr-srp-latn' });
    expect(srp!.version).toMatch(/\d+\.\d+/);
    expect(eng.languages.some((l) => l.code === 'osd')).toBe(false);
  });

  it('chooses languages from the detected languages of the messages, Serbian in both scripts, plus English', () => {
    expect(chooseLanguages(eng, ['sr', 'nl'])).toEqual({ langs: ['srp', 'srp_latn', 'nld', 'eng'], notes: [] });
    expect(chooseLanguages(eng, ['sr-Latn']).langs).toEqual(['srp_latn', 'eng']);
    expect(chooseLanguages(eng, ['hr', 'bs', 'mk']).langs).toEqual(['hrv', 'bos', 'mkd', 'eng']);
    expect(chooseLanguages(eng, ['ar', 'fr', 'es', 'en']).langs).toEqual(['ara', 'fra', 'spa', 'eng']);
    expect(chooseLanguages(eng, []).langs).toEqual(['eng']);
    const de = chooseLanguages(eng, ['de', 'xx', 'sr']);
    expect(de.langs).toEqual(['srp', 'srp_latn', 'eng']);
    expect(de.notes).toEqual([
      'xx: no Tesseract language known for this code',
      'German (deu): no Tesseract data installed — apt-get install tesseract-ocr-deu',
    ]);
    const many = chooseLanguages(eng, ['sr', 'hr', 'bs', 'mk', 'ar']);
    expect(many.langs).toHaveLength(5);
    expect(many.notes.join('\n')).toMatch(/Arabic \(ara\): not used, over the limit of 5 languages/);
  });

  it('reads a container number, an IBAN and a phone number from a phone-camera-like photo', async () => {
    const jpeg = await render.photo({
      lines: ['Kontejner MSCU1234566 stiže u petak', 'IBAN: RS35260005601001611379', 'Zovi kuma: +381 64 123 4567'],
      rotate: -3,
      tilt: 14,
      blur: 0.7,
      noise: 0.14,
      seed: 5,
    });
    const file = join(dir, 'photo.jpg');
    writeFileSync(file, jpeg);
    const r = await recogniseImage(eng, { path: file }, { languages: ['sr'] });
    expect(r.failed).toBeUndefined();
    expect(r).toMatchObject({ engine: 'tesseract', version: eng.version, langs: ['srp', 'srp_latn', 'eng'], image: { format: 'jpeg', width: 2016, height: 1512 } });
    expect(r.data.srp_latn).toMatch(/\d/);
    expect(r.confidence).toBeGreaterThan(60);
    expect(r.confidence).toBeLessThanOrEqual(100);
    // MSCU1234566: a valid ISO 6346 check digit (the extractor checks it).
    expect(containerExtractor.extract(r.text, {}).map((m) => m.value)).toContain('MSCU1234566');
    expect(ibanExtractor.extract(r.text, {}).map((m) => m.value)).toContain('RS35260005601001611379');
    expect(phoneExtractor.extract(r.text, { defaultRegion: 'RS' }).map((m) => m.value)).toContain('+381641234567');
  }, 60_000);

  it('reads Serbian Cyrillic with srp (and not with English alone)', async () => {
    const png = await render.photo({ lines: ['Контејнер стиже у петак у Антверпен.', 'Кум јавља нови број телефона.'], width: 1600, height: 1200, rotate: 1.5, blur: 0.4, noise: 0.08, quality: 'png' });
    const r = await recogniseImage(eng, png, { langs: ['srp'] });
    expect(r.failed).toBeUndefined();
    expect(r.image?.format).toBe('png');
    expect(r.text).toMatch(/Контејнер стиже у петак/);
    expect(r.text).toMatch(/Кум јавља нови број/);
    const english = await recogniseImage(eng, png, { langs: ['eng'] });
    expect(english.text).not.toMatch(/Контејнер/);
  }, 60_000);

  it('gives empty text and no error for a page of noise', async () => {
    const png = await render.noise(1000, 750, 11);
    const r = await recogniseImage(eng, png);
    expect(r.failed).toBeUndefined();
    expect(r.text).toBe('');
    expect(r.words).toBe(0);
    expect(r.confidence).toBeNull();
    expect(r.image).toEqual({ format: 'png', width: 1000, height: 750 });
  }, 60_000);

  it('refuses what is not an image before Tesseract sees it, saying what it is', async () => {
    // A text file of paths: Tesseract itself would read it as a list of images to open and OCR each.
    const list = join(dir, 'list.png');
    writeFileSync(list, `${join(dir, 'photo.jpg')}\nhttp://192.0.2.1/x.png\n`);
    const r = await recogniseImage(eng, { path: list });
    expect(r).toMatchObject({ text: '', failure: 'not-an-image', engine: 'tesseract' });
    expect(r.failed).toMatch(/not an image: the bytes are text, not PNG, JPEG, GIF, BMP, TIFF or WebP/);
    const pdf = await recogniseImage(eng, Buffer.from('%PDF-1.7\n1 0 obj\n'));
    expect(pdf.failed).toMatch(/a PDF document/);
    const none = await recogniseImage(eng, { path: join(dir, 'no-such.jpg') });
    expect(none).toMatchObject({ failure: 'unreadable' });
    expect(none.failed).toMatch(/ENOENT/);
    // A truncated PNG: a real header, then nothing. Tesseract's decoder fails; said, not thrown.
    const cut = await recogniseImage(eng, pngHeaderOnly(640, 480));
    expect(cut).toMatchObject({ failure: 'crashed', image: { format: 'png', width: 640, height: 480 } });
  });

  it('refuses a decompression bomb (a PNG header claiming 100000×100000) from its header, without decoding', async () => {
    const bomb = pngHeaderOnly(100_000, 100_000);
    const t0 = Date.now();
    const r = await recogniseImage(eng, bomb);
    expect(r).toMatchObject({ failure: 'too-many-pixels', image: { format: 'png', width: 100_000, height: 100_000 } });
    expect(r.failed).toMatch(/100000×100000 \(10,000 megapixels\) is over the limit of 100 megapixels/);
    expect(Date.now() - t0).toBeLessThan(1000);
    // Just over the cap: refused; within it: given to Tesseract (which then fails on the missing data).
    expect((await recogniseImage(eng, pngHeaderOnly(10_001, 10_000))).failure).toBe('too-many-pixels');
    expect(10_000 * 10_000).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
    expect((await recogniseImage(eng, pngHeaderOnly(640, 480), { maxPixels: 640 * 479 })).failure).toBe('too-many-pixels');
  });

  it('says plainly when a language has no installed data, instead of guessing with another', async () => {
    const png = await render.photo({ lines: ['Hallo Welt'], width: 1000, height: 600, quality: 'png' });
    const r = await recogniseImage(eng, png, { langs: ['deu', 'eng'] });
    expect(r).toMatchObject({ text: '', failure: 'no-language-data' });
    expect(r.failed).toMatch(/^no Tesseract data installed for German \(deu\) — apt-get install tesseract-ocr-deu \(installed: ara, bos, eng/);
    // From detected languages: the installed ones are used and the missing one is noted.
    const d = await recogniseImage(eng, png, { languages: ['de'] });
    expect(d.failed).toBeUndefined();
    expect(d.langs).toEqual(['eng']);
    expect(d.notes).toEqual(['German (deu): no Tesseract data installed — apt-get install tesseract-ocr-deu']);
    expect(d.text).toMatch(/Hallo/);
  }, 60_000);

  it('kills a hung engine at the time limit, marks that image failed, and the batch goes on', async () => {
    // A stand-in `tesseract`: hangs (with a child of its own) on an image whose bytes contain HANG, else prints one word.
    const stub = join(dir, 'tesseract-stub.sh');
    writeFileSync(
      stub,
      '#!/bin/bash\nin=$(head -c 100000 | tr -d "\\0")\ncase "$in" in *HANG*) sleep 60 & wait ;; esac\n' +
        'printf "level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth\\theight\\tconf\\ttext\\n5\\t1\\t1\\t1\\t1\\t1\\t0\\t0\\t9\\t9\\t91.5\\tstub\\n"\n',
    );
    chmodSync(stub, 0o755);
    const stubEngine: TesseractEngine = { ...eng, binary: stub };
    const ok = pngHeaderOnly(64, 64);
    const hang = Buffer.concat([pngHeaderOnly(64, 64), Buffer.from('HANG')]);
    const t0 = Date.now();
    const r = await recogniseImages(stubEngine, [{ image: ok }, { image: hang }, { image: Buffer.from('nope') }, { image: ok }], { timeoutMs: 700, concurrency: 2 });
    expect(r.map((x) => x.text)).toEqual(['stub', '', '', 'stub']);
    expect(r[0]).toMatchObject({ confidence: 91.5, words: 1 });
    expect(r[1]).toMatchObject({ failure: 'timeout' });
    expect(r[1]!.failed).toMatch(/timed out: .* gave no result within 700 ms \(killed\)/);
    expect(r[2]).toMatchObject({ failure: 'not-an-image' });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('marks an image failed, with the reason, when the engine cannot run', async () => {
    const broken: TesseractEngine = { ...eng, binary: join(dir, 'no-such-tesseract') };
    const r = await recogniseImage(broken, pngHeaderOnly(64, 64));
    expect(r).toMatchObject({ failure: 'unavailable' });
    expect(r.failed).toMatch(/ENOENT/);
  });
});

describe('detectTesseract', () => {
  it('answers null, not an error, when the program does not exist', async () => {
    expect(await detectTesseract({ binary: join(dir, 'absent-tesseract') })).toBeNull();
  });
});
