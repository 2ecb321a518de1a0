import type { Route } from '../route.js';

export const DOSSIER_ROUTES: Route[] = [];
