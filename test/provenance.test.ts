/** `clew show` prints the raw source behind a message in every format: lines, archive members, JSON paths. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase } from '../src/api/case.js';
import { ingestFile } from '../src/api/ingest.js';
import { search } from '../src/api/search.js';
import { show } from '../src/api/show.js';
import { useTmp } from '../src/api/test-support/tmp.js';

const FIX = join(import.meta.dirname, 'fixtures');
const tmp = useTmp();

const SOURCES = [
  'whatsapp/WhatsApp Chat with Ana Primer.txt',
  'whatsapp/WhatsApp Chat - Ana Primer.zip',
  'telegram/single-chat/result.json',
  'telegram/account/result.json',
  'signal/AnaPrimer/data.json',
  'device/skyecc-4F2A9C.json',
  'email/mailbox.mbox',
  'email/multipart-utf8.eml',
];

describe('raw source behind every message', () => {
  it.each(SOURCES)('%s', async (file) => {
    const store = await openCase(join(tmp(), 'c.clew'), { create: true });
    try {
      const s = await ingestFile(store, join(FIX, file), { timeZone: 'Europe/Belgrade', analyse: false });
      expect(s.added.records).toBeGreaterThan(0);
      const hits = (await search(store, { query: 'after:1990-01-01', limit: 50 })).hits;
      expect(hits.length).toBeGreaterThan(0);
      let shown = 0;
      for (const h of hits) {
        const r = await show(store, h.id, { context: 0 });
        expect(r.raw.unavailable, `${file} message ${h.id}`).toBeNull();
        expect(r.raw.text!.length).toBeGreaterThan(0);
        // the raw record holds (a piece of) the message text as the source wrote it
        const word = r.message.body.match(/[\p{L}]{4,}/u)?.[0];
        if (word && !file.endsWith('.mbox') && !file.endsWith('.eml')) expect(r.raw.text, `${file}: ${word}`).toContain(word);
        shown++;
      }
      expect(shown).toBe(hits.length);
    } finally {
      await store.close();
    }
  });
});
