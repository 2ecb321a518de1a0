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
          {onChoose ? <li className="muted">Which one? Likeliest first: most phones that saved the name, then the most active.</li> : null}
          {e.choices.map((c) => (
            <li key={c.ref} data-testid="ref-choice">
              {onChoose ? (
                <button type="button" className="btn btn-ghost" onClick={() => onChoose(c.ref)} data-testid="ref-choice-pick">
                  <Untrusted text={c.label} /> <code dir="ltr"><Untrusted text={c.ref} /></code>
                </button>
              ) : (
                <Link to={dossierHref(c.ref)}>
                  <Untrusted text={c.label} /> <code dir="ltr"><Untrusted text={c.ref} /></code>
                </Link>
              )}{' '}
              {c.kind === 'person' && c.handles.length > 1 ? <span className="muted">{c.handles.length} accounts · </span> : null}
              {c.savedBy ? <span className="muted" data-testid="ref-choice-saved">saved under this name by {c.savedBy} phone{c.savedBy === 1 ? '' : 's'} · </span> : null}
              {c.activity !== undefined ? <span className="muted">{c.activity} messages and calls · </span> : null}
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
