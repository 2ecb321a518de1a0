import { describeCaseStore } from '../conformance/suite.js';
import { dropCase } from './cases.js';
import { openPostgresStore } from './open.js';
import { postgresLocator } from './locator.js';
import { testCaseLocator, testPg } from './test-support/pg-case.js';

describeCaseStore('postgres', async () => {
  // a name the postgres:// URI accepts (letters, digits, underscores): tests open the case again by its locator
  const loc = postgresLocator(testPg().url, testCaseLocator('conformance').case.replace(/-/g, '_'));
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
