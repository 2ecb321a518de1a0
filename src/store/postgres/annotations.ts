/**
 * Annotations in a PostgreSQL case (the same tables as SQLite's, by case_id): each change appends
 * an event to annotation_events and applies it to annotations (the fold) in one transaction under
 * the case's annotation lock, which also moves the change counter (read-util.ts transaction).
 * Event ids are assigned per case under that lock, from 1, as SQLite assigns them.
 */
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
import { type PgReadCase, type Queryable, all, one, transaction } from './read-util.js';

async function exists(q: Queryable, caseId: number, item: ItemKey): Promise<boolean> {
  if (ID_TYPES.has(item.type)) {
    const id = itemId(item);
    if (id === null) return false;
    const extra = item.type === 'person' ? ' AND merged_into IS NULL' : '';
    return (await one(q, `SELECT 1 FROM ${ID_TABLES[item.type]} WHERE case_id = $1 AND id = $2${extra}`, [caseId, id])) !== undefined;
  }
  if (item.type === 'place')
    return (
      (await one(
        q,
        `SELECT 1 FROM mentions WHERE case_id = $1 AND type IN ('place', 'country') AND value = $2
         UNION ALL SELECT 1 FROM locations WHERE case_id = $1 AND label = $2 LIMIT 1`,
        [caseId, item.key],
      )) !== undefined
    );
  if (item.type === 'entity') {
    const p = entityParts(item.key);
    return p !== null && (await one(q, 'SELECT 1 FROM mentions WHERE case_id = $1 AND type = $2 AND value = $3 LIMIT 1', [caseId, p.type, p.value])) !== undefined;
  }
  return false;
}

async function write(q: Queryable, caseId: number, d: EventDraft): Promise<AnnotationEventDbRow> {
  const id = (await one<{ id: number }>(q, 'SELECT coalesce(max(id), 0) + 1 AS id FROM annotation_events WHERE case_id = $1', [caseId]))!.id;
  const row: AnnotationEventDbRow = { ...d, id, key: d.kind === 'note' && d.key === '' ? String(id) : d.key };
  await q.query(
    `INSERT INTO annotation_events (case_id, id, item_type, item_key, kind, action, key, value, words, by, at, undoes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [caseId, id, row.item_type, row.item_key, row.kind, row.action, row.key, row.value, row.words, row.by, row.at, row.undoes],
  );
  if (row.action === 'add')
    await q.query(
      `INSERT INTO annotations (case_id, item_type, item_key, kind, key, value, words, by, at, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (case_id, item_type, item_key, kind, key) DO UPDATE SET value = excluded.value, words = excluded.words, by = excluded.by, at = excluded.at, event_id = excluded.event_id`,
      [caseId, row.item_type, row.item_key, row.kind, row.key, row.value, row.words, row.by, row.at, id],
    );
  else await q.query('DELETE FROM annotations WHERE case_id = $1 AND item_type = $2 AND item_key = $3 AND kind = $4 AND key = $5', [caseId, row.item_type, row.item_key, row.kind, row.key]);
  return row;
}

export async function annotate(db: PgReadCase, c: AnnotationChange): Promise<AnnotationEvent | null> {
  return transaction(
    db,
    async (q) => {
      if (!(await exists(q, db.caseId, c.item))) throw notInCase(c.item);
      const current =
        c.kind === 'note' && c.key === ''
          ? undefined
          : await one<AnnotationDbRow>(q, 'SELECT * FROM annotations WHERE case_id = $1 AND item_type = $2 AND item_key = $3 AND kind = $4 AND key = $5', [
              db.caseId,
              c.item.type,
              c.item.key,
              c.kind,
              c.kind === 'star' ? '' : c.key,
            ]);
      const d = planChange(c, current);
      return d ? toAnnotationEvent(await write(q, db.caseId, d)) : null;
    },
    'annotation',
  );
}

export async function undoAnnotation(db: PgReadCase, eventId: number, by: string, at?: number): Promise<AnnotationEvent> {
  if (!Number.isSafeInteger(eventId)) throw new ClewError('NOT_FOUND', `no annotation event ${eventId}`, { event: eventId });
  return transaction(
    db,
    async (q) => {
      const e = await one<AnnotationEventDbRow>(q, 'SELECT * FROM annotation_events WHERE case_id = $1 AND id = $2', [db.caseId, eventId]);
      if (!e) throw new ClewError('NOT_FOUND', `no annotation event ${eventId}`, { event: eventId });
      const later = await one<{ id: number }>(q, 'SELECT id FROM annotation_events WHERE case_id = $1 AND undoes = $2', [db.caseId, eventId]);
      if (later) throw new ClewError('INVALID_ARGUMENT', `annotation event ${eventId} was undone already (by event ${later.id})`, { event: eventId, undoneBy: later.id });
      return toAnnotationEvent(await write(q, db.caseId, planUndo(e, by, at)));
    },
    'annotation',
  );
}

export async function annotationsOf(db: PgReadCase, items: readonly ItemKey[]): Promise<Annotation[]> {
  if (items.length === 0) return [];
  const types = items.map((i) => i.type);
  const keys = items.map((i) => i.key);
  // in the order the items were asked for, then by kind and time (as SQLite answers)
  const r = await all<AnnotationDbRow & { ord: number }>(
    db.pool,
    `WITH want AS (SELECT t, k, min(ord) AS ord FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS w(t, k, ord) GROUP BY t, k)
     SELECT a.*, want.ord FROM want JOIN annotations a ON a.case_id = $1 AND a.item_type = want.t AND a.item_key = want.k
     ORDER BY want.ord, a.kind, a.at, a.event_id`,
    [db.caseId, types, keys],
  );
  return r.map(toAnnotation);
}

export async function annotationEvents(db: PgReadCase, opts: { limit: number; before?: number; item?: ItemKey }): Promise<AnnotationEvent[]> {
  const where = ['case_id = $1'];
  const args: (string | number)[] = [db.caseId];
  if (opts.item) {
    args.push(opts.item.type, opts.item.key);
    where.push(`item_type = $${args.length - 1} AND item_key = $${args.length}`);
  }
  if (opts.before !== undefined) {
    args.push(opts.before);
    where.push(`id < $${args.length}`);
  }
  args.push(Math.max(0, Math.floor(opts.limit)));
  const r = await all<AnnotationEventDbRow>(db.pool, `SELECT * FROM annotation_events WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${args.length}`, args);
  return r.map(toAnnotationEvent);
}

export async function taggedItems(db: PgReadCase, tag: string, type?: AnnotatedType): Promise<ItemKey[]> {
  const r = await all<{ item_type: AnnotatedType; item_key: string }>(
    db.pool,
    `SELECT item_type, item_key FROM annotations WHERE case_id = $1 AND kind = 'tag' AND key = $2 ${type ? 'AND item_type = $3' : ''} ORDER BY event_id`,
    type ? [db.caseId, tag, type] : [db.caseId, tag],
  );
  return r.map((x) => ({ type: x.item_type, key: x.item_key }));
}

export async function tags(db: PgReadCase): Promise<{ tag: string; name: string; items: number }[]> {
  return all<{ tag: string; name: string; items: number }>(
    db.pool,
    `SELECT key AS tag, (array_agg(value ORDER BY event_id DESC))[1] AS name, count(*) AS items
     FROM annotations WHERE case_id = $1 AND kind = 'tag' GROUP BY key ORDER BY key`,
    [db.caseId],
  );
}
