import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCase } from './case.js';
import { addCodeword, lexicon, listEntities, removeCodeword } from './entities.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { show } from './show.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();
const A = 'skyecc:AAAAAA';
const B = 'skyecc:BBBBBB';

async function sampleCase() {
  const d = tmp();
  const f = join(d, 'a.jsonl');
  writeFileSync(
    f,
    jsonl([
      msg(A, B, '2021-02-01T10:00:00Z', 'Kontejner MSCU1234566 stiže u Antwerpen u petak, plati na RS35260005601001611379'),
      msg(B, A, '2021-02-01T10:05:00Z', 'Ђорђевић каже да је кафа спремна, 400 кила'),
      msg(A, B, '2021-02-01T10:06:00Z', 'Treba nam još kafe za Roterdam, javi Đorđeviću'),
      msg(B, A, '2021-02-01T11:00:00Z', 'سَلَامٌ عَلَيْكُمْ يا أخي، الشحنة وصلت إلى ميناء أنتويرب'),
      msg(A, B, '2021-02-02T09:00:00Z', 'De container komt morgen aan in de haven van Rotterdam, bel me'),
    ]),
  );
  const store = await openCase(join(d, 'c.clew'), { create: true });
  await ingestFile(store, f, { defaultRegion: 'RS' });
  return store;
}

describe('text analysis in the case', () => {
  it('finds the same message from Cyrillic, Latin and folded-ASCII queries, and Arabic with or without vowel marks', async () => {
    const store = await sampleCase();
    const ids = async (q: string) => (await search(store, { query: q })).hits.map((h) => h.id);
    // the nominative (Cyrillic) and, stemmed, the dative "Đorđeviću" (Latin)
    const djordjevic = await ids('Djordjevic');
    expect(djordjevic).toHaveLength(2);
    expect(await ids('Ђорђевић')).toEqual(djordjevic);
    expect(await ids('Đorđević')).toEqual(djordjevic);
    expect(await ids('кафа')).toEqual(await ids('kafa'));
    const arabic = await ids('سلام');
    expect(arabic).toHaveLength(1);
    expect(await ids('سَلَامٌ')).toEqual(arabic);
    // exact mode: as written
    expect((await search(store, { query: 'Đorđević', mode: 'exact' })).hits).toHaveLength(0); // the text says Ђорђевић / Đorđeviću
    expect((await search(store, { query: 'Ђорђевић', mode: 'exact' })).hits).toHaveLength(1);
    await store.close();
  });

  it('stores languages and entities, lists them and filters search by them', async () => {
    const store = await sampleCase();
    const nl = (await search(store, { query: 'lang:nl' })).hits;
    expect(nl.map((h) => h.snippet.text)).toEqual(['De container komt morgen aan in de haven van Rotterdam, bel me']);
    const containers = await listEntities(store, { type: 'container' });
    expect(containers.map((e) => e.value)).toEqual(['MSCU1234566']);
    expect(containers[0]!.accounts[0]!.account.ref).toBe(A);
    const ibans = await listEntities(store, { type: 'iban' });
    expect(ibans.map((e) => e.value)).toEqual(['RS35260005601001611379']);
    expect((await search(store, { query: 'entity:iban' })).hits).toHaveLength(1);
    expect((await search(store, { query: 'entity:container=MSCU1234566' })).hits).toHaveLength(1);
    expect((await search(store, { query: 'entity:container=MSCU0000000' })).hits).toHaveLength(0);
    const places = (await listEntities(store, { type: 'place' })).map((e) => e.value);
    expect(places.length).toBeGreaterThanOrEqual(2);
    const first = (await search(store, { query: 'MSCU1234566' })).hits[0]!;
    const shown = await show(store, first.id);
    const c = shown.mentions.find((m) => m.type === 'container')!;
    expect(shown.message.body.slice(c.start, c.end)).toBe('MSCU1234566');
    await store.close();
  });

  it('applies a new code word to every message already in the case, and removes it again', async () => {
    const store = await sampleCase();
    const r = await addCodeword(store, 'kafa', 'cocaine', 'drug');
    expect(r.messages).toBe(2); // кафа and kafe (inflected), in two scripts
    expect((await lexicon(store)).map((e) => [e.term, e.means])).toEqual([['kafa', 'cocaine']]);
    const cw = await listEntities(store, { type: 'codeword' });
    expect(cw[0]).toMatchObject({ value: 'kafa', mentions: 2 });
    expect((await search(store, { query: 'entity:codeword' })).hits).toHaveLength(2);
    await removeCodeword(store, 'kafa');
    expect(await listEntities(store, { type: 'codeword' })).toEqual([]);
    await store.close();
  });
});
