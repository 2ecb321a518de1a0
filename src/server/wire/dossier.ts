// Wire types of the dossier endpoints (see ../wire.ts).
import type { AccountSearchResult, DossierResult } from '../../api/dossier.js';

/**
 * GET /api/dossier/:ref?contacts=&entities= : everything the case holds about one account
 * (ref URL-encoded). Names, titles and values come from seized phones: render as text.
 */
export type DossierResponse = DossierResult;

/** GET /api/dossier?q=TERM&top=N : accounts named by a term (reference, handle or name) and the most active accounts. */
export type DossierIndexResponse = AccountSearchResult;
