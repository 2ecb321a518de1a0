/**
 * The JSON contract of the HTTP API: what each endpoint returns. Types only, and importing only
 * types (some derived from the zod schemas of schemas.ts), so the web app (web/) can import this
 * file without pulling server code in.
 * The server assigns API results to these types, so the compiler keeps both sides in step.
 */
import type { z } from 'zod';
import type { languagesResponse } from './schemas.js';
import type { AccountView, CaseStats, EntityRow, MessageView, QuarantineRow, SearchQuery } from '../api/types.js';
import type { Mention } from '../model/entities.js';
import type { RefChoice } from '../model/errors.js';
import type { HttpErrorCode } from './errors.js';
import type { ItemAnnotations } from '../api/annotations.js';

export type { AccountView, CaseStats, EntityRow, Mention, MessageView, QuarantineRow, RefChoice, SearchQuery };
export type * from './wire/changes.js';
export type * from './wire/dossier.js';
export type * from './wire/identity.js';
export type * from './wire/jobs.js';
export type * from './wire/map.js';
export type * from './wire/network.js';
export type * from './wire/scope.js';
export type * from './wire/timeline.js';
export type * from './wire/watch.js';
export type * from './wire/annotations.js';
export type * from './wire/translate.js';
export type * from './wire/report.js';
export type * from './wire/session.js';

export interface WireError {
  /** `choices`: AMBIGUOUS_REF (409), the accounts or persons the name could mean. */
  error: { code: HttpErrorCode; message: string; details?: Record<string, unknown>; choices?: RefChoice[] };
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
  /** The conversation's title (from the source: render as text). */
  conversationTitle: string | null;
  snippet: WireSnippet;
  /** The lexicon code words the hit holds whose meaning the query asked for (render as text). */
  via?: { codeword: string; means: string }[];
  /** The analysts' tags, notes and star on the message (render as text); absent when it has none. */
  annotations?: ItemAnnotations;
  /** translated=1: the words matched the message's stored machine translation, not its original. */
  viaTranslation?: true;
  /** translated=1: the message's newest stored English machine translation, highlighted, with its label (render as text). */
  translation?: { snippet: WireSnippet; label: string; pair: string; version: string; at: number };
  /** The text recognised in the message's images (clew ocr), highlighted, with the image's attachment id and file name (render as text). */
  images?: { attachmentId: number; filename: string; snippet: WireSnippet; confidence: number | null }[];
}

/** GET /api/languages: the case's languages, most messages first (null: none detected), for the language filter. */
export type LanguagesResponse = z.output<typeof languagesResponse>;

/** GET /api/search?q=&mode=folded|exact&limit=&cursor=&count=CAP&translated=0|1 */
export interface SearchResponse {
  query: SearchQuery;
  hits: WireHit[];
  nextCursor: number | null;
  notes: string[];
  /** With count=CAP on the first page (folded mode): the matches counted up to CAP. */
  total?: { count: number; capped: boolean };
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
  /** The conversation's real title, else its members' best names ("Tata, Kum, Ljuba +3"); null for a direct exchange. */
  title: string | null;
  /** The members seen on the page, most active first, each with its best name (`label`). */
  members: AccountView[];
}

/** GET /api/quarantine?limit=N */
export interface QuarantineResponse {
  rows: QuarantineRow[];
}

/** GET /api/entities?type=&limit=N&offset=N : entities found in message bodies, most mentioned first (stable order: page with offset). */
export interface EntitiesResponse {
  /** The type asked for; null for all types. */
  type: string | null;
  /** Every entity type there is, for the type selector. */
  types: string[];
  rows: EntityRow[];
}

export interface WireContact {
  /** Account reference. */
  key: string;
  /** Display name or handle: from the seized phone, render as text. */
  label: string;
  /** Messages and calls between the two, both directions. */
  messages: number;
}

export interface WireMeasure {
  /** The raw value of the measure. */
  value: number;
  /** Normalised rank, 0 (lowest) .. 1 (highest). */
  rank: number;
  /** Weighted share of the score: sum over the measures = score. */
  contribution: number;
}

export interface WireKeyPlayer {
  position: number;
  /** Account reference, or `person:<id>` for a person at person level. */
  key: string;
  /** Display name, handle or the person's name (from seized phones or the analyst: render as text). */
  label: string;
  account: AccountView | null;
  /** Person level: the person's accounts (absent for an account). */
  members?: AccountView[];
  /** Composite score, 0..1. */
  score: number;
  measures: Record<string, WireMeasure>;
  contacts: WireContact[];
}

/**
 * GET /api/keyplayers?top=N&level=account|person : the composite key-player ranking (PageRank,
 * betweenness, degree, eigenvector), per account (default) or per person (merged accounts are one node).
 */
export interface KeyPlayersResponse {
  level: 'account' | 'person';
  nodes: number;
  edges: number;
  /** The weight of each measure in the score. */
  weights: Record<string, number>;
  /** Set when betweenness was estimated from samples (big networks). */
  betweenness: { sampled: boolean; samples: number; errorBound: number; confidence: number } | null;
  rows: WireKeyPlayer[];
}
