/**
 * Annotation routes (issue 20): tags, notes and stars on messages, accounts, persons and the other
 * items of the case, their log, and undo. The server's case handle is read-only: a change goes
 * through a short-lived writable one (as identity decisions and watchlists do). The author is the
 * signed-in user on a team server (`clew server --db`), "analyst" on `clew serve` (one analyst).
 */
import {
  addNote,
  addTag,
  annotationHistory,
  annotationsOf,
  listTags,
  removeNote,
  removeTag,
  resolveItem,
  setStar,
  undoAnnotation,
  WORKSPACE_AUTHOR,
} from '../../api/annotations.js';
import { withCase } from '../../api/case.js';
import type { CaseStore } from '../../api/types.js';
import { ClewError } from '../../model/errors.js';
import { MAX_NOTE_CHARS } from '../../model/annotations.js';
import * as api from '../contract/views.js';
import { MAX_ITEMS } from '../contract/views.js';
import { defineRoute, type Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';
import type { AnnotationsResponse } from '../wire/annotations.js';

/** Items one GET /api/annotations asks for (a page of search hits or of a thread). */
export { MAX_ITEMS };

/** The annotations of the items named by typed references (account:REF for an account): never a bare name. */
async function lookup(store: CaseStore, refs: readonly string[], parameter: string): Promise<AnnotationsResponse> {
  if (refs.length > MAX_ITEMS) throw new ClewError('INVALID_ARGUMENT', `at most ${MAX_ITEMS} items at once`, { parameter });
  const items = [];
  for (const r of refs) {
    if (!/^(message|call|conversation|person|place|entity|account):./.test(r)) throw new ClewError('INVALID_ARGUMENT', `"${r.slice(0, 60)}" is not an item reference like message:123`, { parameter });
    items.push(await resolveItem(store, r));
  }
  return { items: Object.fromEntries(await annotationsOf(store, items)) };
}
export const ANNOTATION_ROUTES: Route[] = [
  // a comma-separated list: for references without a comma (ids, handles); an entity's or a
  // place's value may hold one, so the workspace asks through POST /annotations/lookup
  defineRoute(api.annotationsGet, ({ store, query: q }) =>
    lookup(
      store,
      q.items
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      'items',
    ),
  ),
  // a read, sent as POST so that any reference (an entity value with commas, 500 long values) passes
  // whole in a JSON list; like every POST it needs the workspace's Origin and token
  defineRoute(api.annotationsLookup, ({ store, body }) => lookup(store, body.items, 'items')),
  defineRoute(api.annotationsChange, async ({ store, user, body: b }) => {
    const by = user?.name ?? WORKSPACE_AUTHOR;
    if (b.action === 'note' && b.text.length > MAX_NOTE_CHARS * 2) throw new ClewError('TOO_LARGE', `a note is at most ${MAX_NOTE_CHARS} characters`, { limit: MAX_NOTE_CHARS });
    return withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => {
      switch (b.action) {
        case 'tag':
          return addTag(w, b.item, b.tag, by);
        case 'untag':
          return removeTag(w, b.item, b.tag, by);
        case 'note':
          return addNote(w, b.item, b.text, by);
        case 'unnote':
          return removeNote(w, b.item, b.note, by);
        case 'star':
        case 'unstar':
          return setStar(w, b.item, b.action === 'star', by);
      }
    });
  }),
  defineRoute(api.annotationsUndo, ({ store, user, body: b }) => withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => undoAnnotation(w, b.event, user?.name ?? WORKSPACE_AUTHOR))),
  defineRoute(api.annotationsHistory, async ({ store, query: q }) => ({
    events: await annotationHistory(store, { ...(q.item ? { ref: q.item } : {}), limit: q.limit ?? 50, ...(q.before ? { before: q.before } : {}) }),
  })),
  defineRoute(api.annotationsTags, async ({ store }) => ({ tags: await listTags(store) })),
];
