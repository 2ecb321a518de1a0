/**
 * The JSON contract of the HTTP API: what each endpoint returns. Types only, and importing only
 * type modules, so the web app (web/) can import this file without pulling server code in.
 * The server assigns API results to these types, so the compiler keeps both sides in step.
 */
import type { AccountView, CaseStats, MessageView, QuarantineRow, SearchQuery } from '../api/types.js';
import type { Mention } from '../model/entities.js';
import type { HttpErrorCode } from './errors.js';

export type { AccountView, CaseStats, Mention, MessageView, QuarantineRow, SearchQuery };

export interface WireError {
  error: { code: HttpErrorCode; message: string; details?: Record<string, unknown> };
}

export interface WireSource {
  id: number;
  name: string;
  path: string;
  sha256: string;
  format: string;
  status: 'partial' | 'complete';
  records: number;
  rejected: number;
  duplicates: number;
}

/** GET /api/stats */
export interface StatsResponse {
  case: { path: string; name: string };
  stats: CaseStats;
  sources: WireSource[];
}

export interface WireSnippet {
  /** Plain text, never markup. */
  text: string;
  /** [start, end) UTF-16 offsets into `text` to highlight. */
  highlights: [number, number][];
  clippedStart: boolean;
  clippedEnd: boolean;
}

export interface WireHit {
  id: number;
  ts: number;
  sender: AccountView;
  conversationId: number | null;
  snippet: WireSnippet;
}

/** GET /api/search?q=&mode=folded|exact&limit=&cursor= */
export interface SearchResponse {
  query: SearchQuery;
  hits: WireHit[];
  nextCursor: number | null;
  notes: string[];
  elapsedMs: number;
}

export interface WireRaw {
  text: string | null;
  unavailable: string | null;
}

/** GET /api/messages/:id?context=N */
export interface MessageResponse {
  message: MessageView;
  /** Entities found in the message body: [start, end) UTF-16 offsets into `message.body`. */
  mentions: Mention[];
  thread: MessageView[];
  raw: WireRaw;
}

/** GET /api/messages/:id/thread?before=N&after=N : the messages around one, oldest first. */
export interface ThreadResponse {
  messages: MessageView[];
  /** Whether the page stopped because the limit was reached on that side (there may be more). */
  moreBefore: boolean;
  moreAfter: boolean;
}

/** GET /api/quarantine?limit=N */
export interface QuarantineResponse {
  rows: QuarantineRow[];
}
