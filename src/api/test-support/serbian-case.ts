/** A small case with a Serbian thread (Latin and Cyrillic), a code word, a phone number and an Arabic message: for the translation tests. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCase } from '../case.js';
import { ingestFile } from '../ingest.js';
import { jsonl, msg } from './tmp.js';

export const SERBIAN = [
  'Kontejner stiže u petak, kum javlja novi broj +381641234567, plavi konj je spreman.',
  'Dobro brate, sutra ujutru idem u luku da vidim kontejner.',
  'Контејнер стиже у петак, чекај поруку од мене.',
];
export const ARABIC_BODY = 'الشحنة وصلت إلى الميناء، اتصل بي غدا';

/** Writes `dir/thread.jsonl`, ingests it into `dir/case.clew` with the code word «plavi konj» (cocaine) in the lexicon. */
export async function buildSerbianCase(dir: string): Promise<{ casePath: string }> {
  const a = 'sky:marko';
  const b = 'sky:kum';
  const source = join(dir, 'thread.jsonl');
  writeFileSync(
    source,
    jsonl([
      { type: 'account', ref: a, kind: 'pin', display_name: 'Marko' },
      { type: 'account', ref: b, kind: 'pin', display_name: 'Kum' },
      { type: 'conversation', ref: 'luka', title: 'Luka' },
      ...SERBIAN.map((body, i) => msg(i % 2 ? b : a, i % 2 ? a : b, `2021-03-01T10:0${i}:00Z`, body, { conversation: 'luka' })),
      msg(b, a, '2021-03-01T10:09:00Z', ARABIC_BODY, { conversation: 'luka' }),
    ]),
  );
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true }, async (s) => {
    await s.addLexiconEntry({ term: 'plavi konj', means: 'cocaine' });
    await ingestFile(s, source);
  });
  return { casePath };
}
