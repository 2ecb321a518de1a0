/**
 * The Audit view (issue 21 part 5): the audit log's entries of the open case, newest first, for
 * its auditors and owners: who (user, agency), when, what (the action, the query text, the
 * filters, the records returned), each with its leaf index, and the latest signed head; an entry
 * that head covers can be downloaded as an inclusion proof that `clew audit check-proof` checks
 * without the database. Every value comes from users or seized data: rendered as text.
 */
import { useState, type FormEvent } from 'react';
import { ErrorNotice, Loading } from '../../components/Notice';
import { Untrusted } from '../../components/Untrusted';
import { num, utc } from '../../lib/format';
import { href, navigate, useRoute } from '../../lib/router';
import { useApi } from '../../lib/useApi';
import { auditApi, saveJson } from './data';
import { type AuditFilters, filtersFrom, paramsOf, proofFileName } from './state';

function short(v: unknown): string {
  const text = JSON.stringify(v);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export default function AuditView() {
  const route = useRoute();
  const f = filtersFrom(route.params);
  const key = JSON.stringify(f);
  const { data, error, loading } = useApi((signal) => auditApi.entries(f, signal), [key]);
  const [draft, setDraft] = useState<AuditFilters>(f);
  const [proofError, setProofError] = useState<unknown>(null);
  const caseName = decodeURIComponent(window.location.pathname.split('/')[2] ?? 'case');

  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(href('/audit', paramsOf({ ...draft, before: null })));
  };
  const proof = async (index: number) => {
    setProofError(null);
    try {
      saveJson(proofFileName(caseName, index), await auditApi.proof(index));
    } catch (e) {
      setProofError(e);
    }
  };

  return (
    <div className="view view-audit" data-testid="audit-view">
      <div className="view-head">
        <h1>Audit log</h1>
      </div>
      <p className="muted">Every read and write of this case, newest first: who, when, what was asked and which records were returned. Times in UTC.</p>
      <form className="audit-filters" onSubmit={apply} data-testid="audit-filters">
        <label>
          User <input value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} data-testid="audit-user" maxLength={200} />
        </label>
        <label>
          Action <input value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} placeholder="get:search" data-testid="audit-action" maxLength={64} />
        </label>
        <label>
          From <input value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} placeholder="2026-12-01" data-testid="audit-since" maxLength={40} />
        </label>
        <label>
          Before <input value={draft.until} onChange={(e) => setDraft({ ...draft, until: e.target.value })} placeholder="2026-12-08T12:00Z" data-testid="audit-until" maxLength={40} />
        </label>
        <button type="submit" className="btn">
          Filter
        </button>
      </form>
      {data?.head ? (
        <p className="muted" data-testid="audit-head">
          Latest signed head: {num(data.head.size)} entries, signed {utc(data.head.at, true)} by key <span className="mono">{data.head.fingerprint}</span>
        </p>
      ) : data ? (
        <p className="muted" data-testid="audit-head">
          No signed head yet (the server signs one within a minute).
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {proofError ? <ErrorNotice error={proofError} /> : null}
      {!data && loading ? <Loading /> : null}
      {data && data.entries.length === 0 ? <div className="empty-note">No entry matches.</div> : null}
      {data && data.entries.length > 0 ? (
        <table className="grid" data-testid="audit-entries">
          <thead>
            <tr>
              <th>Entry</th>
              <th>Time</th>
              <th>User</th>
              <th>Action</th>
              <th>Query and filters</th>
              <th>Records</th>
              <th>Proof</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.index} data-testid="audit-entry">
                <td className="mono">{e.index}</td>
                <td className="mono">{utc(e.at, true)}</td>
                <td dir="auto">
                  <Untrusted text={e.user} />
                  {e.agency ? (
                    <span className="muted">
                      {' · '}
                      <Untrusted text={e.agency} />
                    </span>
                  ) : null}
                </td>
                <td className="mono" data-testid="audit-entry-action">
                  {e.action}
                  {e.action === 'refused' && e.detail ? <div className="muted">{short(e.detail.action)}</div> : null}
                </td>
                <td dir="auto">
                  {e.query !== null ? (
                    <div data-testid="audit-entry-query">
                      <Untrusted text={e.query} />
                    </div>
                  ) : null}
                  {e.filters && Object.keys(e.filters).length > 0 ? (
                    <div className="muted mono">
                      <Untrusted text={short(e.filters)} />
                    </div>
                  ) : null}
                </td>
                <td className="mono">
                  {num(e.records.count)}
                  {e.records.first.length > 0 ? (
                    <span className="muted">
                      {' '}
                      (<Untrusted text={e.records.first.join(', ')} />
                      {e.records.count > e.records.first.length ? ', …' : ''})
                    </span>
                  ) : null}
                </td>
                <td>
                  {e.signed ? (
                    <button type="button" className="btn" onClick={() => void proof(e.index)} data-testid="audit-proof" title="An inclusion proof of this entry in the latest signed head, for clew audit check-proof">
                      Verify this entry
                    </button>
                  ) : (
                    <span className="muted">not yet signed</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data?.next !== null && data?.next !== undefined ? (
        <button type="button" className="btn" onClick={() => navigate(href('/audit', paramsOf({ ...f, before: data.next })))} data-testid="audit-older">
          Older entries
        </button>
      ) : null}
    </div>
  );
}
