/** The SQLite executor of the shared export reader (src/store/export.ts): no case filter, one short query per page. */
import type { Database } from 'better-sqlite3';
import { type ExportParam, type ExportSql, exportRecords } from '../export.js';
import type { ExportItem, ExportOptions } from '../types.js';

export function sqliteExportSql(db: Database): ExportSql {
  return {
    all: <T>(sql: string, params: readonly ExportParam[]) => Promise.resolve(db.prepare(sql.replace(/\{c:\w+\}/g, '')).all(...params) as T[]),
  };
}

export function sqliteExportRecords(db: Database, opts?: ExportOptions): AsyncIterable<ExportItem[]> {
  return exportRecords(sqliteExportSql(db), opts);
}
