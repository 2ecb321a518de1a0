/**
 * Annotation routes (issue 20): tags, notes and stars on messages, accounts, persons and the other
 * items of the case, their log, and undo. The server's case handle is read-only: a change goes
 * through a short-lived writable one (as identity decisions and watchlists do). The author is
 * "analyst" until the team server knows who is signed in (issue 21).
 */
import { z } from 'zod';
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
import { ClewError } from '../../model/errors.js';
import { MAX_NOTE_CHARS, MAX_TAG_CHARS } from '../../model/annotations.js';
import type { Route } from '../route.js';
import { caseLocatorOf } from './jobs.js';
import { parseInput, queryObject, wholeNumber } from '../validate.js';
import type { AnnotationChangeResponse, AnnotationHistoryResponse, AnnotationsResponse, AnnotationTagsResponse } from '../wire/annotations.js';

const MAX_REF = 500;
/** Items one GET /api/annotations asks for (a page of search hits or of a thread). */
export const MAX_ITEMS = 500;

const ref = z.string().trim().min(1, { message: 'is empty' }).max(MAX_REF, { message: `is longer than ${MAX_REF} characters` });
// the length checks with their clear messages are the API's (model/annotations.ts); these only bound the input
const tag = z.string().max(MAX_TAG_CHARS * 4, { message: `is longer than ${MAX_TAG_CHARS} characters` });
const changeBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(['tag', 'untag']), item: ref, tag }),
  z.strictObject({ action: z.literal('note'), item: ref, text: z.string() }),
  z.strictObject({ action: z.literal('unnote'), item: ref, note: z.string().regex(/^[0-9]{1,16}$/, { message: 'is not a note number' }) }),
  z.strictObject({ action: z.enum(['star', 'unstar']), item: ref }),
]);
const undoBody = z.strictObject({ event: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const itemsQuery = z.strictObject({ items: z.string().max(MAX_ITEMS * 40, { message: 'is too long' }) });
const historyQuery = z.strictObject({ item: ref.optional(), limit: wholeNumber(1, 1000).optional(), before: wholeNumber(1).optional() });

export const ANNOTATION_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/annotations$/,
    async handle({ store, query }): Promise<AnnotationsResponse> {
      const q = parseInput(itemsQuery, queryObject(query));
      const refs = q.items.split(',').map((s) => s.trim()).filter(Boolean);
      if (refs.length > MAX_ITEMS) throw new ClewError('INVALID_ARGUMENT', `at most ${MAX_ITEMS} items at once`, { parameter: 'items' });
      // items by their typed reference only (account:REF for an account): never a bare name
      const items = [];
      for (const r of refs) {
        if (!/^(message|call|conversation|person|place|entity|account):./.test(r)) throw new ClewError('INVALID_ARGUMENT', `"${r.slice(0, 60)}" is not an item reference like message:123`, { parameter: 'items' });
        items.push(await resolveItem(store, r));
      }
      return { items: Object.fromEntries(await annotationsOf(store, items)) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/annotations$/,
    async handle({ store, body }): Promise<AnnotationChangeResponse> {
      const b = parseInput(changeBody, body);
      if (b.action === 'note' && b.text.length > MAX_NOTE_CHARS * 2) throw new ClewError('TOO_LARGE', `a note is at most ${MAX_NOTE_CHARS} characters`, { limit: MAX_NOTE_CHARS });
      return withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => {
        switch (b.action) {
          case 'tag':
            return addTag(w, b.item, b.tag, WORKSPACE_AUTHOR);
          case 'untag':
            return removeTag(w, b.item, b.tag, WORKSPACE_AUTHOR);
          case 'note':
            return addNote(w, b.item, b.text, WORKSPACE_AUTHOR);
          case 'unnote':
            return removeNote(w, b.item, b.note, WORKSPACE_AUTHOR);
          case 'star':
          case 'unstar':
            return setStar(w, b.item, b.action === 'star', WORKSPACE_AUTHOR);
        }
      });
    },
  },
  {
    method: 'POST',
    pattern: /^\/annotations\/undo$/,
    async handle({ store, body }): Promise<AnnotationChangeResponse> {
      const b = parseInput(undoBody, body);
      return withCase(caseLocatorOf(store), { threadedWriter: false }, (w) => undoAnnotation(w, b.event, WORKSPACE_AUTHOR));
    },
  },
  {
    method: 'GET',
    pattern: /^\/annotations\/history$/,
    async handle({ store, query }): Promise<AnnotationHistoryResponse> {
      const q = parseInput(historyQuery, queryObject(query));
      return { events: await annotationHistory(store, { ...(q.item ? { ref: q.item } : {}), limit: q.limit ?? 50, ...(q.before ? { before: q.before } : {}) }) };
    },
  },
  {
    method: 'GET',
    pattern: /^\/annotations\/tags$/,
    async handle({ store }): Promise<AnnotationTagsResponse> {
      return { tags: await listTags(store) };
    },
  },
];
