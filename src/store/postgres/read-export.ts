/** The PostgreSQL executor of the shared export reader (src/store/export.ts): every table filtered by the case. */
import { type ExportParam, type ExportSql, exportRecords } from '../export.js';
import type { ExportItem, ExportOptions } from '../types.js';
import { type PgReadCase, all } from './read-util.js';

export function pgExportSql(db: PgReadCase): ExportSql {
  // the case id is our own integer, never input: written into the text, parameters stay `$n`
  const caseId = Number(db.caseId);
  if (!Number.isSafeInteger(caseId)) throw new Error(`case id ${String(db.caseId)} is not an integer`);
  return {
    all: <T>(sql: string, params: readonly ExportParam[]) => {
      let n = 0;
      const text = sql.replace(/\{c:(\w+)\}/g, (_, a: string) => `${a}.case_id = ${caseId} AND`).replace(/\?/g, () => `$${++n}`);
      return all<T>(db.pool, text, params);
    },
  };
}

export function pgExportRecords(db: PgReadCase, opts?: ExportOptions): AsyncIterable<ExportItem[]> {
  return exportRecords(pgExportSql(db), opts);
}
