import { ApiError } from '../lib/api';

/** An error shown in place: the server's message and code, and what to do on a lost session. */
export function ErrorNotice({ error }: { error: unknown }) {
  const e = error instanceof ApiError ? error : null;
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  return (
    <div className="notice notice-error" role="alert">
      <strong>{e?.code === 'UNAUTHORIZED' ? 'Session expired' : 'Error'}</strong>
      <span dir="auto"> {message}</span>
      {e && e.code !== 'NETWORK' ? <code className="notice-code">{e.code}</code> : null}
      {e?.code === 'UNAUTHORIZED' ? <div>Open the URL that `clew serve` printed (it carries the access token).</div> : null}
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
