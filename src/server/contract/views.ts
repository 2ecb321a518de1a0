/**
 * The endpoints of the map, dossier, identity, watchlist, annotation, translation and jobs views.
 * Names, handles, titles, tags, notes and selectors come from seized phones or other cases:
 * render them as text only.
 */
import { z } from 'zod';
import { MAX_REF_CHARS } from '../../api/dossier.js';
import { MAX_SUGGESTIONS } from '../../api/identity.js';
import { GEO_KINDS, type GeoKind, MAX_EVIDENCE, MAX_POINTS, MAX_ROUTES } from '../../api/places.js';
import { MAX_SAVED_NAME, MAX_SAVED_QUERY } from '../../api/saved-search.js';
import { MAX_TRANSLATE_MESSAGES } from '../../api/translate.js';
import { MAX_WATCHLIST_NAME } from '../../api/watch.js';
import { MAX_TAG_CHARS } from '../../model/annotations.js';
import { endpoint } from '../endpoint.js';
import { wholeNumber } from '../validate.js';
import { accountView, annotationEvent, count, int, itemAnnotations, itemKey, jobResponse, locator, wireJob } from './common.js';
import { topTalker, wireHit } from './case.js';
import { discoveryHit } from './discovery.js';

// ---------------------------------------------------------------- map

/** An instant: a date (midnight UTC) or an ISO 8601 date-time with a zone; becomes UTC ms. */
const instant = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,3})?)?(?:Z|[+-][0-9]{2}:[0-9]{2}))?$/, {
    message: 'must be a date (2021-03-01) or an ISO date-time with a zone (2021-03-01T10:00Z)',
  })
  .transform((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s))
  .pipe(z.number({ message: 'is not a real date' }).int().min(0, { message: 'must be after 1970' }).max(4_102_444_800_000, { message: 'must be before 2100' }));

const kinds = z
  .string()
  .max(200)
  .transform((s) => s.split(',').filter((k) => k !== ''))
  .pipe(z.array(z.enum(GEO_KINDS as [GeoKind, ...GeoKind[]], { message: `must list kinds among ${GEO_KINDS.join(', ')}` })).min(1, { message: 'lists no kind' }));

const mapFilter = { account: z.string().min(1).max(300).optional(), after: instant.optional(), before: instant.optional() };
const mapFilterEcho = { account: z.string().nullable(), after: int.nullable(), before: int.nullable() };
const geoKind = z.enum(GEO_KINDS as [GeoKind, ...GeoKind[]]);

/** A place on the map (src/store/types.ts GeoPointRow): a gazetteer place or coordinate in message text, or a location record. */
export const geoPoint = z.strictObject({
  /** `place:<gazetteer id>`, `coordinate:<lat,lon>` or `<location kind>:<lat,lon>[:label]`. */
  key: z.string(),
  kind: geoKind,
  label: z.string(),
  lat: z.number(),
  lon: z.number(),
  /** Mentions in text, or location records. */
  count,
  /** Distinct messages behind the count. */
  messages: count,
  first: int.nullable(),
  last: int.nullable(),
  /** The newest records behind the count: a message, or a location record by its source locator. */
  evidence: z.array(z.strictObject({ messageId: int.nullable(), ts: int.nullable(), account: accountView.nullable(), sourceId: int, locator })),
});

/** A route the messages state shipments take (src/api/places.ts PlaceRoute). */
export const placeRoute = z.strictObject({
  /** The stops' place ids joined by ">". */
  key: z.string(),
  stops: z.array(z.strictObject({ placeId: z.string(), name: z.string(), lat: z.number(), lon: z.number() })),
  /** Messages stating it, and the distinct threads they are in. */
  messages: count,
  threads: count,
  first: int,
  last: int,
  /** Vessels, containers and quantities its messages name. */
  cues: z.array(z.string()),
  /** A statement named more places than a route holds and was cut. */
  cut: z.boolean(),
  /** The messages stating it, newest first. */
  evidence: z.array(z.strictObject({ messageId: int, ts: int, thread: z.string(), cues: z.array(z.string()) })),
});

export const places = endpoint({
  method: 'GET',
  path: '/places',
  summary: 'Places the case mentions or records, most counted first, each with the newest records behind its count (kind=a,b: comma-separated)',
  query: z.strictObject({
    ...mapFilter,
    kind: kinds.optional(),
    key: z.string().min(3).max(300).optional(),
    limit: wholeNumber(1, MAX_POINTS).optional(),
    evidence: wholeNumber(0, MAX_EVIDENCE).optional(),
  }),
  response: z.strictObject({
    filter: z.strictObject({ ...mapFilterEcho, kinds: z.array(geoKind) }),
    points: z.array(geoPoint),
    truncated: z.boolean(),
  }),
});

export const routes = endpoint({
  method: 'GET',
  path: '/routes',
  summary: 'Where the messages say shipments go, most stated first (docs/map.md)',
  query: z.strictObject({ ...mapFilter, minEvidence: wholeNumber(1, 1000).optional(), minStops: wholeNumber(2, 20).optional(), limit: wholeNumber(1, MAX_ROUTES).optional() }),
  response: z.strictObject({
    filter: z.strictObject(mapFilterEcho),
    /** Routes stated by fewer messages than this are left out. */
    minEvidence: count,
    /** Messages that state a route. */
    statements: count,
    /** Routes left out by minEvidence. */
    belowThreshold: count,
    routes: z.array(placeRoute),
    truncated: z.boolean(),
  }),
});

// ---------------------------------------------------------------- dossier

const nullableInt = int.nullable();

/** Everything the case holds about an account or a person (src/api/dossier.ts DossierResult). */
export const dossierResult = z.strictObject({
  /** `label` the best name; `matched` how the term named the subject. */
  subject: z.strictObject({ kind: z.enum(['account', 'person']), ref: z.string(), label: z.string(), matched: z.array(z.string()) }),
  /** A person's dossier: each of its accounts with its own activity. */
  handles: z.array(z.strictObject({ account: accountView, first: nullableInt, last: nullableInt, sent: count, received: count })).optional(),
  /** The search filter that selects the subject's messages. */
  from: z.string(),
  elapsedMs: z.number(),
  accounts: z.array(accountView),
  /** Names other phones saved for the accounts, most owners first. */
  savedAs: z.array(z.strictObject({ name: z.string(), owners: count, by: z.array(accountView) })),
  /** Device identifiers seen for the accounts, one row per identifier (`value` normalised, `spellings` as written). */
  devices: z.array(z.strictObject({ account: accountView, accounts: z.array(accountView), key: z.string(), value: z.string(), sources: count, spellings: z.array(z.string()) })),
  activity: z.strictObject({
    sent: count,
    received: count,
    callsMade: count,
    callsReceived: count,
    channels: z.array(z.strictObject({ channel: z.string(), sent: count, received: count })),
    first: nullableInt,
    last: nullableInt,
  }),
  contacts: z.array(z.strictObject({ account: accountView, sent: count, received: count, calls: count, total: count, first: int, last: int })),
  contactsTotal: count,
  /** `lastMessage`: the newest message the accounts sent there, null when they only are members. */
  conversations: z.array(
    z.strictObject({ id: int, ref: z.string(), title: z.string().nullable(), members: count, sent: count, first: nullableInt, last: nullableInt, lastMessage: nullableInt }),
  ),
  conversationsTotal: count,
  /** Entities in the messages the accounts sent, per type, most mentioned first. */
  entities: z.array(z.strictObject({ type: z.string(), total: count, rows: z.array(z.strictObject({ value: z.string(), mentions: count, messages: count, first: int, last: int })) })),
  /** Recorded positions (cell, GPS, EXIF) attributed to the accounts. */
  places: z.array(z.strictObject({ kind: z.string(), label: z.string().nullable(), lat: z.number(), lon: z.number(), count, first: nullableInt, last: nullableInt })),
});

export const dossierIndex = endpoint({
  method: 'GET',
  path: '/dossier',
  summary: 'Accounts named by a term (reference, handle or name), and the most active accounts',
  query: z.strictObject({ q: z.string().max(MAX_REF_CHARS, { message: `is longer than ${MAX_REF_CHARS} characters` }).optional(), top: wholeNumber(1, 100).optional() }),
  response: z.strictObject({
    /** Accounts the term names (reference, handle or display name). */
    matches: z.array(accountView),
    /** The most active accounts. */
    top: z.array(topTalker),
  }),
});

export const dossier = endpoint({
  method: 'GET',
  path: '/dossier/:ref*',
  summary: 'Everything the case holds about one account, or person:<id> (the reference URL-encoded; it may hold a slash)',
  params: z.strictObject({ ref: z.string().trim().min(1, { message: 'is empty' }).max(MAX_REF_CHARS, { message: `is longer than ${MAX_REF_CHARS} characters` }) }),
  query: z.strictObject({ contacts: wholeNumber(1, 500).optional(), entities: wholeNumber(1, 200).optional() }),
  response: dossierResult,
});

// ---------------------------------------------------------------- identity

const score = z
  .string()
  .regex(/^(0(\.[0-9]{1,4})?|1(\.0{1,4})?)$/, { message: 'must be a number in [0, 1] (at most 4 decimals)' })
  .transform(Number);
const idRef = z.string().trim().min(1, { message: 'is empty' }).max(300, { message: 'is longer than 300 characters' });
const text = (max: number) => z.string().trim().max(max, { message: `is longer than ${max} characters` });
/** A confirmed person and its accounts (src/store/types.ts PersonView). */
const personView = z.strictObject({ id: int, name: z.string(), createdAt: int, createdBy: z.string(), accounts: z.array(accountView) });

/** Why two handles may be one person: one signal's contribution (src/identity/types.ts Evidence). */
const evidence = z.strictObject({
  signal: z.enum(['names', 'contacts', 'timing', 'hours', 'habits', 'identifiers', 'statements']),
  weight: z.number(),
  value: z.number(),
  /** Log-odds added to the score. */
  contribution: z.number(),
  summary: z.string(),
  names: z.array(z.strictObject({ a: z.string(), b: z.string(), owner: int.nullable(), similarity: z.number() })).optional(),
  contacts: z.array(int).optional(),
  identifiers: z.array(z.strictObject({ type: z.string(), value: z.string(), messages: z.array(int) })).optional(),
  messages: z.array(int).optional(),
});

/** One handle of a pair under review (src/api/identity.ts HandleReview). */
const handleReview = z.strictObject({
  account: accountView,
  person: z.strictObject({ id: int, name: z.string() }).nullable(),
  /** Names others saved for the handle, most frequent first, and its display name. */
  names: z.array(z.strictObject({ name: z.string(), count })),
  /** Partners, most messages first. */
  contacts: z.array(z.strictObject({ account: accountView, count })),
  /** Messages sent per UTC hour of day (24). */
  hours: z.array(count),
  first: int.nullable(),
  last: int.nullable(),
  messages: count,
});

/** A logged identity decision (src/store/types.ts IdentityDecision). */
const identityDecision = z.strictObject({
  id: int,
  action: z.enum(['merge', 'split', 'reject', 'unreject']),
  accounts: z.array(int),
  person: int.nullable(),
  by: z.string(),
  at: int,
  why: z.string().nullable(),
  score: z.number().nullable(),
});

export const identitySuggestions = endpoint({
  method: 'GET',
  path: '/identity/suggestions',
  summary: 'Merge suggestions, best first, each with its evidence; rejected and merged pairs never in it',
  query: z.strictObject({ limit: wholeNumber(1, 500).optional(), offset: wholeNumber(0, MAX_SUGGESTIONS).optional(), minScore: score.optional() }),
  job: true,
  response: z.strictObject({
    suggestions: z.array(z.strictObject({ a: accountView, b: accountView, score: z.number(), logOdds: z.number(), evidence: z.array(evidence) })),
    /** Suggestions at or above `threshold` in all (the page is offset…offset+limit). */
    total: count,
    offset: count,
    threshold: z.number(),
    /** Candidate pairs scored by blocking, out of `allPairs`. */
    pairsScored: count,
    allPairs: count,
    handles: count,
    blocking: z.strictObject({ contacts: count, names: count, identifiers: count, statements: count }),
    /** How long computing took (seconds; the answer may come from the cache). */
    seconds: z.number(),
    generation: count,
  }),
});

export const identityReview = endpoint({
  method: 'GET',
  path: '/identity/review',
  summary: 'Two handles side by side (names, contacts, hours, first and last)',
  query: z.strictObject({ a: idRef, b: idRef }),
  response: z.strictObject({
    a: handleReview,
    b: handleReview,
    /** Account ids both handles talk to. */
    shared: z.array(int),
  }),
});

export const identityPersons = endpoint({
  method: 'GET',
  path: '/identity/persons',
  summary: 'Confirmed persons with their accounts, and the latest decisions',
  query: z.strictObject({ decisions: wholeNumber(1, 1000).optional() }),
  response: z.strictObject({ persons: z.array(personView), decisions: z.array(identityDecision) }),
});

export const identityDecideBody = z
  .strictObject({
    action: z.enum(['merge', 'reject', 'split', 'undo']),
    a: idRef,
    b: idRef.optional(),
    person: text(200).min(1, { message: 'is empty' }).optional(),
    why: text(2000).optional(),
  })
  .refine((d) => d.action === 'split' || d.b !== undefined, { message: 'merge, reject and undo need both accounts a and b', path: ['b'] })
  .refine((d) => d.action !== 'merge' || d.a !== d.b, { message: 'a and b are the same account', path: ['b'] });

export const identityDecide = endpoint({
  method: 'POST',
  path: '/identity/decide',
  summary: '`merge` a and b (as person `person`), `reject` the pair, `split` a out of its person, `undo` the pair’s latest decision; logged with who, when, why',
  body: identityDecideBody,
  response: z.strictObject({
    result: z.discriminatedUnion('action', [
      z.strictObject({ action: z.literal('merge'), person: personView }),
      z.strictObject({ action: z.literal('split'), account: accountView, person: int, remaining: count }),
      z.strictObject({ action: z.literal('reject'), a: accountView, b: accountView, decision: int }),
      z.strictObject({ action: z.literal('unreject'), a: accountView, b: accountView, removed: z.boolean() }),
    ]),
    /** The case generation after the decision. */
    generation: count,
  }),
});

// ---------------------------------------------------------------- watchlists and saved searches

const name = (max: number) => z.string().trim().min(1, { message: 'is empty' }).max(max, { message: `is longer than ${max} characters` });
const listName = z.strictObject({ name: name(MAX_WATCHLIST_NAME) });
const watchScope = z.strictObject({ kind: z.literal('case') });
export const wireWatchlist = z.strictObject({ name: z.string(), selectors: count, addedAt: int, addedBy: z.string() });
const searchError = z.strictObject({ code: z.string(), message: z.string() }).nullable();
export const wireSavedSearch = z.strictObject({
  name: z.string(),
  query: z.string(),
  mode: z.enum(['folded', 'exact']),
  scope: z.string().nullable(),
  createdAt: int,
  createdBy: z.string(),
  runs: count,
  lastRunAt: int.nullable(),
  /** Why the last run failed; null when it ran. */
  error: searchError,
  /** Hits of the last successful run that no run before it had. */
  newHits: count,
  hits: count,
  /** The new hits of the last run, newest first. */
  newHitList: z.array(wireHit.extend({ body: z.string().optional() })),
});
export const wireWatchRow = z.strictObject({
  line: int,
  raw: z.string(),
  type: z.string(),
  value: z.string(),
  note: z.string().optional(),
  accounts: z.array(accountView),
  /** Accounts matched, when more than those listed. */
  accountsTotal: count,
  messages: count,
  /** The first message ids, oldest first. */
  ids: z.array(int),
  first: int.nullable(),
  last: int.nullable(),
});
const removed = z.strictObject({ removed: z.string() });

export const watchOverview = endpoint({
  method: 'GET',
  path: '/watch',
  summary: 'The stored watchlists, and the saved searches with the new hits of their last run',
  query: z.strictObject({ hits: wholeNumber(0, 200).optional() }),
  response: z.strictObject({
    watchlists: z.array(wireWatchlist),
    savedSearches: z.array(wireSavedSearch),
    /** New hits over every saved search (the workspace's badge). */
    newHits: count,
    scope: watchScope,
  }),
});

export const MAX_WATCHLIST_BYTES = 64 * 1024 * 1024;

export const watchlistAdd = endpoint({
  method: 'POST',
  path: '/watch/lists',
  summary: 'Store a selector list (the file as the body) under a name, with the lines it refused',
  query: z.strictObject({ name: name(MAX_WATCHLIST_NAME), region: z.string().regex(/^[A-Za-z]{2}$/, { message: 'is not a two-letter country code' }).optional() }),
  upload: { contentTypes: ['text/plain', 'text/csv', 'application/octet-stream'], maxBytes: MAX_WATCHLIST_BYTES },
  response: z.strictObject({
    summary: wireWatchlist,
    problems: z.array(z.strictObject({ line: int, code: z.string(), reason: z.string(), excerpt: z.string() })),
    /** Lines read as Windows-1252 because they were not UTF-8. */
    legacyLines: z.array(int),
    encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be']),
  }),
});

export const watchRun = endpoint({
  method: 'GET',
  path: '/watch/lists/:name/run',
  summary: 'Run a watchlist: one row per selector (matching ones only unless all=1)',
  params: listName,
  query: z.strictObject({ all: z.enum(['0', '1']).optional(), ids: wholeNumber(0, 20).optional() }),
  response: z.strictObject({
    watchlist: wireWatchlist,
    scope: watchScope,
    rows: z.array(wireWatchRow),
    /** Rows left out (beyond the cap, or matching nothing when `all` was not asked). */
    omitted: count,
    matched: count,
    selectors: count,
    elapsedMs: z.number(),
    /**
     * Cross-case discovery (team server): the other cases, that the user may not read, holding a
     * selector of the list (their names and owners only; the owners are told who looked). The
     * first selectors of the types compared are looked up, as many as one discovery call takes.
     */
    otherCases: z.strictObject({
      /** False where there is no discovery (clew serve). */
      available: z.boolean(),
      hits: z.array(discoveryHit),
      /** Selectors of a compared type not looked up: beyond one call's cap, or all of them when the user's hourly budget is spent. */
      skipped: count,
      /** The user's hourly budget of lookups is spent: nothing was looked up. */
      limited: z.boolean(),
    }),
  }),
});

export const watchCsv = endpoint({
  method: 'GET',
  path: '/watch/lists/:name/csv',
  summary: "A watchlist run's whole result as CSV text (byte-order mark first), with a file name",
  params: listName,
  response: z.strictObject({ filename: z.string(), csv: z.string() }),
});

export const watchlistRemove = endpoint({
  method: 'DELETE',
  path: '/watch/lists/:name',
  summary: 'Remove a watchlist',
  params: listName,
  response: removed,
});

export const savedSearchSave = endpoint({
  method: 'POST',
  path: '/watch/searches',
  summary: 'Save a search and run it once (the baseline); it runs again after every ingest',
  body: z.strictObject({
    name: name(MAX_SAVED_NAME),
    query: name(MAX_SAVED_QUERY),
    mode: z.enum(['folded', 'exact']).optional(),
    scope: z.string().trim().max(200, { message: 'is longer than 200 characters' }).optional(),
  }),
  response: wireSavedSearch,
});

export const savedSearchRemove = endpoint({
  method: 'DELETE',
  path: '/watch/searches/:name',
  summary: 'Remove a saved search',
  params: listName,
  response: removed,
});

// ---------------------------------------------------------------- annotations

const MAX_REF = 500;
/** Items one lookup asks for (a page of search hits or of a thread). */
export const MAX_ITEMS = 500;
const itemRef = z.string().trim().min(1, { message: 'is empty' }).max(MAX_REF, { message: `is longer than ${MAX_REF} characters` });
// the length checks with their clear messages are the API's (model/annotations.ts); these only bound the input
const tag = z.string().max(MAX_TAG_CHARS * 4, { message: `is longer than ${MAX_TAG_CHARS} characters` });
const annotationsResponse = z.strictObject({ items: z.record(z.string(), itemAnnotations) });
const annotationChange = z.strictObject({ item: itemKey, event: annotationEvent.nullable(), annotations: itemAnnotations });

export const annotationsGet = endpoint({
  method: 'GET',
  path: '/annotations',
  summary: 'The annotations of each item that has any (items=message:1,message:2: references without a comma)',
  query: z.strictObject({ items: z.string().max(MAX_ITEMS * 40, { message: 'is too long' }) }),
  response: annotationsResponse,
});

export const annotationsLookup = endpoint({
  method: 'POST',
  path: '/annotations/lookup',
  summary: 'The annotations of each item that has any (a read, as POST so any reference passes whole)',
  body: z.strictObject({ items: z.array(itemRef).max(MAX_ITEMS, { message: `holds at most ${MAX_ITEMS} items` }) }),
  response: annotationsResponse,
});

export const annotationChangeBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(['tag', 'untag']), item: itemRef, tag }),
  z.strictObject({ action: z.literal('note'), item: itemRef, text: z.string() }),
  z.strictObject({ action: z.literal('unnote'), item: itemRef, note: z.string().regex(/^[0-9]{1,16}$/, { message: 'is not a note number' }) }),
  z.strictObject({ action: z.enum(['star', 'unstar']), item: itemRef }),
]);

export const annotationsChange = endpoint({
  method: 'POST',
  path: '/annotations',
  summary: 'Tag, untag, note, unnote, star or unstar an item; answers the event written (null: nothing changed) and the item’s annotations',
  body: annotationChangeBody,
  response: annotationChange,
});

export const annotationsUndo = endpoint({
  method: 'POST',
  path: '/annotations/undo',
  summary: 'Undo an annotation event (a compensating event)',
  body: z.strictObject({ event: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
  response: annotationChange,
});

export const annotationsHistory = endpoint({
  method: 'GET',
  path: '/annotations/history',
  summary: 'The annotation log, newest first',
  query: z.strictObject({ item: itemRef.optional(), limit: wholeNumber(1, 1000).optional(), before: wholeNumber(1).optional() }),
  response: z.strictObject({ events: z.array(annotationEvent) }),
});

export const annotationsTags = endpoint({
  method: 'GET',
  path: '/annotations/tags',
  summary: "The case's tags with how many items carry each",
  response: z.strictObject({ tags: z.array(z.strictObject({ tag: z.string(), name: z.string(), items: count })) }),
});

// ---------------------------------------------------------------- translation

const lang = z.string().regex(/^[a-z]{2,3}$/, { message: 'is not a language code like en' });
const translateResponse = z.strictObject({
  to: z.string(),
  engine: z.strictObject({ name: z.string(), version: z.string() }).nullable(),
  messages: z.array(
    z.strictObject({
      id: int,
      ts: int,
      sender: accountView,
      lang: z.string().nullable(),
      original: z.string(),
      translation: z
        .strictObject({ text: z.string(), engine: z.string(), pair: z.string(), version: z.string(), engineVersion: z.string(), at: int, cached: z.boolean() })
        .nullable(),
      /** What the translation is, for people; null without one. */
      label: z.string().nullable(),
      /** Why there is no translation: a stable code and a reason for people. */
      failure: z.string().optional(),
      failed: z.string().optional(),
    }),
  ),
  translated: count,
  cached: count,
});

export const translations = endpoint({
  method: 'GET',
  path: '/translations',
  summary: 'Messages beside the machine translations the case holds (ids=1,2,3)',
  query: z.strictObject({ ids: z.string().max(MAX_TRANSLATE_MESSAGES * 17, { message: 'is too long' }), to: lang.optional() }),
  response: translateResponse,
});

export const translate = endpoint({
  method: 'POST',
  path: '/translate',
  summary: 'Translate messages (offline, Apertium) and store the translations',
  body: z.strictObject({ ids: z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_TRANSLATE_MESSAGES), to: lang.optional() }),
  response: translateResponse,
});

// ---------------------------------------------------------------- jobs and uploads

const jobParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'is not a job id' }) });

export const jobs = endpoint({
  method: 'GET',
  path: '/jobs',
  summary: 'The jobs of this server run, and the case generation',
  response: z.strictObject({ jobs: z.array(wireJob), generation: count }),
});

export const job = endpoint({ method: 'GET', path: '/jobs/:id', summary: 'One job (poll it)', params: jobParams, response: jobResponse });

export const jobCancel = endpoint({ method: 'DELETE', path: '/jobs/:id', summary: 'Cancel a job (it stops at its next batch)', params: jobParams, response: jobResponse });

const HARD_MAX_UPLOAD_BYTES = 1024 ** 4;

export const upload = endpoint({
  method: 'POST',
  path: '/uploads',
  summary: 'Upload a file (the body) to be ingested as a job',
  query: z.strictObject({
    name: z.string().min(1, { message: 'is empty: give the file name' }).max(1000),
    format: z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'is not a format name' }).optional(),
    timeZone: z.string().max(64).optional(),
    region: z.string().regex(/^[A-Za-z]{2}$/, { message: 'must be a two-letter country code' }).optional(),
    // inline mapping only (field=column,… or JSON): never a path on the server
    map: z
      .string()
      .max(4000)
      .refine((s) => s.includes('=') || s.trim().startsWith('{'), { message: 'must be field=column,… or a JSON object' })
      .optional(),
  }),
  upload: { contentTypes: ['application/octet-stream'], maxBytes: HARD_MAX_UPLOAD_BYTES },
  response: z.strictObject({
    job: wireJob,
    /** The name the file was stored under, beside the case. */
    stored: z.string(),
    bytes: count,
  }),
});
