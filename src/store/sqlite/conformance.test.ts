import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCaseStore } from '../conformance/suite.js';
import { openCase } from '../open.js';

describeCaseStore('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clew-conformance-'));
  const locator = join(dir, 'case.clew');
  const store = await openCase(locator, { create: true });
  return {
    store,
    locator,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
