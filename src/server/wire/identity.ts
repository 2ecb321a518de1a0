// Wire types of the identity endpoints, derived from the contract (contract/views.ts). Names,
// handles and contact nicknames come from seized phones: render them as text only.
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { identityDecide, identityPersons, identityReview, identitySuggestions } from '../contract/views.js';

export type IdentitySuggestionsResponse = ResponseOf<typeof identitySuggestions>;
export type IdentityReviewResponse = ResponseOf<typeof identityReview>;
export type IdentityPersonsResponse = ResponseOf<typeof identityPersons>;
export type IdentityDecideRequest = z.input<NonNullable<(typeof identityDecide)['body']>>;
export type IdentityDecideResponse = ResponseOf<typeof identityDecide>;
export type WireSuggestion = IdentitySuggestionsResponse['suggestions'][number];
export type WireHandleReview = IdentityReviewResponse['a'];
export type WirePerson = IdentityPersonsResponse['persons'][number];
export type WireIdentityDecision = IdentityPersonsResponse['decisions'][number];
export type WireDecideResult = IdentityDecideResponse['result'];
