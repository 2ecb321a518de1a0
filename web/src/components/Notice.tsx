import { ApiError } from '../lib/api';
import { dossierHref } from './Account';
import { Link } from './Link';
import { Untrusted } from './Untrusted';

/**
 * An error shown in place: the server's message and code, and what to do on a lost session. An
 * ambiguous name (AMBIGUOUS_REF) lists its candidates: `onChoose` takes one, else each links to its dossier. */
export function ErrorNotice({ error, onChoose }: { error: unknown; onChoose?: (ref: string) => void }) {
  const e = error instanceof ApiError ? error : null;
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-error" role="alert">
      <strong>{e?.code === 'UNAUTHORIZED' ? 'Session expired' : 'Error'}</strong>
      <span dir="auto"> {message}</span>
      {e && e.code !== 'NETWORK' ? <code className="notice-code">{e.code}</code> : null}
      {e?.code === 'UNAUTHORIZED' ? <div>Open the URL that `clew serve` printed (it carries the access token).</div> : null}
      {e && e.choices.length > 0 ? (
        <ul className="ref-choices" data-testid="ref-choices">
          {e.choices.map((c) => (
            <li key={c.ref}>
              {onChoose ? (
                <button type="button" className="btn btn-ghost" onClick={() => onChoose(c.ref)}>
                  <Untrusted text={c.label} /> <code dir="ltr"><Untrusted text={c.ref} /></code>
                </button>
              ) : (
                <Link to={dossierHref(c.ref)}>
                  <Untrusted text={c.label} /> <code dir="ltr"><Untrusted text={c.ref} /></code>
                </Link>
              )}{' '}
              <span className="muted" dir="auto"><Untrusted text={c.how.join('; ')} /></span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="loading" role="status">
      {what}…
    </div>
  );
}
