// Wire types of the evidence-report endpoints (routes/report.ts; see ../wire.ts). Bodies, names,
// tags and commentary come from seized phones and from analysts: render them as text only.
import type { AccountView } from '../../api/types.js';

/** A message the Report view can cite: enough to recognise it in the list. */
export interface WireReportCandidate {
  id: number;
  ts: number;
  sender: AccountView;
  conversationTitle: string | null;
  /** The body, cut to 400 characters. */
  body: string;
  /** The tags on it (names as written). */
  tags: string[];
}

/** GET /api/report/items?tag=T or ?ids=1,2,3 : the messages, in that order. */
export interface ReportItemsResponse {
  items: WireReportCandidate[];
}

/** POST /api/report : what the view sends to make a report. */
export interface ReportMakeRequest {
  items: { id: number; commentary: string | null }[];
  introduction?: string | null;
  /** `--figure` specs, e.g. rank:pagerank:top=10:scope=tag:evidence */
  figures?: string[];
  context?: number;
  queries?: string[];
}

/** POST /api/report : the report made, and where to download it (kept by the server while it runs, the newest 8). */
export interface ReportMadeResponse {
  manifestSha256: string;
  htmlSha256: string;
  items: number;
  figures: number;
  htmlBytes: number;
  downloads: { html: string; pdf: string; manifest: string };
}

/** POST /api/report/rebuild (a manifest file as the body): the report rebuilt from the case, compared with the one it was written with. */
export interface ReportRebuiltResponse {
  manifestSha256: string;
  htmlSha256: string;
  expectedSha256: string | null;
  identical: boolean;
  /** What changed in the case (or clew) since the manifest was written, when not identical. */
  changes: string[];
}
