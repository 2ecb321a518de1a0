import { OtherCases, entitySelectors } from '../components/OtherCases';
import { useEffect, useState } from 'react';
import { Account } from '../components/Account';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { fetchApi, type EntitiesType, type EntityRow } from '../lib/api';
import { num, utc } from '../lib/format';
import { filterTerm, href, navigate, searchHref } from '../lib/router';
import { useApi } from '../lib/useApi';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';
import { CsvButton } from '../components/Download';
import { Annotations, UndoBar, useAnnotationsOf } from '../components/Annotations';

/** An entity's item reference for its annotations (issue 20): the value may hold commas, so it is read through a JSON list. */
const entityItem = (e: EntityRow) => `entity:${e.type}=${e.value}`;

/** Rows per page; "Show more" loads the next page after the ones shown. */
const LIMIT = 500;
/** Accounts shown per entity. */
const TOP_ACCOUNTS = 3;

/** Entities found in message bodies (phones, IBANs, vessels, money…), most mentioned first. */
export default function EntitiesView({ params }: ViewProps) {
  // the type as the address gives it: the server refuses one it does not know
  const type = (params.get('type') ?? '') as EntitiesType | '';
  const { data: r, error } = useApi((signal) => fetchApi('/entities', { type: type || undefined, limit: LIMIT }, signal), [type]);
  // further pages, appended below the first (reset when the type changes)
  const [more, setMore] = useState<{ rows: EntityRow[]; done: boolean; loading: boolean; error: unknown }>({ rows: [], done: false, loading: false, error: null });
  useEffect(() => setMore({ rows: [], done: false, loading: false, error: null }), [type]);
  const rows = r ? [...r.rows, ...more.rows] : [];
  const hasMore = r !== null && r.rows.length === LIMIT && !more.done;
  const annotations = useAnnotationsOf(rows.map(entityItem));
  const loadMore = () => {
    setMore((m) => ({ ...m, loading: true, error: null }));
    fetchApi('/entities', { type: type || undefined, limit: LIMIT, offset: rows.length }).then(
      (page) => setMore((m) => ({ rows: [...m.rows, ...page.rows], done: page.rows.length < LIMIT, loading: false, error: null })),
      (e: unknown) => setMore((m) => ({ ...m, loading: false, error: e })),
    );
  };
  return (
    <div className="view view-entities">
      <div className="view-head">
        <h1>Entities</h1>
        <label className="field">
          <span className="muted">Type</span>
          <select
            aria-label="Entity type"
            data-testid="entity-type"
            value={type}
            onChange={(e) => navigate(href('/entities', { type: e.target.value }), { replace: true })}
          >
            <option value="">all types</option>
            {(r?.types ?? (type ? [type] : [])).map((t) => (
              <option key={t} value={t}>
                {t.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <CsvButton path="/csv/entities" params={{ type: type || undefined }} title="Entities of this type as CSV, most mentioned first (up to 100,000)" testId="csv-entities" />
      </div>
      <p className="muted">
        Found in message bodies, most mentioned first ({num(rows.length)} shown{hasMore ? ', more below' : ''}). Click an entity for the messages that mention it, an account for the messages it
        sent. Times in UTC.
      </p>
      <UndoBar />
      <OtherCases selectors={entitySelectors(rows)} />
      {error ? <ErrorNotice error={error} /> : !r ? <Loading /> : r.rows.length === 0 ? <div className="empty-note">No entities of this type were found.</div> : null}
      {r && r.rows.length > 0 ? (
        <table className="grid" data-testid="entities">
          <thead>
            <tr>
              {type ? null : <th className="ent-type-col">Type</th>}
              <th>Entity</th>
              <th>As written</th>
              <th className="num">Mentions</th>
              <th className="num">Messages</th>
              <th>First seen</th>
              <th>Last seen</th>
              <th>Top accounts</th>
              <th>Annotations</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={`${e.type}\u0000${e.value}`} data-testid="entity">
                {type ? null : <td className={`ent-type ent-${e.type}`}>{e.type.replace(/_/g, ' ')}</td>}
                <td>
                  <Link to={searchHref(filterTerm('entity', `${e.type}=${e.value}`))} className="entity-link" dir="auto" title={`messages mentioning this ${e.type}`}>
                    <Untrusted text={e.value} />
                  </Link>
                </td>
                <td className="spellings">
                  {e.raw.map((s, i) => (
                    <span key={i} className="spelling" dir="auto">
                      {s}
                    </span>
                  ))}
                </td>
                <td className="num">{num(e.mentions)}</td>
                <td className="num">{num(e.messages)}</td>
                <td className="nowrap">
                  <time dateTime={new Date(e.first).toISOString()}>{utc(e.first)}</time>
                </td>
                <td className="nowrap">
                  <time dateTime={new Date(e.last).toISOString()}>{utc(e.last)}</time>
                </td>
                <td className="accounts">
                  {e.accounts.slice(0, TOP_ACCOUNTS).map((a) => (
                    <Link key={a.account.id} to={searchHref(filterTerm('from', a.account.ref))} className="account-link" title={`messages sent by ${a.account.ref}`}>
                      <Account account={a.account} showRef={!a.account.displayName} />
                      <span className="muted"> ×{num(a.mentions)}</span>
                    </Link>
                  ))}
                </td>
                <td className="entity-annotations">{annotations ? <Annotations item={entityItem(e)} initial={annotations[entityItem(e)]} compact /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {more.error ? <ErrorNotice error={more.error} /> : null}
      {hasMore ? (
        <button type="button" className="btn btn-more" data-testid="entities-more" disabled={more.loading} onClick={loadMore}>
          {more.loading ? 'Loading…' : `Show ${num(LIMIT)} more`}
        </button>
      ) : null}
    </div>
  );
}
