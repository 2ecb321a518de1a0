/**
 * The workspace's views. A new view is one entry here plus its file in views/ (loaded on demand).
 * `match` turns a URL path into the view's own params; views keep their state in the URL.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface ViewProps {
  /** Captures of the path pattern. */
  args: string[];
  params: URLSearchParams;
}

export interface ViewDef {
  id: string;
  title: string;
  /** Where the left nav points; absent for views reached from others (a conversation). */
  navPath?: string;
  pattern: RegExp;
  component?: LazyExoticComponent<ComponentType<ViewProps>>;
  /** Planned views are listed in the nav, disabled. */
  planned?: boolean;
  hint?: string;
}

export const VIEWS: ViewDef[] = [
  { id: 'search', title: 'Search', navPath: '/search', pattern: /^\/(?:search)?$/, component: lazy(() => import('./views/SearchView')) },
  { id: 'conversation', title: 'Conversation', pattern: /^\/m\/([0-9]{1,16})$/, component: lazy(() => import('./views/ConversationView')) },
  { id: 'quarantine', title: 'Quarantine', navPath: '/quarantine', pattern: /^\/quarantine$/, component: lazy(() => import('./views/QuarantineView')) },
  { id: 'network', title: 'Network', pattern: /^\/network$/, planned: true, hint: 'who talks to whom, communities' },
  { id: 'key-players', title: 'Key players', navPath: '/key-players', pattern: /^\/key-players$/, component: lazy(() => import('./views/KeyPlayersView')) },
  { id: 'timeline', title: 'Timeline', pattern: /^\/timeline$/, planned: true, hint: 'activity over time' },
  { id: 'map', title: 'Map', pattern: /^\/map$/, planned: true, hint: 'places, antennas, ports' },
  { id: 'dossiers', title: 'Dossiers', pattern: /^\/dossiers$/, planned: true, hint: 'per-person summaries' },
  { id: 'entities', title: 'Entities', navPath: '/entities', pattern: /^\/entities$/, component: lazy(() => import('./views/EntitiesView')) },
];

export function matchView(path: string): { view: ViewDef; args: string[] } | null {
  for (const view of VIEWS) {
    const m = view.pattern.exec(path);
    if (m) return { view, args: m.slice(1) };
  }
  return null;
}
