import { describeCaseStore } from '../conformance/suite.js';
import { dropCase } from './cases.js';
import { openPostgresStore } from './open.js';
import { testCaseLocator } from './test-support/pg-case.js';

describeCaseStore('postgres', async () => {
  const loc = testCaseLocator('conformance');
  const store = await openPostgresStore(loc, { create: true });
  const u = new URL(loc.url);
  u.searchParams.set('case', loc.case);
  return {
    store,
    locator: u.toString(),
    cleanup: async () => {
      await dropCase(store.db.pool, loc.case);
      await store.close();
    },
  };
});
