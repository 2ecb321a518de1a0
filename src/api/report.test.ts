/**
 * The report's reads shared and batched (issue 20 speed): the same report as each part read on
 * its own. Figures that share a ranking give the tables each gives alone; the cited items read in
 * one batch give the items each gives alone.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from './case.js';
import { ingestFile } from './ingest.js';
import { buildReport } from './report.js';
import { search } from './search.js';
import { jsonl, msg, useTmp } from './test-support/tmp.js';

const tmp = useTmp();

async function smallCase(dir: string): Promise<{ casePath: string; ids: number[] }> {
  const src = join(dir, 'src.jsonl');
  const people = ['skyecc:A', 'skyecc:B', 'skyecc:C', 'skyecc:D', 'skyecc:E'];
  const records: unknown[] = people.map((ref, i) => ({ type: 'account', ref, kind: 'pin', display_name: `P${i}` }));
  for (let i = 0; i < 40; i++) {
    const from = people[(i * 7) % 5]!;
    const to = people[(i * 3 + 1) % 5]!;
    if (from === to) continue;
    // two conversations and direct exchanges (no conversation)
    records.push(msg(from, to, `2021-03-01T10:${String(i).padStart(2, '0')}:00Z`, `message ${i} kafa`, i % 3 === 2 ? {} : { conversation: `chat-${i % 3}` }));
  }
  writeFileSync(src, jsonl(records));
  const casePath = join(dir, 'c.clew');
  await withCase(casePath, { create: true, threadedWriter: false }, (s) => ingestFile(s, src, { analyse: false }));
  const hits = await withCase(casePath, { readonly: true }, (s) => search(s, { query: 'after:2000-01-01', limit: 100 }));
  return { casePath, ids: hits.hits.sort((a, b) => a.ts - b.ts).map((h) => h.id) };
}

const sections = (html: string, cls: string) => [...html.matchAll(new RegExp(`<section class="${cls}" id="${cls}-\\d+">[\\s\\S]*?</section>`, 'g'))].map((m) => m[0].replace(/ id="[^"]*"/, '').replace(/<h2>[^<]*<\/h2>/, ''));

describe('buildReport', () => {
  it('gives each figure and each item as it is made alone, though rankings are shared and items read in one batch', async () => {
    const { casePath, ids } = await smallCase(tmp());
    const figures = ['rank:degree:top=3', 'rank:pagerank:top=2', 'rank:degree:top=1', 'rank:degree:top=3:scope=ego:skyecc:A:1', 'rank:pagerank:top=4', 'rank:composite:top=2'];
    const items = ids.filter((_, i) => i % 4 !== 1).map((id) => ({ id, commentary: null }));
    await withCase(casePath, { readonly: true }, async (store) => {
      const all = await buildReport(store, { locator: casePath, items, figures, context: 2 });
      const together = sections(all.html, 'figure');
      expect(together).toHaveLength(figures.length);
      for (const [i, f] of figures.entries()) {
        const alone = await buildReport(store, { locator: casePath, items: items.slice(0, 1), figures: [f], context: 2 });
        expect(together[i]).toBe(sections(alone.html, 'figure')[0]);
      }
      expect(together[2]).toContain('top 1');
      const cited = sections(all.html, 'item');
      expect(cited).toHaveLength(items.length);
      for (const [i, it] of items.entries()) {
        const alone = await buildReport(store, { locator: casePath, items: [it], context: 2 });
        expect(cited[i]).toBe(sections(alone.html, 'item')[0]);
      }
      expect(cited.join('')).toContain('▶ CITED');
    });
  });
});
