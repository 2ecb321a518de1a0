import { Account } from '../components/Account';
import { arrestsOf, Disruption, withArrests } from '../components/Disruption';
import { PendingJobs } from '../components/JobProgress';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { api, type KeyPlayersResponse, type WireKeyPlayer } from '../lib/api';
import { num } from '../lib/format';
import { filterTerm, navigate, searchHref } from '../lib/router';
import { useApi } from '../lib/useApi';
import type { ViewProps } from '../views';

const DEFAULT_TOP = 25;
const MEASURES: { id: string; title: string }[] = [
  { id: 'pagerank', title: 'PageRank' },
  { id: 'betweenness', title: 'Betweenness' },
  { id: 'degree', title: 'Degree' },
  { id: 'eigenvector', title: 'Eigenvector' },
];

const pct = (x: number) => `${Math.max(0, Math.min(100, x * 100)).toFixed(1)}%`;

function Person({ p }: { p: WireKeyPlayer }) {
  return p.account ? (
    <Account account={p.account} />
  ) : (
    <span className="account-name" dir="auto">
      {p.label}
    </span>
  );
}

/** The composite key-player ranking (who matters most, and which measure says so) and the arrests to simulate. */
export default function KeyPlayersView({ params }: ViewProps) {
  const asked = Number(params.get('top'));
  const top = Number.isInteger(asked) && asked >= 1 && asked <= 200 ? asked : DEFAULT_TOP;
  const { data: r, error } = useApi((signal) => api.keyPlayers(top, signal), [top]);
  const arrests = arrestsOf(params);
  const setArrests = (next: string[]) => navigate(withArrests(params, next), { replace: true });
  const toggle = (key: string) => setArrests(arrests.includes(key) ? arrests.filter((a) => a !== key) : [...arrests, key]);
  return (
    <div className="view view-keyplayers">
      <h1>Key players</h1>
      <Disruption params={params} arrests={arrests} setArrests={setArrests} known={r?.rows ?? []} />
      {error ? (
        <ErrorNotice error={error} />
      ) : !r ? (
        <>
          <Loading what="Ranking (the first time takes a few seconds on a big case)" />
          <PendingJobs kind="keyplayers" />
        </>
      ) : (
        <Ranking r={r} arrests={arrests} toggle={toggle} />
      )}
    </div>
  );
}

function Ranking({ r, arrests, toggle }: { r: KeyPlayersResponse; arrests: string[]; toggle: (key: string) => void }) {
  const weight = (id: string) => r.weights[id] ?? 0;
  const wsum = MEASURES.reduce((s, m) => s + weight(m.id), 0) || 1;
  return (
    <>
      <h2>Ranking</h2>
      <p className="muted">
        Top {num(r.rows.length)} of {num(r.nodes)} accounts ({num(r.edges)} contact pairs) by a composite score: the weighted normalised rank in{' '}
        {MEASURES.map((m) => `${m.title} ${Math.round((weight(m.id) / wsum) * 100)}%`).join(', ')}. Each bar is that measure's share of the score; a full bar is
        the top rank. Click a person for the messages they sent; tick people to simulate their arrest.
      </p>
      {r.betweenness?.sampled ? (
        <div className="notice">
          Betweenness is estimated from {num(r.betweenness.samples)} sampled sources (error ≤ {r.betweenness.errorBound.toPrecision(2)} at{' '}
          {Math.round(r.betweenness.confidence * 100)}% confidence).
        </div>
      ) : null}
      {r.rows.length === 0 ? (
        <div className="empty-note">No one has contacts in this case.</div>
      ) : (
        <table className="grid keyplayers" data-testid="keyplayers">
          <thead>
            <tr>
              <th>Arrest</th>
              <th className="num">#</th>
              <th>Person</th>
              <th className="num">Score</th>
              {MEASURES.map((m) => (
                <th key={m.id}>{m.title}</th>
              ))}
              <th>Top contacts</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((p) => (
              <tr key={p.key} data-testid="keyplayer" className={arrests.includes(p.key) ? 'arrested' : undefined}>
                <td>
                  <input type="checkbox" checked={arrests.includes(p.key)} onChange={() => toggle(p.key)} aria-label={`arrest ${p.key}`} data-testid="arrest-box" />
                </td>
                <td className="num">{p.position}</td>
                <td>
                  <Link to={searchHref(filterTerm('from', p.key))} className="person-link" title={`messages sent by ${p.key}`}>
                    <Person p={p} />
                  </Link>
                </td>
                <td className="num">{p.score.toFixed(3)}</td>
                {MEASURES.map((m) => {
                  const x = p.measures[m.id];
                  const w = weight(m.id) / wsum;
                  return (
                    <td key={m.id} className="measure" title={x ? `${m.title} ${x.value.toPrecision(3)} · rank ${x.rank.toFixed(2)} · adds ${x.contribution.toFixed(3)}` : undefined}>
                      {x ? (
                        <div className="bar" data-testid={`bar-${m.id}`}>
                          <div className={`bar-fill bar-${m.id}`} style={{ width: pct(w > 0 ? x.contribution / w : 0) }} />
                          <span className="bar-label">{x.contribution.toFixed(3)}</span>
                        </div>
                      ) : null}
                    </td>
                  );
                })}
                <td className="contacts">
                  {p.contacts.map((c) => (
                    <Link key={c.key} to={searchHref(filterTerm('from', c.key))} className="contact" title={`${c.key} · ${num(c.messages)} messages and calls`}>
                      <span dir="auto">{c.label}</span>
                      <span className="muted"> ({num(c.messages)})</span>
                    </Link>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
