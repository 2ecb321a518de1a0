import type { Route } from '../route.js';

export const IDENTITY_ROUTES: Route[] = [];
