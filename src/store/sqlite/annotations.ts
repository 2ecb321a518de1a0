/**
 * Annotations in a SQLite case (tables in schema.ts ANNOTATION_SCHEMA_SQL): each change appends
 * an event to annotation_events and applies it to annotations (the fold), and moves the change
 * counter, in one immediate transaction. The item is checked to be in the case first (NOT_FOUND).
 */
import type { Database } from 'better-sqlite3';
import { ClewError } from '../../model/errors.js';
import {
  type AnnotationDbRow,
  type AnnotationEventDbRow,
  type EventDraft,
  ID_TABLES,
  ID_TYPES,
  entityParts,
  itemId,
  notInCase,
  planChange,
  planUndo,
  toAnnotation,
  toAnnotationEvent,
} from '../annotation-rows.js';
import type { AnnotatedType, Annotation, AnnotationChange, AnnotationEvent, ItemKey } from '../types.js';
import { bumpGeneration } from './generation.js';
import { cachedStatement } from './statements.js';

export class SqliteAnnotations {
  constructor(
    private readonly db: Database,
    private readonly assertWritable: () => void,
  ) {}

  /** True when the item is in the case. */
  private exists(item: ItemKey): boolean {
    if (ID_TYPES.has(item.type)) {
      const id = itemId(item);
      if (id === null) return false;
      const extra = item.type === 'person' ? ' AND merged_into IS NULL' : '';
      return this.db.prepare(`SELECT 1 FROM ${ID_TABLES[item.type]} WHERE id = ?${extra}`).get(id) !== undefined;
    }
    if (item.type === 'place')
      return (
        this.db.prepare(`SELECT 1 FROM mentions WHERE type IN ('place', 'country') AND value = ? LIMIT 1`).get(item.key) !== undefined ||
        this.db.prepare('SELECT 1 FROM locations WHERE label = ? LIMIT 1').get(item.key) !== undefined
      );
    if (item.type === 'entity') {
      const p = entityParts(item.key);
      return p !== null && this.db.prepare('SELECT 1 FROM mentions WHERE type = ? AND value = ? LIMIT 1').get(p.type, p.value) !== undefined;
    }
    return false;
  }

  private current(item: ItemKey, kind: string, key: string): AnnotationDbRow | undefined {
    return this.db.prepare('SELECT * FROM annotations WHERE item_type = ? AND item_key = ? AND kind = ? AND key = ?').get(item.type, item.key, kind, key) as
      | AnnotationDbRow
      | undefined;
  }

  /** Append the event, apply it to the fold, move the change counter (inside the caller's transaction). */
  private write(d: EventDraft): AnnotationEventDbRow {
    const id = Number(
      this.db
        .prepare('INSERT INTO annotation_events (item_type, item_key, kind, action, key, value, words, by, at, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(d.item_type, d.item_key, d.kind, d.action, d.key, d.value, d.words, d.by, d.at, d.undoes).lastInsertRowid,
    );
    const row: AnnotationEventDbRow = { ...d, id };
    if (d.kind === 'note' && d.key === '') {
      row.key = String(id);
      this.db.prepare('UPDATE annotation_events SET key = ? WHERE id = ?').run(row.key, id);
    }
    if (d.action === 'add')
      this.db
        .prepare(
          `INSERT INTO annotations (item_type, item_key, kind, key, value, words, by, at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (item_type, item_key, kind, key) DO UPDATE SET value = excluded.value, words = excluded.words, by = excluded.by, at = excluded.at, event_id = excluded.event_id`,
        )
        .run(row.item_type, row.item_key, row.kind, row.key, row.value, row.words, row.by, row.at, id);
    else this.db.prepare('DELETE FROM annotations WHERE item_type = ? AND item_key = ? AND kind = ? AND key = ?').run(row.item_type, row.item_key, row.kind, row.key);
    bumpGeneration(this.db);
    return row;
  }

  annotate(c: AnnotationChange): AnnotationEvent | null {
    this.assertWritable();
    const tx = this.db.transaction((): AnnotationEvent | null => {
      if (!this.exists(c.item)) throw notInCase(c.item);
      const d = planChange(c, c.kind === 'note' && c.key === '' ? undefined : this.current(c.item, c.kind, c.kind === 'star' ? '' : c.key));
      return d ? toAnnotationEvent(this.write(d)) : null;
    });
    return tx.immediate();
  }

  undo(eventId: number, by: string, at?: number): AnnotationEvent {
    this.assertWritable();
    const tx = this.db.transaction((): AnnotationEvent => {
      const e = this.db.prepare('SELECT * FROM annotation_events WHERE id = ?').get(eventId) as AnnotationEventDbRow | undefined;
      if (!e) throw new ClewError('NOT_FOUND', `no annotation event ${eventId}`, { event: eventId });
      const later = this.db.prepare('SELECT id FROM annotation_events WHERE undoes = ?').pluck().get(eventId) as number | undefined;
      if (later !== undefined) throw new ClewError('INVALID_ARGUMENT', `annotation event ${eventId} was undone already (by event ${later})`, { event: eventId, undoneBy: later });
      return toAnnotationEvent(this.write(planUndo(e, by, at)));
    });
    return tx.immediate();
  }

  annotationsOf(items: readonly ItemKey[]): Annotation[] {
    const st = cachedStatement(this.db, 'SELECT * FROM annotations WHERE item_type = ? AND item_key = ? ORDER BY kind, at, event_id');
    const out: Annotation[] = [];
    const seen = new Set<string>();
    for (const i of items) {
      const k = `${i.type}\u0000${i.key}`;
      if (seen.has(k)) continue;
      seen.add(k);
      for (const r of st.all(i.type, i.key) as AnnotationDbRow[]) out.push(toAnnotation(r));
    }
    return out;
  }

  events(opts: { limit: number; before?: number; item?: ItemKey }): AnnotationEvent[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (opts.item) {
      where.push('item_type = ? AND item_key = ?');
      args.push(opts.item.type, opts.item.key);
    }
    if (opts.before !== undefined) {
      where.push('id < ?');
      args.push(opts.before);
    }
    const sql = `SELECT * FROM annotation_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, Math.max(0, Math.floor(opts.limit))) as AnnotationEventDbRow[]).map(toAnnotationEvent);
  }

  taggedItems(tag: string, type?: AnnotatedType): ItemKey[] {
    const rows = this.db
      .prepare(`SELECT item_type, item_key FROM annotations WHERE kind = 'tag' AND key = ? ${type ? 'AND item_type = ?' : ''} ORDER BY event_id`)
      .all(...(type ? [tag, type] : [tag])) as { item_type: AnnotatedType; item_key: string }[];
    return rows.map((r) => ({ type: r.item_type, key: r.item_key }));
  }

  tags(): { tag: string; name: string; items: number }[] {
    // the name as most recently written for the tag
    return this.db
      .prepare(
        `SELECT key AS tag, (SELECT value FROM annotations b WHERE b.kind = 'tag' AND b.key = a.key ORDER BY b.event_id DESC LIMIT 1) AS name, count(*) AS items
         FROM annotations a WHERE kind = 'tag' GROUP BY key ORDER BY key`,
      )
      .all() as { tag: string; name: string; items: number }[];
  }
}
