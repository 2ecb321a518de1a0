import type { Route } from '../route.js';

export const NETWORK_ROUTES: Route[] = [];
