import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from './case.js';
import { ingestFile } from './ingest.js';
import { search } from './search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();

describe('a search page labels its senders by their best names (issue 17 part 1)', () => {
  it('own display name, else the name most phones saved (each phone once; ties in code order; blank names skipped), else the handle', async () => {
    const d = tmp();
    const at = (minute: number) => new Date(Date.UTC(2021, 2, 1, 10, minute)).toISOString();
    const f = join(d, 'src.jsonl');
    writeFileSync(
      f,
      jsonl([
        { type: 'account', ref: 'skyecc:OWN111', kind: 'pin', display_name: 'Ljuba' },
        { type: 'contact', owner: 'skyecc:PPP111', contact: 'skyecc:OWN111', name: 'Kum' },
        { type: 'contact', owner: 'skyecc:PPP222', contact: 'skyecc:OWN111', name: 'Kum' },
        // one phone saving Zeko twice counts once: Zeko and Brat tie, Brat comes first
        { type: 'contact', owner: 'skyecc:PPP111', contact: 'skyecc:TIE111', name: 'Zeko' },
        { type: 'contact', owner: 'skyecc:PPP111', contact: 'skyecc:TIE111', name: 'Zeko' },
        { type: 'contact', owner: 'skyecc:PPP222', contact: 'skyecc:TIE111', name: 'Brat' },
        // the most phones saved a blank name: the next one is the label
        { type: 'contact', owner: 'skyecc:PPP111', contact: 'skyecc:BLK111', name: ' ' },
        { type: 'contact', owner: 'skyecc:PPP222', contact: 'skyecc:BLK111', name: ' ' },
        { type: 'contact', owner: 'skyecc:PPP333', contact: 'skyecc:BLK111', name: 'Šone' },
        { type: 'contact', owner: 'skyecc:PPP111', contact: 'skyecc:MAJ111', name: 'Ćale' },
        { type: 'contact', owner: 'skyecc:PPP222', contact: 'skyecc:MAJ111', name: 'Tata' },
        { type: 'contact', owner: 'skyecc:PPP333', contact: 'skyecc:MAJ111', name: 'Tata' },
        msg('skyecc:OWN111', 'skyecc:PPP111', at(0), 'kafa 1'),
        msg('skyecc:TIE111', 'skyecc:PPP111', at(1), 'kafa 2'),
        msg('skyecc:BLK111', 'skyecc:PPP111', at(2), 'kafa 3'),
        msg('skyecc:MAJ111', 'skyecc:PPP111', at(3), 'kafa 4'),
        msg('skyecc:NON111', 'skyecc:PPP111', at(4), 'kafa 5'),
        msg('skyecc:MAJ111', 'skyecc:PPP222', at(5), 'kafa 6'),
      ]),
    );
    const casePath = join(d, 'case.clew');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, f));
    await withCase(casePath, { readonly: true }, async (store) => {
      const page = await search(store, { query: 'kafa', limit: 10 });
      expect(page.hits.map((h) => [h.snippet.text, h.sender.ref, h.sender.label])).toEqual([
        ['kafa 6', 'skyecc:MAJ111', 'Tata'],
        ['kafa 5', 'skyecc:NON111', 'NON111'],
        ['kafa 4', 'skyecc:MAJ111', 'Tata'],
        ['kafa 3', 'skyecc:BLK111', 'Šone'],
        ['kafa 2', 'skyecc:TIE111', 'Brat'],
        ['kafa 1', 'skyecc:OWN111', 'Ljuba'],
      ]);
    });
  });
});
