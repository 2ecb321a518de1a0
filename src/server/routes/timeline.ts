import type { Route } from '../route.js';

export const TIMELINE_ROUTES: Route[] = [];
