/** Changing an audit log behind its append-only triggers, as someone with the rights to disable them could (the tests of verify). */
import pg from 'pg';

/** Run SQL as the owner with the audit_entries triggers disabled for it. */
export async function tamper(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
    await c.query(sql);
    await c.query('ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only');
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}
