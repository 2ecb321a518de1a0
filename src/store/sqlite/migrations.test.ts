import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateConnection } from './migrations.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';

/** Every table, index and column of a connection's schema, comparable. */
function shape(db: Database.Database): string[] {
  const objects = db.prepare(`SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { type: string; name: string }[];
  return objects.flatMap((o) =>
    o.type === 'table' ? (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(o.name) as string[]).map((c) => `${o.name}.${c}`) : [`${o.type}:${o.name}`],
  );
}

describe('SQLite schema migrations', () => {
  it('lead, in order, to the schema of a new case', () => {
    expect(MIGRATIONS.map((m) => m.to)).toEqual([...MIGRATIONS.map((m) => m.to)].sort((a, b) => a - b));
    expect(MIGRATIONS.at(-1)!.to).toBe(SCHEMA_VERSION);
  });

  it('turn the schema-1 core into exactly the schema a new case gets, in one transaction, once', () => {
    const fresh = new Database(':memory:');
    fresh.exec(SCHEMA_SQL);
    const old = new Database(':memory:');
    // schema 1 as 0.1.0 created it: everything but what the migrations add
    old.exec(SCHEMA_SQL);
    for (const t of ['edge_deltas', 'persons', 'person_members', 'identity_decisions', 'identity_rejections', 'watchlists', 'saved_searches', 'saved_search_hits']) old.exec(`DROP TABLE ${t}`);
    old.exec('DROP INDEX calls_ts');
    old.pragma('user_version = 1');
    const r = migrateConnection(old, ':memory:');
    expect(r).toMatchObject({ from: 1, to: SCHEMA_VERSION });
    expect(r.applied.map((a) => a.to)).toEqual(MIGRATIONS.map((m) => m.to));
    expect(shape(old)).toEqual(shape(fresh));
    expect(migrateConnection(old, ':memory:').applied).toEqual([]);
  });
});
