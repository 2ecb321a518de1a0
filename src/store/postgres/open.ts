/** Placeholder until the PostgreSQL backend is merged: it replaces this file. */
import { ClewError } from '../../model/errors.js';
import type { PostgresLocator } from '../locator.js';
import type { CaseStore, OpenOptions } from '../types.js';

export async function openPostgresCase(_loc: PostgresLocator, _opts: OpenOptions): Promise<CaseStore> {
  throw new ClewError('CASE_BACKEND_UNAVAILABLE', 'the PostgreSQL backend is not built into this clew');
}
