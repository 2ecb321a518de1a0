/**
 * Conformance: the case's change counter (ChangePort). Every kind of write increases it, reads
 * leave it alone, and another connection to the same case (another process: the CLI writing
 * into a case the server has open) sees each change once it is committed.
 */
import { describe, expect, it } from 'vitest';
import { openCase } from '../open.js';
import { type CaseFactory, HOUR, ingest, items, meta, msg } from './support.js';

export function describeChanges(factory: CaseFactory): void {
  describe('the change counter (generation)', () => {
    it('grows with every ingest batch, completed source, lexicon edit and identity decision, seen by another connection', async () => {
      const tc = await factory();
      const reader = await openCase(tc.locator, { readonly: true });
      try {
        const s = tc.store;
        expect(await s.generation()).toBe(0);
        expect(await reader.generation()).toBe(0);

        // a batch, then the source's completion: each moves it, and the reader sees it
        const w = await s.beginSource(meta('c'));
        const recs = [{ type: 'account' as const, ref: 'sky:a', kind: 'pin' as const }, msg('sky:a', ['sky:b'], HOUR, 'kafa u Antwerpen'), msg('sky:b', ['sky:a'], 2 * HOUR, 'dobro')];
        await w.writeBatch(items(recs), { offset: null, line: 4, itemsDone: 3 });
        const afterBatch = await reader.generation();
        expect(afterBatch).toBeGreaterThan(0);
        await w.finish();
        const afterSource = await reader.generation();
        expect(afterSource).toBeGreaterThan(afterBatch);

        // reads do not move it
        await s.stats();
        await s.sources();
        await reader.identity().persons();
        expect(await s.generation()).toBe(afterSource);

        // the lexicon
        await s.addLexiconEntry({ term: 'kafa', means: 'cocaine' });
        const afterAdd = await reader.generation();
        expect(afterAdd).toBeGreaterThan(afterSource);
        await s.removeLexiconEntry('kafa');
        const afterRemove = await reader.generation();
        expect(afterRemove).toBeGreaterThan(afterAdd);

        // identity decisions
        const [a, b] = await Promise.all(['sky:a', 'sky:b'].map(async (r) => (await s.resolveAccounts(r))[0]!.id));
        await s.identity().merge(a!, b!, { by: 'analyst' });
        const afterMerge = await reader.generation();
        expect(afterMerge).toBeGreaterThan(afterRemove);
        await s.identity().split(a!, { by: 'analyst' });
        expect(await reader.generation()).toBeGreaterThan(afterMerge);

        // a second source written in one go
        const before = await reader.generation();
        await ingest(s, [msg('sky:c', ['sky:a'], 3 * HOUR, 'novi')], { sha: 'd' });
        expect(await reader.generation()).toBeGreaterThan(before);
        expect(await s.generation()).toBe(await reader.generation());
      } finally {
        await reader.close();
        await tc.cleanup();
      }
    }, 60_000);
  });
}
