/**
 * The Key players view: `/key-players?top=N&level=account|person&arrest=REF…&scope=SPEC`. The
 * ranking and the arrests run on the scope (components/ScopePicker.tsx: whole case, community,
 * ego network, time window, persons), stated on each table and figure. Nodes are accounts
 * or persons (accounts the analyst merged in the People view count as one node, `person:<id>`).
 * Without `level` in the URL the view ranks persons when the case has at least one (an arrest
 * takes all of a person's phones, and a person split over handles looks less central than they
 * are), else accounts; the Nodes switch says which and changes it.
 */
import { Account, dossierHref } from '../components/Account';
import { NetworkExportMenu } from '../components/Download';
import { arrestsOf, Disruption, type DisruptLevel, withArrests } from '../components/Disruption';
import { chosenLevel } from '../lib/level';
import { PendingJobs } from '../components/JobProgress';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { fetchApi, type KeyPlayersResponse, type ScopedRankResponse, type WireKeyPlayer, type WireScope } from '../lib/api';
import { ScopeError, ScopeNote, ScopePicker, scopeOf } from '../components/ScopePicker';
import { num } from '../lib/format';
import { filterTerm, navigate, searchHref } from '../lib/router';
import { useApi } from '../lib/useApi';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';

/** The messages a node sent: `from:REF` for an account, `person:<id>` for a person. */
function messagesHref(key: string): string {
  return searchHref(key.startsWith('person:') ? key : filterTerm('from', key));
}

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
      <Untrusted text={p.label} />
    </span>
  );
}

/** A person node's name (messages it sent), its dossier and its accounts. */
function PersonNode({ p }: { p: WireKeyPlayer }) {
  const members = p.members ?? [];
  return (
    <div className="keyplayer-person" data-testid="keyplayer-person">
      <Link to={messagesHref(p.key)} className="person-link" title={`messages sent by ${p.key}`}>
        <span className="account-name" dir="auto">
          <Untrusted text={p.label} />
        </span>
      </Link>{' '}
      <Link to={dossierHref(p.key)} className="chip" title={`dossier of ${p.key}`} data-testid="person-dossier-link">
        dossier
      </Link>
      <div className="muted small">
        person · {num(members.length)} account{members.length === 1 ? '' : 's'}:{' '}
        {members.map((a, i) => (
          <span key={a.ref}>
            {i > 0 ? ', ' : ''}
            <span dir="auto"><Untrusted text={a.displayName ?? a.handle} /></span>{' '}
            <span className="account-ref" dir="ltr">
              <Untrusted text={a.ref} />
            </span>
          </span>
        ))}
      </div>
    </div>
  );
}

/** A ranking within a scope, in the shape of the whole case's (rows without their accounts: labelled by name). */
function fromScoped(r: ScopedRankResponse, level: DisruptLevel): KeyPlayersResponse & { scope: WireScope } {
  const x = r.result;
  return {
    level,
    nodes: x.nodes,
    edges: x.edges,
    weights: x.weights ?? {},
    betweenness: x.betweenness,
    rows: x.rows.map((p) => ({ position: p.position, key: p.key, label: p.label, account: null, score: p.score, measures: p.measures ?? {}, contacts: p.contacts })),
    scope: r.scope,
  };
}

/** The composite key-player ranking (who matters most, and which measure says so) and the arrests to simulate. */
export default function KeyPlayersView({ params }: ViewProps) {
  const asked = Number(params.get('top'));
  const top = Number.isInteger(asked) && asked >= 1 && asked <= 200 ? asked : DEFAULT_TOP;
  const askedLevel = params.get('level');
  const explicit: DisruptLevel | null = askedLevel === 'person' || askedLevel === 'account' ? askedLevel : null;
  const scope = scopeOf(params);
  const { data: r, error } = useApi(
    async (signal): Promise<KeyPlayersResponse & { scope?: WireScope }> => {
      const lv = await chosenLevel(explicit, signal);
      if (!scope) return fetchApi('/keyplayers', { top, level: lv }, signal);
      return fromScoped(await fetchApi('/scoped/rank', { scope, top, level: lv }, signal), lv);
    },
    [top, explicit, scope],
  );
  const level = explicit ?? r?.level ?? null;
  const arrests = arrestsOf(params);
  const setScope = (next: string | null) => navigate(withArrests(params, arrests, { scope: next }), { replace: true });
  const setArrests = (next: string[]) => navigate(withArrests(params, next), { replace: true });
  const toggle = (key: string) => setArrests(arrests.includes(key) ? arrests.filter((a) => a !== key) : [...arrests, key]);
  // arrests carry over: at person level an account names its person, at account level a person all its accounts
  const setLevel = (l: DisruptLevel) => navigate(withArrests(params, arrests, { level: l }), { replace: true });
  return (
    <div className="view view-keyplayers">
      <h1>Key players</h1>
      <div className="arrest-controls">
        <label className="field">
          Nodes
          <select value={level ?? ''} onChange={(e) => setLevel(e.target.value === 'person' ? 'person' : 'account')} aria-label="Node level" data-testid="kp-level" disabled={!level}>
            {level ? null : <option value="">…</option>}
            <option value="account">Accounts</option>
            <option value="person">Persons (merged accounts)</option>
          </select>
        </label>
        <span className="muted small" data-testid="kp-level-note">
          {level === 'person'
            ? 'Accounts merged in the People view count as one person; accounts not merged stand for themselves.'
            : level === 'account'
              ? 'Every account (handle, PIN, number) is its own node, even when merged into a person.'
              : ''}
        </span>
      </div>
      <div className="arrest-controls">
        <ScopePicker scope={scope} onChange={setScope} />
        {level ? <NetworkExportMenu filter={{ level: level === 'person' ? 'person' : undefined, scope: scope ?? undefined }} /> : null}
      </div>
      <Disruption params={params} arrests={arrests} setArrests={setArrests} known={r?.rows ?? []} level={level} scope={scope} setScope={setScope} />
      {error ? (
        scope ? <ScopeError error={error} scope={scope} onChange={setScope} /> : <ErrorNotice error={error} />
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

/** A measure's raw value, short: whole numbers as such, others to 2 significant digits. */
const raw = (v: number) => (Number.isInteger(v) ? num(v) : v === 0 ? '0' : v.toPrecision(2));

function Ranking({ r, arrests, toggle }: { r: KeyPlayersResponse & { scope?: WireScope }; arrests: string[]; toggle: (key: string) => void }) {
  const weight = (id: string) => r.weights[id] ?? 0;
  const wsum = MEASURES.reduce((s, m) => s + weight(m.id), 0) || 1;
  // the top rows all rank near the top of every measure, so their scores bunch near 1: the bars
  // show each measure's raw value against the highest among the rows shown, and #k its place in
  // that measure among all nodes, which is what tells the top entries apart
  const top: Record<string, number> = {};
  for (const m of MEASURES) top[m.id] = Math.max(0, ...r.rows.map((p) => p.measures[m.id]?.value ?? 0));
  const place = (rank: number) => Math.round((1 - rank) * Math.max(0, r.nodes - 1)) + 1;
  return (
    <>
      <h2>Ranking</h2>
      <ScopeNote scope={r.scope ?? null} whole={{ nodes: r.nodes }} unit={r.level === 'person' ? 'persons and accounts' : 'accounts'} />
      <p className="muted">
        Top {num(r.rows.length)} of {num(r.nodes)} {r.level === 'person' ? 'persons and unmerged accounts' : 'accounts'} ({num(r.edges)} sender→recipient pairs) by a composite score: the weighted normalised rank in{' '}
        {MEASURES.map((m) => `${m.title} ${Math.round((weight(m.id) / wsum) * 100)}%`).join(', ')}. Near the top the scores bunch close to 1, so each measure
        shows its place among all {num(r.nodes)} (#1 is the highest) and its value, the bar that value against the highest among the rows shown. Click a
        person for the messages they sent; tick people to simulate their arrest.
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
                  {p.members ? (
                    <PersonNode p={p} />
                  ) : (
                    <Link to={messagesHref(p.key)} className="person-link" title={`messages sent by ${p.key}`}>
                      <Person p={p} />
                    </Link>
                  )}
                </td>
                <td className="num">{p.score.toFixed(3)}</td>
                {MEASURES.map((m) => {
                  const x = p.measures[m.id];
                  const max = top[m.id] ?? 0;
                  return (
                    <td
                      key={m.id}
                      className="measure"
                      title={x ? `${m.title} ${x.value.toPrecision(3)} · #${num(place(x.rank))} of ${num(r.nodes)} · normalised rank ${x.rank.toFixed(3)} · adds ${x.contribution.toFixed(3)} to the score` : undefined}
                    >
                      {x ? (
                        <div className="bar" data-testid={`bar-${m.id}`}>
                          <div className={`bar-fill bar-${m.id}`} style={{ width: pct(max > 0 ? x.value / max : 0) }} />
                          <span className="bar-label" data-testid="measure-place">
                            #{num(place(x.rank))} · {raw(x.value)}
                          </span>
                        </div>
                      ) : null}
                    </td>
                  );
                })}
                <td className="contacts">
                  {p.contacts.map((c) => (
                    <Link key={c.key} to={messagesHref(c.key)} className="contact" title={`${c.key} · ${num(c.messages)} messages and calls`}>
                      <span dir="auto"><Untrusted text={c.label} /></span>
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
