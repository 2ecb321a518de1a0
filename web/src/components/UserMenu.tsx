import { useEffect, useState } from 'react';
import { session, type NotificationsResponse, type SessionResponse, type WireCaseRole } from '../lib/api';
import { Untrusted } from './Untrusted';

/** How often the menu asks for new notifications. */
const NOTIFICATIONS_EVERY_MS = 60_000;

/**
 * The user's notifications (team mode): someone who may not read a case of theirs looked at a
 * selector it holds, from their own case; their name and agency are shown so the owner can get in
 * touch. Marked seen when the menu is opened.
 */
function useNotifications(on: boolean): [NotificationsResponse | null, () => void] {
  const [n, setN] = useState<NotificationsResponse | null>(null);
  useEffect(() => {
    if (!on) return;
    const ac = new AbortController();
    const load = () => session.notifications(ac.signal).then(setN, () => {});
    void load();
    const t = setInterval(() => void load(), NOTIFICATIONS_EVERY_MS);
    return () => {
      ac.abort();
      clearInterval(t);
    };
  }, [on]);
  const seen = () => {
    const top = n?.notifications[0];
    if (!n || n.unseen === 0 || !top) return;
    session.notificationsSeen(top.id).then(
      () => setN({ ...n, unseen: 0 }),
      () => {},
    );
  };
  return [n, seen];
}

function Notifications({ n }: { n: NotificationsResponse }) {
  if (n.notifications.length === 0) return null;
  return (
    <>
      <div className="muted">Notifications</div>
      <ul className="notifications" data-testid="notifications">
        {n.notifications.slice(0, 20).map((x) => (
          <li key={x.id} data-testid="notification" className={x.seenAt === null ? 'unseen' : undefined}>
            <span dir="auto">
              <Untrusted text={x.looker.name} />
              {x.looker.agency ? (
                <>
                  {' ('}
                  <Untrusted text={x.looker.agency} />)
                </>
              ) : null}
            </span>
            {' looked at '}
            <code dir="ltr">
              <Untrusted text={x.selector} />
            </code>
            {', which your case '}
            <strong dir="auto">
              <Untrusted text={x.case} />
            </strong>
            {' holds'}
            {x.fromCase ? (
              <>
                {', from case '}
                <span dir="auto">
                  <Untrusted text={x.fromCase} />
                </span>
              </>
            ) : null}
            <span className="muted"> · {new Date(x.at).toISOString().slice(0, 16).replace('T', ' ')} UTC</span>
          </li>
        ))}
      </ul>
    </>
  );
}

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
  const team = me.mode === 'team' && me.user !== null;
  const [notes, seen] = useNotifications(team);
  if (!team || !me.user) return null;
  return (
    <details className="user-menu" data-testid="account-menu" onToggle={(e) => (e.currentTarget.open ? seen() : undefined)}>
      <summary>
        {notes && notes.unseen > 0 ? (
          <span className="badge" data-testid="notifications-badge" title="New notifications">
            {notes.unseen}
          </span>
        ) : null}
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
        {notes ? <Notifications n={notes} /> : null}
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
