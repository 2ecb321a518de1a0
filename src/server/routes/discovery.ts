/**
 * Cross-case discovery (contract/discovery.ts, api/discovery.ts): the views ask which other cases
 * hold the selectors they show. In the team server the case is open as the user, so the database
 * answers for them (and tells the owners); `clew serve` answers `available: false`. Every call is
 * in the audit log with its selectors (server.ts records each answered case request).
 */
import { discoverSelectors } from '../../api/discovery.js';
import * as api from '../contract/discovery.js';
import { defineRoute, type Route } from '../route.js';

export const DISCOVERY_ROUTES: Route[] = [defineRoute(api.discovery, ({ store, body }) => discoverSelectors(store, { selectors: body.selectors, accounts: body.accounts }))];
