import { Component, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link } from './components/Link';
import { ErrorNotice, Loading } from './components/Notice';
import { SignIn } from './components/SignIn';
import { CaseList, UserMenu } from './components/UserMenu';
import { api, ApiError, selectCase, session, SIGNED_OUT, type SessionResponse, type StatsResponse } from './lib/api';
import { day, num } from './lib/format';
import { caseInPath, setBasePath, useRoute } from './lib/router';
import { useApi, useCaseGeneration } from './lib/useApi';
import { watchCase } from './lib/changes';
import { homeOf, matchView, viewFor, VIEWS } from './views';
import { WatchNavBadge } from './views/watchlists/NavBadge';
import { Untrusted } from './components/Untrusted';

class ViewBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: unknown; key: string }> {
  override state = { error: null as unknown, key: this.props.resetKey };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: unknown; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    return this.state.error ? <ErrorNotice error={this.state.error} /> : this.props.children;
  }
}

function CaseBar({ stats }: { stats: StatsResponse | null }) {
  if (!stats) return <div className="casebar" />;
  const s = stats.stats;
  return (
    <div className="casebar" data-testid="casebar">
      <span className="case-name" dir="auto" title={stats.case.path}>
        <Untrusted text={stats.case.name} />
      </span>
      <span className="case-fact">{num(s.messages)} messages</span>
      <span className="case-fact">{num(s.accounts)} accounts</span>
      <span className="case-fact">{num(s.conversations)} conversations</span>
      {s.firstTs !== null && s.lastTs !== null ? (
        <span className="case-fact">
          {day(s.firstTs)} – {day(s.lastTs)}
        </span>
      ) : null}
      <span className="case-fact muted">times in UTC</span>
    </div>
  );
}

type Boot = { kind: 'loading' } | { kind: 'signin'; expired: boolean } | { kind: 'ready'; me: SessionResponse } | { kind: 'error'; error: unknown };

/**
 * Who is signed in decides what shows (GET /api/session): `clew serve` opens its one case; a
 * team server (`clew server --db`) shows the sign-in page on 401, then the case named in the
 * address (/cases/CASE/…) or the list of cases the user may read.
 */
export function App() {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });
  useEffect(() => {
    const ac = new AbortController();
    session
      .get(ac.signal)
      .then((me) => setBoot({ kind: 'ready', me }))
      .catch((error: unknown) => {
        if (ac.signal.aborted) return;
        setBoot(error instanceof ApiError && error.status === 401 ? { kind: 'signin', expired: false } : { kind: 'error', error });
      });
    // a session that ends while the workspace is open (expired, revoked, signed out elsewhere)
    const out = () => setBoot({ kind: 'signin', expired: true });
    window.addEventListener(SIGNED_OUT, out);
    return () => {
      ac.abort();
      window.removeEventListener(SIGNED_OUT, out);
    };
  }, []);

  if (boot.kind === 'loading') return <Loading />;
  if (boot.kind === 'error') return <ErrorNotice error={boot.error} />;
  if (boot.kind === 'signin') return <SignIn expired={boot.expired} />;
  const me = boot.me;
  if (me.mode === 'single') {
    selectCase(me.cases[0]?.name ?? null, null);
    setBasePath('');
    return <Workspace me={me} current={me.cases[0]?.name ?? null} />;
  }
  const asked = caseInPath(window.location.pathname);
  if (asked === null || !me.cases.some((c) => c.name === asked)) {
    selectCase(null, me.csrf);
    setBasePath('');
    return <CaseList me={me} missing={asked} />;
  }
  selectCase(asked, me.csrf);
  setBasePath(`/cases/${encodeURIComponent(asked)}`);
  return <Workspace me={me} current={asked} />;
}

function Workspace({ me, current }: { me: SessionResponse; current: string | null }) {
  const route = useRoute();
  const generation = useCaseGeneration();
  // the user's role on the case: an auditor may not read it (no figures, no change polling), only its Audit view
  const role = me.cases.find((c) => c.name === current)?.role ?? 'owner';
  const reads = role !== 'auditor';
  const { data: stats, error } = useApi(() => (reads ? api.statsCached() : Promise.resolve(null)), [generation, reads]);
  const hit = matchView(route.path, role);
  const View = hit?.view.component;
  const home = homeOf(role);

  useEffect(() => (reads ? watchCase() : undefined), [reads]);

  useEffect(() => {
    document.title = hit ? `${hit.view.title} · clew` : 'clew';
  }, [hit]);

  return (
    <div className="shell">
      <header className="topbar">
        <Link to={home} className="brand">
          clew
        </Link>
        <CaseBar stats={stats} />
        <UserMenu me={me} current={current} />
      </header>
      <nav className="sidenav" aria-label="Views">
        <ul>
          {VIEWS.filter((v) => v.navPath && viewFor(v, role)).map((v) => (
            <li key={v.id}>
              <Link to={v.navPath!} className={hit?.view.id === v.id ? 'nav-item active' : 'nav-item'} aria-current={hit?.view.id === v.id ? 'page' : undefined}>
                {v.title}
                {v.id === 'watchlists' ? <WatchNavBadge /> : null}
                {v.id === 'quarantine' && stats ? <span className="nav-count">{num(stats.stats.quarantine.reduce((n, q) => n + q.count, 0))}</span> : null}
              </Link>
            </li>
          ))}
          {hit?.view.id === 'conversation' ? (
            <li>
              <span className="nav-item active sub" aria-current="page">
                Conversation
              </span>
            </li>
          ) : null}
        </ul>
      </nav>
      <main className="main">
        {error ? <ErrorNotice error={error} /> : null}
        {View && hit ? (
          <ViewBoundary resetKey={route.path}>
            <Suspense fallback={<Loading />}>
              <View args={hit.args} params={route.params} role={role} team={me.mode === 'team'} />
            </Suspense>
          </ViewBoundary>
        ) : (
          <div className="empty">
            <h1>Not here</h1>
            <p>
              There is no such page. <Link to={home}>{role === 'auditor' ? 'To the audit log' : 'Back to search'}</Link>
            </p>
          </div>
        )}
      </main>
    </div>
  );
}
