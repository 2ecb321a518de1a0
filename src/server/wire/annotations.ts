// Wire types of the annotation endpoints, derived from the contract (contract/views.ts). Tags and
// notes are the analysts' own text but may quote seized content: render them as text only.
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { annotationEvent, itemAnnotations, itemKey } from '../contract/common.js';
import type { annotationsChange, annotationsHistory, annotationsLookup, annotationsTags } from '../contract/views.js';

export type WireAnnotationEvent = z.output<typeof annotationEvent>;
export type WireItemAnnotations = z.output<typeof itemAnnotations>;
export type WireItemKey = z.output<typeof itemKey>;
/** POST /api/annotations and POST /api/annotations/undo : the event written (null: nothing changed) and the item's annotations now. */
export type AnnotationChangeResponse = ResponseOf<typeof annotationsChange>;
/** POST /api/annotations/lookup and GET /api/annotations : the annotations of each item that has any, by item reference. */
export type AnnotationsResponse = ResponseOf<typeof annotationsLookup>;
export type AnnotationHistoryResponse = ResponseOf<typeof annotationsHistory>;
export type AnnotationTagsResponse = ResponseOf<typeof annotationsTags>;
