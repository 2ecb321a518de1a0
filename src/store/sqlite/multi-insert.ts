/**
 * Rows gathered during a batch and inserted many per statement. For narrow rows the cost of an
 * INSERT is mostly the call into SQLite, not the row; one statement of 64 rows costs a few
 * times less per row than 64 statements. Only for inserts whose rows do not depend on one
 * another's order within the batch (append-only or OR IGNORE tables).
 */
import type { Database, Statement } from 'better-sqlite3';

const ROWS = 64;

export class MultiRowInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly values: unknown[] = [];

  /** `head`: the statement up to VALUES, e.g. `INSERT OR IGNORE INTO t (a, b)`. */
  constructor(
    db: Database,
    head: string,
    private readonly columns: number,
  ) {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    this.many = db.prepare(`${head} VALUES ${Array.from({ length: ROWS }, () => row).join(', ')}`);
    this.one = db.prepare(`${head} VALUES ${row}`);
  }

  /** Queue one row (exactly `columns` values). */
  add(...row: unknown[]): void {
    for (const v of row) this.values.push(v);
    if (this.values.length === ROWS * this.columns) this.flush();
  }

  /** Forget the queued rows (their transaction was rolled back). */
  discard(): void {
    this.values.length = 0;
  }

  /** Insert every queued row. */
  flush(): void {
    const v = this.values;
    const full = ROWS * this.columns;
    let i = 0;
    for (; i + full <= v.length; i += full) this.many.run(v.slice(i, i + full));
    for (; i < v.length; i += this.columns) this.one.run(v.slice(i, i + this.columns));
    v.length = 0;
  }
}
