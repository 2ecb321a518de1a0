/**
 * The types of the HTTP API's answers, derived from its contract (contract.ts, the zod schemas
 * declared once): types only, importing only types, so the web app (web/) can import this file
 * without pulling server code in. The routes' handlers are typed from the same schemas
 * (route.ts defineRoute), so the compiler keeps both sides in step.
 */
import type { z } from 'zod';
import type { AccountView, CaseStats, EntityRow, MessageView, QuarantineRow, SearchQuery } from '../api/types.js';
import type { Mention } from '../model/entities.js';
import type { RefChoice } from '../model/errors.js';
import type { errorResponse } from './contract/common.js';
import type { entities, keyPlayers, languages, message, quarantine, search, stats, thread, wireHit, wireSnippet, wireSource, wireContact, wireMeasure } from './contract/case.js';
import type { HttpErrorCode } from './errors.js';
import type { ResponseOf } from './endpoint.js';

export type { AccountView, CaseStats, EntityRow, Mention, MessageView, QuarantineRow, RefChoice, SearchQuery };
export type { Contract, EndpointName } from './contract.js';
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
export type * from './wire/gallery.js';
export type * from './wire/session.js';
export type * from './wire/audit.js';

/** Every refusal and failure (errors.ts), its code one of ours. */
export type WireError = z.output<typeof errorResponse> & { error: { code: HttpErrorCode } };
export type WireSource = z.output<typeof wireSource>;
/** GET /api/stats */
export type StatsResponse = ResponseOf<typeof stats>;
export type WireSnippet = z.output<typeof wireSnippet>;
export type WireHit = z.output<typeof wireHit>;
/** GET /api/languages: the case's languages, most messages first (null: none detected), for the language filter. */
export type LanguagesResponse = ResponseOf<typeof languages>;
/** GET /api/search?q=&mode=folded|exact&limit=&cursor=&count=CAP */
export type SearchResponse = ResponseOf<typeof search>;
/** GET /api/messages/:id?context=N */
export type MessageResponse = ResponseOf<typeof message>;
export type WireRaw = MessageResponse['raw'];
/** GET /api/messages/:id/thread?before=N&after=N : the messages around one, oldest first. */
export type ThreadResponse = ResponseOf<typeof thread>;
/** GET /api/quarantine?limit=N */
export type QuarantineResponse = ResponseOf<typeof quarantine>;
/** GET /api/entities?type=&limit=N&offset=N */
export type EntitiesResponse = ResponseOf<typeof entities>;
export type WireContact = z.output<typeof wireContact>;
export type WireMeasure = z.output<typeof wireMeasure>;
/** GET /api/keyplayers?top=N&level=account|person */
export type KeyPlayersResponse = ResponseOf<typeof keyPlayers>;
export type WireKeyPlayer = KeyPlayersResponse['rows'][number];
