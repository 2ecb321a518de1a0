// Wire types of the network endpoints, derived from the contract (contract/network.ts).
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { network, networkEgo, networkPath, wireNetworkFilter, wireViewGraph } from '../contract/network.js';
import type { NetworkDownloadFormat } from '../contract/export.js';

export type NetworkResponse = ResponseOf<typeof network>;
export type NetworkEgoResponse = ResponseOf<typeof networkEgo>;
export type NetworkPathResponse = ResponseOf<typeof networkPath>;
export type WireViewGraph = z.output<typeof wireViewGraph>;
export type WireViewMeasure = NetworkResponse['rankedBy'];
export type WireNetworkFilter = z.output<typeof wireNetworkFilter>;
export type WireNodeRef = NetworkPathResponse['from'];
/** GET /api/network/export?format=… : the network as a file to save. */
export type WireNetworkExportFormat = NetworkDownloadFormat;
