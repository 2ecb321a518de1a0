// Wire types of the evidence-report endpoints, derived from the contract (contract/report.ts).
// Bodies, names, tags and commentary come from seized phones and from analysts: render them as text only.
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { reportItems, reportMake, reportMakeRequest, reportRebuild, wireReportCandidate } from '../contract/report.js';

export type WireReportCandidate = z.output<typeof wireReportCandidate>;
/** GET /api/report/items?tag=T or ?ids=1,2,3 : the messages, in that order. */
export type ReportItemsResponse = ResponseOf<typeof reportItems>;
/** POST /api/report : what the view sends to make a report. */
export type ReportMakeRequest = z.input<typeof reportMakeRequest>;
/** POST /api/report : the report made, and where to download it. */
export type ReportMadeResponse = ResponseOf<typeof reportMake>;
/** POST /api/report/rebuild (a manifest file as the body). */
export type ReportRebuiltResponse = ResponseOf<typeof reportRebuild>;
