import { ErrorNotice, Loading } from '../components/Notice';
import { api } from '../lib/api';
import { useApi } from '../lib/useApi';
import { Untrusted } from '../components/Untrusted';
import { CsvButton } from '../components/Download';

/** Records that could not be ingested: file, place and reason (nothing is dropped silently). */
export default function QuarantineView() {
  const { data: r, error } = useApi((signal) => api.quarantine(1000, signal), []);
  if (error) return <ErrorNotice error={error} />;
  if (!r) return <Loading />;
  return (
    <div className="view view-quarantine">
      <div className="view-head">
        <h1>Quarantine</h1>
        {r.rows.length > 0 ? <CsvButton path="/csv/quarantine" params={{}} title="Quarantined records as CSV, with the full file path (up to 100,000)" testId="csv-quarantine" /> : null}
      </div>
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
                  <Untrusted text={q.sourcePath.split(/[\\/]/).pop()} />
                </td>
                <td className="mono">{q.locator.line !== undefined ? `line ${q.locator.line}` : (q.locator.path ?? q.locator.entry ?? '')}</td>
                <td className="mono">{q.code}</td>
                <td dir="auto"><Untrusted text={q.message} /></td>
                <td className="mono excerpt" dir="auto">
                  <Untrusted text={q.excerpt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
