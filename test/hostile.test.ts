/**
 * The hostile-file corpus (test/fixtures/hostile/) against a real SQLite case: what a damaged
 * or malicious file may and may not do to a case. (Workspace parts: test/browser/*.)
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCase } from '../src/api/case.js';
import { ingestFile } from '../src/api/ingest.js';
import { useTmp } from '../src/api/test-support/tmp.js';

const HOSTILE = join(import.meta.dirname, 'fixtures', 'hostile');
const tmp = useTmp();

function fixture(name: string): { dir: string; file: string; casePath: string } {
  const dir = tmp();
  const file = join(dir, name);
  copyFileSync(join(HOSTILE, name), file);
  return { dir, file, casePath: join(dir, 'case.clew') };
}

describe('a WhatsApp export with a NUL byte and invalid UTF-8 in its first lines', () => {
  it('is detected and ingested with the bad lines quarantined, not refused whole', async () => {
    const { file, casePath } = fixture('whatsapp-nul.txt');
    const r = await withCase(casePath, { create: true }, (s) => ingestFile(s, file, { timeZone: 'UTC' }));
    expect(r.format).toBe('whatsapp');
    expect(r.outcome).toBe('ingested');
    const q = await withCase(casePath, {}, async (s) => await s.quarantine({ limit: 100 }));
    expect(q.map((x) => [x.code, x.locator.line])).toEqual([
      ['INVALID_UTF8', 4],
      ['INVALID_UTF8', 7],
      ['TIMESTAMP_INVALID', 9],
    ]);
    expect(r.added.rejected).toBe(3);
  });

  it('creates no account, member, edge or count from a quarantined line', async () => {
    const { file, casePath } = fixture('whatsapp-nul.txt');
    await withCase(casePath, { create: true }, (s) => ingestFile(s, file, { format: 'whatsapp', timeZone: 'UTC' }));
    await withCase(casePath, {}, async (s) => {
      const names = [...(await s.accounts())].map((a) => a.displayName ?? a.ref);
      expect(names.sort()).toEqual(['Ana Primer', 'Marko Test']);
      expect(names.join()).not.toMatch(/Bad|Ghost|\uFFFD/);
      const stats = await s.stats({ top: 10 });
      expect(stats.accounts).toBe(2);
      expect(stats.messages).toBe(5);
      // the only edges are between the two real speakers
      for (const e of await s.edges()) expect([e.src, e.dst].sort()).toEqual([...(await s.accounts())].map((a) => a.id).sort());
      for (const t of stats.topTalkers) expect(t.contacts).toBe(1);
    });
  });
});
