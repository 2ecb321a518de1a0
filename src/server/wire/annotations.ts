// Wire types of the annotation endpoints (see ../wire.ts). Tags and notes are the analysts' own
// text but may quote seized content: render them as text only.
import type { AnnotationResult, ItemAnnotations } from '../../api/annotations.js';
import type { AnnotationEvent, ItemKey } from '../../api/types.js';

export type { AnnotationEvent as WireAnnotationEvent, ItemAnnotations as WireItemAnnotations, ItemKey as WireItemKey };

/** POST /api/annotations and POST /api/annotations/undo : the event written (null: nothing changed) and the item's annotations now. */
export type AnnotationChangeResponse = AnnotationResult;

/** GET /api/annotations?items=message:1,message:2 : the annotations of each item that has any, by item reference. */
export interface AnnotationsResponse {
  items: Record<string, ItemAnnotations>;
}

/** GET /api/annotations/history?item=&limit= : the log, newest first. */
export interface AnnotationHistoryResponse {
  events: AnnotationEvent[];
}

/** GET /api/annotations/tags : the case's tags with how many items carry each. */
export interface AnnotationTagsResponse {
  tags: { tag: string; name: string; items: number }[];
}
