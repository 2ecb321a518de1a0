/**
 * The workspace's views. A new view is one entry here plus its file in views/ (loaded on demand).
 * `match` turns a URL path into the view's own params; views keep their state in the URL.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { WireCaseRole } from './lib/api';

export interface ViewProps {
  /** Captures of the path pattern. */
  args: string[];
  params: URLSearchParams;
  /** The user's role on the case (`clew serve`'s one analyst: owner). */
  role?: WireCaseRole;
  /** A team server (users, roles, legal filters), not `clew serve`. */
  team?: boolean;
}

export interface ViewDef {
  id: string;
  title: string;
  /** Where the left nav points; absent for views reached from others (a conversation). */
  navPath?: string;
  pattern: RegExp;
  component: LazyExoticComponent<ComponentType<ViewProps>>;
  /** The roles on the case that see the view (default: those who read the case: owner, analyst, reader). */
  roles?: readonly WireCaseRole[];
}

const READERS: readonly WireCaseRole[] = ['owner', 'analyst', 'reader'];

/** Whether `role` sees `view` (an auditor sees the Audit view only: they may not read the case). */
export function viewFor(view: ViewDef, role: WireCaseRole): boolean {
  return (view.roles ?? READERS).includes(role);
}

/** Where a role's workspace opens. */
export function homeOf(role: WireCaseRole): string {
  return role === 'auditor' ? '/audit' : '/search';
}

export const VIEWS: ViewDef[] = [
  { id: 'search', title: 'Search', navPath: '/search', pattern: /^\/(?:search)?$/, component: lazy(() => import('./views/SearchView')) },
  { id: 'conversation', title: 'Conversation', pattern: /^\/m\/([0-9]{1,16})$/, component: lazy(() => import('./views/ConversationView')) },
  { id: 'network', title: 'Network', navPath: '/network', pattern: /^\/network$/, component: lazy(() => import('./views/NetworkView')) },
  { id: 'key-players', title: 'Key players', navPath: '/key-players', pattern: /^\/key-players$/, component: lazy(() => import('./views/KeyPlayersView')) },
  { id: 'timeline', title: 'Timeline', navPath: '/timeline', pattern: /^\/timeline$/, component: lazy(() => import('./views/TimelineView')) },
  { id: 'map', title: 'Map', navPath: '/map', pattern: /^\/map$/, component: lazy(() => import('./views/MapView')) },
  { id: 'dossier', title: 'Dossiers', navPath: '/dossier', pattern: /^\/dossier(?:\/([^/]{1,300}))?$/, component: lazy(() => import('./views/DossierView')) },
  { id: 'identity', title: 'People', navPath: '/identity', pattern: /^\/identity$/, component: lazy(() => import('./views/IdentityView')) },
  { id: 'entities', title: 'Entities', navPath: '/entities', pattern: /^\/entities$/, component: lazy(() => import('./views/EntitiesView')) },
  { id: 'watchlists', title: 'Watchlists', navPath: '/watchlists', pattern: /^\/watchlists$/, component: lazy(() => import('./views/watchlists/WatchlistsView')) },
  { id: 'gallery', title: 'Gallery', navPath: '/gallery', pattern: /^\/gallery$/, component: lazy(() => import('./views/gallery/GalleryView')) },
  { id: 'report', title: 'Report', navPath: '/report', pattern: /^\/report$/, component: lazy(() => import('./views/report/ReportView')) },
  { id: 'sources', title: 'Sources', navPath: '/sources', pattern: /^\/sources$/, component: lazy(() => import('./views/SourcesView')) },
  { id: 'quarantine', title: 'Quarantine', navPath: '/quarantine', pattern: /^\/quarantine$/, component: lazy(() => import('./views/QuarantineView')) },
  { id: 'audit', title: 'Audit', navPath: '/audit', pattern: /^\/audit$/, roles: ['owner', 'auditor'], component: lazy(() => import('./views/audit/AuditView')) },
];

export function matchView(path: string, role: WireCaseRole = 'owner'): { view: ViewDef; args: string[] } | null {
  for (const view of VIEWS) {
    if (!viewFor(view, role)) continue;
    const m = view.pattern.exec(path);
    if (m) return { view, args: m.slice(1) };
  }
  return null;
}
