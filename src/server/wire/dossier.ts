// Wire types of the dossier endpoints, derived from the contract (contract/views.ts).
import type { ResponseOf } from '../endpoint.js';
import type { dossier, dossierIndex } from '../contract/views.js';

/** GET /api/dossier/:ref : everything the case holds about one account. Names, titles and values come from seized phones: render as text. */
export type DossierResponse = ResponseOf<typeof dossier>;
/** GET /api/dossier?q=TERM&top=N */
export type DossierIndexResponse = ResponseOf<typeof dossierIndex>;
