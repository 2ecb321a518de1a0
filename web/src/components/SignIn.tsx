import { useState, type FormEvent } from 'react';
import { ApiError, session } from '../lib/api';

/**
 * The sign-in page of a team server (`clew server --db`), shown when the server answers 401.
 * The password goes to POST /api/session as JSON (never a form post, never in the URL); on
 * success the page reloads on the address it was opened with (a shared link to a case works).
 */
export function SignIn({ expired = false }: { expired?: boolean }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(user.trim(), password);
      window.location.reload();
    } catch (x) {
      setBusy(false);
      setPassword('');
      if (x instanceof ApiError && x.code === 'RATE_LIMITED') setError('Too many sign-in attempts: wait a minute, then try again.');
      else if (x instanceof ApiError && x.status === 401) setError('Wrong user name or password.');
      else setError(x instanceof Error ? x.message : String(x));
    }
  };

  return (
    <div className="signin-page">
      <form className="signin" onSubmit={(e) => void submit(e)} data-testid="signin-form" aria-label="Sign in">
        <h1>clew</h1>
        {expired ? <p className="muted">Your session has ended. Sign in again.</p> : null}
        <label>
          User name
          <input className="text-input" name="user" autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} required maxLength={200} data-testid="signin-user" autoFocus />
        </label>
        <label>
          Password
          <input className="text-input" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required maxLength={1000} data-testid="signin-password" />
        </label>
        {error ? (
          <div className="notice notice-error" role="alert" data-testid="signin-error" dir="auto">
            {error}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="signin-submit">
          Sign in
        </button>
      </form>
    </div>
  );
}
