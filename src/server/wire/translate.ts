// Wire types of the translation endpoints, derived from the contract (contract/views.ts).
// Originals and translations are seized content: render them as text only.
import type { ResponseOf } from '../endpoint.js';
import type { translate } from '../contract/views.js';

/** POST /api/translate and GET /api/translations : each message's original beside its machine translation (or why there is none). */
export type TranslateResponse = ResponseOf<typeof translate>;
export type WireMessageTranslation = TranslateResponse['messages'][number];
