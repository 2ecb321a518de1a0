import { session, type SessionResponse, type WireCaseRole } from '../lib/api';
import { Untrusted } from './Untrusted';

/** The address of a case's workspace (team mode): its search, or for an auditor its audit log. */
export function caseHref(name: string, role?: WireCaseRole): string {
  return `/cases/${encodeURIComponent(name)}/${role === 'auditor' ? 'audit' : 'search'}`;
}

/** Sign out (DELETE /api/session revokes the session), then back to the sign-in page. */
export async function signOut(): Promise<void> {
  try {
    await session.signOut();
  } finally {
    window.location.assign('/');
  }
}

/**
 * The signed-in user's menu in the top bar (team mode): who they are, the cases they may open
 * (each a whole page load: nothing of one case stays in memory when another opens), sign out.
 * Names come from the server: rendered as text.
 */
export function UserMenu({ me, current }: { me: SessionResponse; current: string | null }) {
  if (me.mode !== 'team' || !me.user) return null;
  return (
    <details className="user-menu" data-testid="account-menu">
      <summary>
        <span dir="auto" data-testid="account-user">
          <Untrusted text={me.user.name} />
        </span>
        {me.user.agency ? (
          <span className="muted" dir="auto">
            {' · '}
            <Untrusted text={me.user.agency} />
          </span>
        ) : null}
      </summary>
      <div className="user-menu-body">
        <div className="muted">Cases</div>
        <ul>
          {me.cases.map((c) => (
            <li key={c.name}>
              <a href={caseHref(c.name, c.role)} aria-current={c.name === current ? 'page' : undefined} data-testid="switch-case">
                <Untrusted text={c.name} />
              </a>{' '}
              <span className="muted">{c.role}</span>
            </li>
          ))}
        </ul>
        <a href="/">All cases</a>
        <button type="button" className="btn" onClick={() => void signOut()} data-testid="sign-out">
          Sign out
        </button>
      </div>
    </details>
  );
}

/** The cases the user may open (GET /api/cases), after sign-in or when the address names none. */
export function CaseList({ me, missing }: { me: SessionResponse; missing: string | null }) {
  return (
    <div className="signin-page">
      <div className="signin case-list" data-testid="case-list">
        <h1>Cases</h1>
        {me.user ? (
          <p className="muted" dir="auto">
            Signed in as <Untrusted text={me.user.name} />
            {me.user.agency ? (
              <>
                {' '}
                (<Untrusted text={me.user.agency} />)
              </>
            ) : null}
          </p>
        ) : null}
        {missing !== null ? (
          <div className="notice notice-error" role="alert" dir="auto" data-testid="case-missing">
            There is no case “<Untrusted text={missing} />” that you may read.
          </div>
        ) : null}
        {me.cases.length === 0 ? <p>You may read no case yet: ask a case owner to grant you one (clew grant).</p> : null}
        <ul>
          {me.cases.map((c) => (
            <li key={c.name}>
              <a href={caseHref(c.name, c.role)} data-testid="case-link">
                <Untrusted text={c.name} />
              </a>{' '}
              <span className="muted">{c.role}</span>
            </li>
          ))}
        </ul>
        <button type="button" className="btn" onClick={() => void signOut()} data-testid="sign-out">
          Sign out
        </button>
      </div>
    </div>
  );
}
