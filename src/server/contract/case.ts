/** The case's own endpoints: its figures, search, messages and threads, quarantine, entities, key players, generation. */
import { z } from 'zod';
import { ENTITY_TYPES } from '../../api/entities.js';
import { NETWORK_LEVELS } from '../../api/network.js';
import type { SearchQuery, TextNode } from '../../api/types.js';
import { CHANNELS } from '../../model/records.js';
import type { EntityType } from '../../model/entities.js';
import { MAX_KEY_PLAYERS } from '../keyplayers.js';
import { endpoint } from '../endpoint.js';
import { wholeNumber } from '../validate.js';
import { accountView, betweennessInfo, count, int, itemAnnotations, jobResponse, locator, messageView } from './common.js';

export const MAX_QUERY_CHARS = 2000;

export const wireSource = z.strictObject({
  id: int,
  name: z.string(),
  path: z.string(),
  sha256: z.string(),
  format: z.string(),
  status: z.enum(['partial', 'complete']),
  records: count,
  rejected: count,
  duplicates: count,
});

/** An account with its messages and calls both ways, and how many it talked with. */
export const topTalker = z.strictObject({ account: accountView, sent: count, received: count, contacts: count });

export const caseStats = z.strictObject({
  sources: z.strictObject({ total: count, complete: count, partial: count }),
  messages: count,
  duplicates: count,
  calls: count,
  accounts: count,
  conversations: count,
  attachments: count,
  events: count,
  locations: count,
  edges: count,
  firstTs: int.nullable(),
  lastTs: int.nullable(),
  topTalkers: z.array(topTalker),
  quarantine: z.array(z.strictObject({ code: z.string(), count })),
});

export const stats = endpoint({
  method: 'GET',
  path: '/stats',
  summary: "The case's figures, its top talkers and its sources",
  query: z.strictObject({ top: wholeNumber(0, 100).optional() }),
  response: z.strictObject({ case: z.strictObject({ path: z.string(), name: z.string() }), stats: caseStats, sources: z.array(wireSource) }),
});

export const wireSnippet = z.strictObject({
  /** Plain text, never markup. */
  text: z.string(),
  /** [start, end) UTF-16 offsets into `text` to highlight. */
  highlights: z.array(z.tuple([int, int])),
  clippedStart: z.boolean(),
  clippedEnd: z.boolean(),
});

export const wireHit = z.strictObject({
  id: int,
  ts: int,
  sender: accountView,
  conversationId: int.nullable(),
  conversationTitle: z.string().nullable(),
  snippet: wireSnippet,
  /** The lexicon code words the hit holds whose meaning the query asked for (render as text). */
  via: z.array(z.strictObject({ codeword: z.string(), means: z.string() })).optional(),
  /** The analysts' tags, notes and star on the message; absent when it has none. */
  annotations: itemAnnotations.optional(),
  /** translated=1: the words matched the message's stored machine translation, not its original. */
  viaTranslation: z.literal(true).optional(),
  /** translated=1: the message's newest stored English machine translation, highlighted, with its label (render as text). */
  translation: z.strictObject({ snippet: wireSnippet, label: z.string(), pair: z.string(), version: z.string(), at: int }).optional(),
  /** The text recognised in the message's images (clew ocr), highlighted, with the image's attachment id and file name (render as text). */
  images: z.array(z.strictObject({ attachmentId: int, filename: z.string(), snippet: wireSnippet, confidence: z.number().nullable() })).optional(),
});

/** The text part of a parsed query (src/text/query/ast.ts): terms and phrases, as typed and as folded tokens, joined by and, or, not. */
const textNode: z.ZodType<TextNode> = z
  .lazy(() =>
    z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('term'),
        raw: z.string(),
        tokens: z.array(z.string()),
        prefix: z.boolean(),
        /** Other index tokens that match the word too (its stems, its spellings in another script). */
        alternatives: z.array(z.string()).optional(),
        /** The lexicon code words whose meaning the word is. */
        codewords: z.array(z.string()).optional(),
      }),
      z.strictObject({ kind: z.literal('phrase'), raw: z.string(), tokens: z.array(z.string()), stemPhrases: z.array(z.array(z.string())).optional() }),
      z.strictObject({ kind: z.literal('and'), children: z.array(textNode) }),
      z.strictObject({ kind: z.literal('or'), children: z.array(textNode) }),
      z.strictObject({ kind: z.literal('not'), child: textNode }),
    ]),
  )
  .meta({ id: 'TextNode' });

/** A query as the search parsed it (src/text/query/ast.ts SearchQuery): what it looked for. */
export const searchQuery = z.strictObject({
  text: textNode.nullable(),
  from: z.array(z.string()),
  to: z.array(z.string()),
  persons: z.array(z.string()).optional(),
  after: int.optional(),
  before: int.optional(),
  channels: z.array(z.enum(CHANNELS)),
  langs: z.array(z.string()),
  entities: z.array(z.strictObject({ type: z.string(), value: z.string().optional(), codewords: z.array(z.string()).optional() })),
  mode: z.enum(['folded', 'exact']),
  tags: z.array(z.string()).optional(),
  noteWords: z.array(z.string()).optional(),
  ocrWords: z.array(z.string()).optional(),
  stemLangs: z.array(z.string()).optional(),
  translated: z.boolean().optional(),
}) satisfies z.ZodType<SearchQuery>;

export const search = endpoint({
  method: 'GET',
  path: '/search',
  summary: 'Full-text search over the messages (query language: docs), newest first, paged by cursor',
  query: z.strictObject({
    q: z.string().trim().min(1, { message: 'is empty: type something to search for' }).max(MAX_QUERY_CHARS, { message: `is longer than ${MAX_QUERY_CHARS} characters` }),
    mode: z.enum(['folded', 'exact']).optional(),
    limit: wholeNumber(1, 200).optional(),
    cursor: wholeNumber(1).optional(),
    /** Count the matches up to this many (first page). */
    count: wholeNumber(1, 10_000).optional(),
    /** 1: also search the messages' stored machine translations (folded mode); each hit then carries its translation. */
    translated: z.enum(['0', '1']).optional(),
  }),
  response: z.strictObject({
    query: searchQuery,
    hits: z.array(wireHit),
    nextCursor: int.nullable(),
    notes: z.array(z.string()),
    /** With count=CAP on the first page (folded mode): the matches counted up to CAP. */
    total: z.strictObject({ count, capped: z.boolean() }).optional(),
    elapsedMs: z.number(),
  }),
});

export const languages = endpoint({
  method: 'GET',
  path: '/languages',
  summary: "The case's languages, most messages first (null: none detected), for the language filter",
  response: z.strictObject({ languages: z.array(z.strictObject({ lang: z.string().nullable(), messages: count })) }),
});

/** A record id in a path. */
const messageParams = z.strictObject({ id: wholeNumber(1) });

const MENTION_TYPES = [
  'phone',
  'email',
  'iban',
  'bic',
  'crypto',
  'coordinate',
  'container',
  'imo',
  'vessel',
  'money',
  'drug_quantity',
  'drug',
  'weapon',
  'explosive',
  'watch',
  'vehicle',
  'place',
  'country',
  'codeword',
] as const satisfies readonly EntityType[];
// every entity type is listed (a new one fails to compile here)
const allMentionTypes: Exclude<EntityType, (typeof MENTION_TYPES)[number]> extends never ? true : false = true;
void allMentionTypes;

export const mention = z.strictObject({
  type: z.enum(MENTION_TYPES),
  start: int,
  end: int,
  raw: z.string(),
  value: z.string(),
  confidence: z.number(),
  attrs: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const message = endpoint({
  method: 'GET',
  path: '/messages/:id',
  summary: 'One message with its entities, the messages around it and its raw source record',
  params: messageParams,
  query: z.strictObject({ context: wholeNumber(0, 100).optional() }),
  response: z.strictObject({
    message: messageView,
    /** Entities found in the message body: [start, end) UTF-16 offsets into `message.body`. */
    mentions: z.array(mention),
    thread: z.array(messageView),
    raw: z.strictObject({ text: z.string().nullable(), unavailable: z.string().nullable() }),
  }),
});

export const thread = endpoint({
  method: 'GET',
  path: '/messages/:id/thread',
  summary: 'The messages around one, oldest first',
  params: messageParams,
  query: z.strictObject({ before: wholeNumber(0, 200).optional(), after: wholeNumber(0, 200).optional() }),
  response: z.strictObject({
    messages: z.array(messageView),
    /** Whether the page stopped because the limit was reached on that side. */
    moreBefore: z.boolean(),
    moreAfter: z.boolean(),
    /** The conversation's real title, else its members' best names; null for a direct exchange. */
    title: z.string().nullable(),
    /** The members seen on the page, most active first. */
    members: z.array(accountView),
  }),
});

export const quarantineRow = z.strictObject({ sourcePath: z.string(), locator, code: z.string(), message: z.string(), excerpt: z.string().nullable() });

export const quarantine = endpoint({
  method: 'GET',
  path: '/quarantine',
  summary: 'Records set aside at ingest, with why',
  query: z.strictObject({ limit: wholeNumber(1, 1000).optional() }),
  response: z.strictObject({ rows: z.array(quarantineRow) }),
});

export const entityRow = z.strictObject({
  type: z.string(),
  value: z.string(),
  raw: z.array(z.string()),
  mentions: count,
  messages: count,
  first: int,
  last: int,
  accounts: z.array(z.strictObject({ account: accountView, mentions: count })),
});

export const entities = endpoint({
  method: 'GET',
  path: '/entities',
  summary: 'Entities found in message bodies, most mentioned first (stable order: page with offset)',
  query: z.strictObject({ type: z.enum(ENTITY_TYPES).optional(), limit: wholeNumber(1, 1000).optional(), offset: wholeNumber(0, 1_000_000).optional() }),
  response: z.strictObject({
    /** The type asked for; null for all types. */
    type: z.string().nullable(),
    /** Every entity type there is, for the type selector. */
    types: z.array(z.string()),
    rows: z.array(entityRow),
  }),
});

export const wireMeasure = z.strictObject({ value: z.number(), rank: z.number(), contribution: z.number() });
export const wireContact = z.strictObject({ key: z.string(), label: z.string(), messages: count });

export const keyPlayers = endpoint({
  method: 'GET',
  path: '/keyplayers',
  summary: 'The composite key-player ranking (PageRank, betweenness, degree, eigenvector), per account or per person',
  query: z.strictObject({ top: wholeNumber(1, MAX_KEY_PLAYERS).optional(), level: z.enum(NETWORK_LEVELS).optional() }),
  job: true,
  response: z.strictObject({
    level: z.enum(NETWORK_LEVELS),
    nodes: count,
    edges: count,
    /** The weight of each measure in the score. */
    weights: z.record(z.string(), z.number()),
    /** Set when betweenness was estimated from samples (big networks). */
    betweenness: betweennessInfo.nullable(),
    rows: z.array(
      z.strictObject({
        position: int,
        /** Account reference, or `person:<id>` at person level. */
        key: z.string(),
        label: z.string(),
        account: accountView.nullable(),
        /** Person level: the person's accounts. */
        members: z.array(accountView).optional(),
        /** Composite score, 0..1. */
        score: z.number(),
        measures: z.record(z.string(), wireMeasure),
        contacts: z.array(wireContact),
      }),
    ),
  }),
});

export const generation = endpoint({
  method: 'GET',
  path: '/generation',
  summary: "The case's generation: grows each time the server sees the case change (then what a view shows is stale)",
  query: z.strictObject({}),
  response: z.strictObject({ generation: count }),
});

export { jobResponse };
