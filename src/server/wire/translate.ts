// Wire types of the translation endpoints (see ../wire.ts). Originals and translations are seized
// content: render them as text only.
import type { MessageTranslation, TranslateResult } from '../../api/translate.js';

export type { MessageTranslation as WireMessageTranslation };

/** POST /api/translate and GET /api/translations : each message's original beside its machine translation (or why there is none). */
export type TranslateResponse = TranslateResult;
