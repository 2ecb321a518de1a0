// Wire types of the scoped analytics (GET /api/scoped/*, and `scope=` on /api/network*), derived from the contract (contract/network.ts).
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { scopedCommunities, scopedDisrupt, scopedKeyPlayers, scopedRank, scopedWindows, wireScope, wireScopeNode } from '../contract/network.js';

export type WireScope = z.output<typeof wireScope>;
export type WireScopeNode = z.output<typeof wireScopeNode>;
export type ScopedRankResponse = ResponseOf<typeof scopedRank>;
export type WireScopedRankRow = ScopedRankResponse['result']['rows'][number];
export type ScopedKeyPlayersResponse = ResponseOf<typeof scopedKeyPlayers>;
export type ScopedCommunitiesResponse = ResponseOf<typeof scopedCommunities>;
export type ScopedWindowsResponse = ResponseOf<typeof scopedWindows>;
export type ScopedDisruptResponse = ResponseOf<typeof scopedDisrupt>;
export type WireScopedFigures = ScopedDisruptResponse['before'];
