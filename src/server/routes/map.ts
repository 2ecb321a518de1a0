import type { Route } from '../route.js';

export const MAP_ROUTES: Route[] = [];
