/**
 * Annotations (issue 20): the analyst's tags, notes and stars on items of a case, the typed API
 * the CLI and the server call. An item is named by a reference:
 *
 *   message:ID  call:ID  conversation:ID  person:ID|name  account:HANDLE|name  place:NAME  entity:TYPE=VALUE
 *
 * and a bare term names an account or person through the one name resolver (resolve.ts), so
 * `clew tag add Tata suspect` tags Tata's account, or answers AMBIGUOUS_REF with the choices.
 * Every change is an event of the case's annotation log (store AnnotationPort): undo writes the
 * compensating event, so it survives a reload. Tags and notes are text: nothing renders them.
 */
import { normaliseNote, normaliseTag } from '../model/annotations.js';
import { ClewError } from '../model/errors.js';
import { resolvePlace } from '../text/extract/places.js';
import { indexTokens } from '../text/query/parse.js';
import type { AnnotatedType, Annotation, AnnotationEvent, AnnotationPort, IdentityPort, ItemKey } from '../store/types.js';
import { resolveSubject } from './resolve.js';

export type AnnotationStore = AnnotationPort & IdentityPort;

/** What the workspace writes as author until the team server knows who is signed in (issue 21). */
export const WORKSPACE_AUTHOR = 'analyst';
export const MAX_AUTHOR_CHARS = 100;
const MAX_REF_CHARS = 500;

/** The annotations in force on one item, as shown with it. */
export interface ItemAnnotations {
  tags: { name: string; key: string; by: string; at: number; eventId: number }[];
  notes: { id: string; text: string; by: string; at: number; eventId: number }[];
  star: { by: string; at: number; eventId: number } | null;
}

export interface AnnotationResult {
  item: ItemKey;
  /** The event written; null when the change changed nothing (the tag was there already, or not there to remove). */
  event: AnnotationEvent | null;
  annotations: ItemAnnotations;
}

const ID_PREFIXES: ReadonlySet<string> = new Set(['message', 'call', 'conversation']);

/** The text form of an item key (`message:123`, `entity:iban=…`), as the CLI prints it and the server takes it back. */
export function itemRef(item: ItemKey): string {
  return `${item.type}:${item.key}`;
}

/** The author of a change: trimmed, capped, never empty. */
export function authorOf(by: string | undefined): string {
  const a = (by ?? '').normalize('NFC').trim().slice(0, MAX_AUTHOR_CHARS);
  return a === '' ? WORKSPACE_AUTHOR : a;
}

/**
 * The item a reference names. Ids are checked by the store when it writes (NOT_FOUND); names
 * resolve here (NOT_FOUND for none, AMBIGUOUS_REF for several).
 */
export async function resolveItem(store: IdentityPort, ref: string): Promise<ItemKey> {
  if (typeof ref !== 'string' || ref.trim() === '') throw new ClewError('INVALID_ARGUMENT', 'name the item to annotate, e.g. message:123 or an account');
  if (ref.length > MAX_REF_CHARS) throw new ClewError('INVALID_ARGUMENT', `an item reference is at most ${MAX_REF_CHARS} characters`);
  const r = ref.trim();
  const colon = r.indexOf(':');
  const prefix = colon > 0 ? r.slice(0, colon).toLowerCase() : '';
  const rest = colon > 0 ? r.slice(colon + 1).trim() : '';
  if (ID_PREFIXES.has(prefix)) {
    if (!/^[0-9]{1,16}$/.test(rest)) throw new ClewError('INVALID_ARGUMENT', `${prefix}: takes a number, e.g. ${prefix}:123`);
    return { type: prefix as AnnotatedType, key: String(Number(rest)) };
  }
  if (prefix === 'place') {
    if (rest === '') throw new ClewError('INVALID_ARGUMENT', 'place: takes a place name, e.g. place:Antwerp');
    return { type: 'place', key: resolvePlace(rest)?.id ?? rest };
  }
  if (prefix === 'entity') {
    const eq = rest.indexOf('=');
    const type = eq > 0 ? rest.slice(0, eq).trim().toLowerCase() : '';
    if (!/^[a-z_]{2,32}$/.test(type) || eq === rest.length - 1) throw new ClewError('INVALID_ARGUMENT', 'entity: takes TYPE=VALUE, e.g. entity:iban=RS35260005601001611379');
    return { type: 'entity', key: `${type}=${rest.slice(eq + 1).trim()}` };
  }
  if (prefix === 'person' && /^#?[0-9]{1,16}$/.test(rest)) return { type: 'person', key: String(Number(rest.replace('#', ''))) };
  // an account or a person by name, handle or reference (account: says it is not a message or place prefix)
  const s = await resolveSubject(store, prefix === 'account' ? rest : r);
  return s.kind === 'person' ? { type: 'person', key: String(s.person.id) } : { type: 'account', key: String(s.account.id) };
}

/** The annotations of several items, by itemRef (items without any are left out). */
export function summarise(list: readonly Annotation[]): Map<string, ItemAnnotations> {
  const out = new Map<string, ItemAnnotations>();
  for (const a of list) {
    const k = itemRef(a.item);
    let s = out.get(k);
    if (!s) out.set(k, (s = { tags: [], notes: [], star: null }));
    if (a.kind === 'tag') s.tags.push({ name: a.value, key: a.key, by: a.by, at: a.at, eventId: a.eventId });
    else if (a.kind === 'note') s.notes.push({ id: a.key, text: a.value, by: a.by, at: a.at, eventId: a.eventId });
    else s.star = { by: a.by, at: a.at, eventId: a.eventId };
  }
  return out;
}

const EMPTY = (): ItemAnnotations => ({ tags: [], notes: [], star: null });

export async function annotationsOf(store: Pick<AnnotationPort, 'annotationsOf'>, items: readonly ItemKey[]): Promise<Map<string, ItemAnnotations>> {
  return items.length === 0 ? new Map() : summarise(await store.annotationsOf(items));
}

async function result(store: Pick<AnnotationPort, 'annotationsOf'>, item: ItemKey, event: AnnotationEvent | null): Promise<AnnotationResult> {
  return { item, event, annotations: (await annotationsOf(store, [item])).get(itemRef(item)) ?? EMPTY() };
}

export async function addTag(store: AnnotationStore, ref: string, tag: string, by?: string): Promise<AnnotationResult> {
  const t = normaliseTag(tag);
  const item = await resolveItem(store, ref);
  return result(store, item, await store.annotate({ item, kind: 'tag', action: 'add', key: t.key, value: t.name, by: authorOf(by) }));
}

export async function removeTag(store: AnnotationStore, ref: string, tag: string, by?: string): Promise<AnnotationResult> {
  const t = normaliseTag(tag);
  const item = await resolveItem(store, ref);
  return result(store, item, await store.annotate({ item, kind: 'tag', action: 'remove', key: t.key, value: '', by: authorOf(by) }));
}

export async function addNote(store: AnnotationStore, ref: string, text: string, by?: string): Promise<AnnotationResult> {
  const note = normaliseNote(text);
  const item = await resolveItem(store, ref);
  const words = indexTokens(note, 'folded').join(' ');
  return result(store, item, await store.annotate({ item, kind: 'note', action: 'add', key: '', value: note, words, by: authorOf(by) }));
}

export async function removeNote(store: AnnotationStore, ref: string, noteId: string, by?: string): Promise<AnnotationResult> {
  if (!/^[0-9]{1,16}$/.test(noteId)) throw new ClewError('INVALID_ARGUMENT', 'a note is named by its number');
  const item = await resolveItem(store, ref);
  return result(store, item, await store.annotate({ item, kind: 'note', action: 'remove', key: noteId, value: '', by: authorOf(by) }));
}

export async function setStar(store: AnnotationStore, ref: string, on: boolean, by?: string): Promise<AnnotationResult> {
  const item = await resolveItem(store, ref);
  return result(store, item, await store.annotate({ item, kind: 'star', action: on ? 'add' : 'remove', key: '', value: '', by: authorOf(by) }));
}

/** Undo one event of the log (its compensating event); undoing an undo redoes. */
export async function undoAnnotation(store: AnnotationPort, eventId: number, by?: string): Promise<AnnotationResult> {
  if (!Number.isSafeInteger(eventId) || eventId <= 0) throw new ClewError('INVALID_ARGUMENT', 'an annotation event is named by its number');
  const e = await store.undoAnnotation(eventId, authorOf(by));
  return result(store, e.item, e);
}

/** The annotations of one item (by reference). */
export async function itemAnnotations(store: AnnotationStore, ref: string): Promise<{ item: ItemKey; annotations: ItemAnnotations }> {
  const item = await resolveItem(store, ref);
  return { item, annotations: (await annotationsOf(store, [item])).get(itemRef(item)) ?? EMPTY() };
}

/** The log, newest first, of the case or of one item. */
export async function annotationHistory(store: AnnotationStore, opts: { ref?: string; limit?: number; before?: number } = {}): Promise<AnnotationEvent[]> {
  const item = opts.ref === undefined ? undefined : await resolveItem(store, opts.ref);
  const limit = Math.min(Math.max(1, opts.limit ?? 50), 1000);
  return store.annotationEvents({ limit, ...(opts.before !== undefined ? { before: opts.before } : {}), ...(item ? { item } : {}) });
}

/** The tags of the case with how many items carry each. */
export async function listTags(store: AnnotationPort): Promise<{ tag: string; name: string; items: number }[]> {
  return store.tags();
}

/** The items carrying a tag (any spelling of its name). */
export async function taggedItems(store: AnnotationPort, tag: string, type?: AnnotatedType): Promise<ItemKey[]> {
  return store.taggedItems(normaliseTag(tag).key, type);
}

/** The ids of the messages carrying a tag (clew export --tag): INVALID_ARGUMENT when none does. */
export async function taggedMessageIds(store: AnnotationPort, tag: string): Promise<number[]> {
  const t = normaliseTag(tag);
  const ids = (await store.taggedItems(t.key, 'message')).map((i) => Number(i.key));
  if (ids.length === 0) throw new ClewError('INVALID_ARGUMENT', `no message of this case is tagged "${t.name}" (clew tag list shows the tags)`, { tag: t.name });
  return ids;
}
