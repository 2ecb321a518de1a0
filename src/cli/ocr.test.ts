import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../api/search.js';
import { ocrProgressLine, renderOcr } from './ocr.js';
import { renderSearch } from './render.js';

describe('clew ocr and search output', () => {
  it('shows images read of all, with text, failed, rate and ETA', () => {
    const line = ocrProgressLine({ done: 3, total: 12, withText: 2, failed: 1, entities: 4, rate: 0.42, etaSeconds: 21 });
    expect(line).toContain(' 25%');
    expect(line).toContain('3/12 images, 2 with text, 1 failed');
    expect(line).toContain('0.42/s  ETA 0:21');
    expect(ocrProgressLine({ done: 0, total: 0, withText: 0, failed: 0, entities: 0, rate: 0, etaSeconds: null })).toContain('100%');
  });

  it('says what was read and what failed, hostile file names and reasons escaped', () => {
    const out = renderOcr({
      engine: { name: 'tesseract', version: '5.3.0' },
      images: 3,
      withText: 2,
      failed: [{ attachmentId: 7, filename: 'x\u001b[2J.jpg', failure: 'not-an-image', failed: 'not an image' }],
      entities: 5,
      notes: ['Arabic (ara): no Tesseract data installed'],
      total: { images: 10, done: 3 },
      elapsedMs: 1,
    });
    expect(out).toContain('3 image(s) read with Tesseract 5.3.0: 2 with text, 1 failed, 5 entities');
    expect(out).toContain('3 of the case\'s 10 image attachment(s)');
    expect(out).toContain('failed: attachment 7 (x\\x1b[2J.jpg): not an image');
    expect(out).toContain('note: Arabic (ara)');
  });

  it('prints a hit\'s translation and the text of its images beside the original, highlighted', () => {
    const sn = (text: string, h: [number, number][]) => ({ text, highlights: h, clippedStart: false, clippedEnd: false });
    const r = {
      query: {},
      hits: [
        {
          id: 42,
          ts: Date.UTC(2021, 2, 1),
          sender: { id: 1, ref: 'sky:a', platform: 'sky', handle: 'a', kind: null, displayName: 'Ana' },
          conversationId: null,
          conversationTitle: null,
          snippet: sn('Kontejner stiže u petak', []),
          viaTranslation: true,
          translation: { snippet: sn('Container arrives on Friday', [[0, 9]]), label: 'machine translation (Apertium hbs-eng, 0.5.1-2)', pair: 'hbs-eng', version: '0.5.1-2', at: 1 },
          images: [{ attachmentId: 3, filename: 'IMG_1.jpg', snippet: sn('Container MSCU1234566', [[10, 21]]), confidence: 90 }],
        },
      ],
      nextCursor: null,
      notes: [],
      elapsedMs: 1,
    } as unknown as SearchResult;
    const out = renderSearch(r);
    expect(out).toContain('Kontejner stiže u petak');
    expect(out).toContain('text in image IMG_1.jpg: Container [MSCU1234566]');
    expect(out).toContain('matched in the machine translation (Apertium hbs-eng, 0.5.1-2): [Container] arrives on Friday');
  });
});
