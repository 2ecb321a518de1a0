import { useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../components/Notice';
import { api, type QuarantineResponse } from '../lib/api';

/** Records that could not be ingested: file, place and reason (nothing is dropped silently). */
export default function QuarantineView() {
  const [r, setR] = useState<QuarantineResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ac = new AbortController();
    api.quarantine(1000, ac.signal).then(setR, (e: unknown) => {
      if ((e as Error).name !== 'AbortError') setError(e);
    });
    return () => ac.abort();
  }, []);
  if (error) return <ErrorNotice error={error} />;
  if (!r) return <Loading />;
  return (
    <div className="view view-quarantine">
      <h1>Quarantine</h1>
      <p className="muted">Records that could not be ingested, with the file, the place in it and the reason. Showing up to 1,000.</p>
      {r.rows.length === 0 ? (
        <div className="empty-note">Nothing was quarantined.</div>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>File</th>
              <th>Place</th>
              <th>Code</th>
              <th>Reason</th>
              <th>Excerpt</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((q, i) => (
              <tr key={i}>
                <td dir="auto" title={q.sourcePath}>
                  {q.sourcePath.split(/[\\/]/).pop()}
                </td>
                <td className="mono">{q.locator.line !== undefined ? `line ${q.locator.line}` : (q.locator.path ?? q.locator.entry ?? '')}</td>
                <td className="mono">{q.code}</td>
                <td dir="auto">{q.message}</td>
                <td className="mono excerpt" dir="auto">
                  {q.excerpt ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
