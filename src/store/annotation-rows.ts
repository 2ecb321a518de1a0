/**
 * What both backends share about annotations (AnnotationPort, types.ts): the row shapes, the
 * fold of the event log (an add puts the annotation in force, a remove takes it out) and the
 * event a change or an undo writes. The stores only read the current annotation, write the
 * event and apply it, in one transaction.
 */
import { ClewError } from '../model/errors.js';
import type { Annotation, AnnotatedType, AnnotationChange, AnnotationEvent, AnnotationKind, ItemKey } from './types.js';

export const ANNOTATED_TYPES: readonly AnnotatedType[] = ['message', 'call', 'account', 'person', 'conversation', 'place', 'entity'];

/** The types whose key is a store id. */
export const ID_TYPES: ReadonlySet<AnnotatedType> = new Set(['message', 'call', 'account', 'person', 'conversation']);

/** The tables the existence of an item of an id type is checked in. */
export const ID_TABLES: Readonly<Record<string, string>> = { message: 'messages', call: 'calls', account: 'accounts', person: 'persons', conversation: 'conversations' };

export interface AnnotationDbRow {
  item_type: string;
  item_key: string;
  kind: string;
  key: string;
  value: string;
  words: string;
  by: string;
  at: number;
  event_id: number;
}

export interface AnnotationEventDbRow {
  id: number;
  item_type: string;
  item_key: string;
  kind: string;
  action: string;
  key: string;
  value: string;
  words: string;
  by: string;
  at: number;
  undoes: number | null;
}

export function toAnnotation(r: AnnotationDbRow): Annotation {
  return { item: { type: r.item_type as AnnotatedType, key: r.item_key }, kind: r.kind as AnnotationKind, key: r.key, value: r.value, by: r.by, at: Number(r.at), eventId: Number(r.event_id) };
}

export function toAnnotationEvent(r: AnnotationEventDbRow): AnnotationEvent {
  return {
    id: Number(r.id),
    item: { type: r.item_type as AnnotatedType, key: r.item_key },
    kind: r.kind as AnnotationKind,
    action: r.action as 'add' | 'remove',
    key: r.key,
    value: r.value,
    by: r.by,
    at: Number(r.at),
    undoes: r.undoes === null ? null : Number(r.undoes),
  };
}

/** An event as written: everything but its id (`key` of a new note: '' until the id is known). */
export type EventDraft = Omit<AnnotationEventDbRow, 'id'>;

/** The store id of an item of an id type, or null when the key is not one (then the item is not in the case). */
export function itemId(item: ItemKey): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(item.key)) return null;
  const n = Number(item.key);
  return Number.isSafeInteger(n) ? n : null;
}

/** An entity key's type and value (`TYPE=VALUE`), null when it has no `=`. */
export function entityParts(key: string): { type: string; value: string } | null {
  const eq = key.indexOf('=');
  return eq <= 0 ? null : { type: key.slice(0, eq), value: key.slice(eq + 1) };
}

export function notInCase(item: ItemKey): ClewError {
  return new ClewError('NOT_FOUND', `this case holds no ${item.type} ${item.key.slice(0, 200)}`, { type: item.type, key: item.key.slice(0, 200) });
}

function checkChange(c: AnnotationChange): void {
  if (!ANNOTATED_TYPES.includes(c.item.type)) throw new ClewError('INVALID_ARGUMENT', `cannot annotate a ${String(c.item.type)}`);
  if (c.kind !== 'tag' && c.kind !== 'note' && c.kind !== 'star') throw new ClewError('INVALID_ARGUMENT', `no annotation kind ${String(c.kind)}`);
  if (c.action !== 'add' && c.action !== 'remove') throw new ClewError('INVALID_ARGUMENT', `no annotation action ${String(c.action)}`);
  if (c.kind === 'tag' && c.key === '') throw new ClewError('INVALID_ARGUMENT', 'a tag needs a name');
}

/**
 * The event a change writes given the annotation in force on its key (undefined: none), or null
 * when it would change nothing. A removed note that does not exist is NOT_FOUND.
 */
export function planChange(c: AnnotationChange, current: AnnotationDbRow | undefined): EventDraft | null {
  checkChange(c);
  const base = { item_type: c.item.type, item_key: c.item.key, kind: c.kind, action: c.action, by: c.by, at: c.at ?? Date.now(), undoes: null };
  const key = c.kind === 'star' ? '' : c.key;
  if (c.action === 'add') {
    if (current) return null;
    return { ...base, key, value: c.kind === 'star' ? '' : c.value, words: c.kind === 'note' ? (c.words ?? '') : '' };
  }
  if (!current) {
    if (c.kind === 'note') throw new ClewError('NOT_FOUND', `no note ${key.slice(0, 40)} on ${c.item.type} ${c.item.key.slice(0, 200)}`, { note: key.slice(0, 40) });
    return null;
  }
  return { ...base, key, value: current.value, words: current.words };
}

/** The compensating event of an event (the opposite action on the same annotation). */
export function planUndo(e: AnnotationEventDbRow, by: string, at?: number): EventDraft {
  return {
    item_type: e.item_type,
    item_key: e.item_key,
    kind: e.kind,
    action: e.action === 'add' ? 'remove' : 'add',
    key: e.key,
    value: e.value,
    words: e.words,
    by,
    at: at ?? Date.now(),
    undoes: e.id,
  };
}

export const EVENT_COLUMNS = ['id', 'item_type', 'item_key', 'kind', 'action', 'key', 'value', 'words', 'by', 'at', 'undoes'] as const;
