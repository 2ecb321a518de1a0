import type { Route } from '../route.js';

export const JOBS_ROUTES: Route[] = [];
