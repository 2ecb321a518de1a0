// Wire types of the timeline and disruption endpoints, derived from the contract (contract/timeline.ts).
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { activity, activityGroups, activityHeat, disrupt, wireActivitySeries } from '../contract/timeline.js';

export type ActivityResponse = ResponseOf<typeof activity>;
export type WireActivityUnit = ActivityResponse['unit'];
export type WireActivitySeries = z.output<typeof wireActivitySeries>;
export type ActivityHeatResponse = ResponseOf<typeof activityHeat>;
export type ActivityGroupsResponse = ResponseOf<typeof activityGroups>;
export type WireCommunity = ActivityGroupsResponse['communities'][number];
export type DisruptResponse = ResponseOf<typeof disrupt>;
export type WireDisruptStep = DisruptResponse['steps'][number];
export type WireNode = WireDisruptStep['removed'][number];
