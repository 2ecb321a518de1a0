import { OtherCases } from '../components/OtherCases';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Account } from '../components/Account';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { LoadedAnnotations, UndoBar } from '../components/Annotations';
import { fetchApi, type AccountView } from '../lib/api';
import { num, utc } from '../lib/format';
import { filterTerm, href, navigate, searchHref } from '../lib/router';
import { galleryHref } from './gallery/state';
import { useApi } from '../lib/useApi';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';
import { CsvButton } from '../components/Download';

/** Dossiers: `/dossier/<url-encoded account ref>` for one account, `/dossier?q=` to find one. */
export default function DossierView({ args, params }: ViewProps) {
  let ref: string | null = null;
  try {
    ref = args[0] ? decodeURIComponent(args[0]) : null;
  } catch {
    ref = null;
  }
  return ref ? <Dossier subject={ref} /> : <DossierIndex q={params.get('q') ?? ''} />;
}

function When({ ts }: { ts: number | null }) {
  return ts === null ? <span className="muted">—</span> : <time dateTime={new Date(ts).toISOString()}>{utc(ts)}</time>;
}

function Section({ title, count, children, testId }: { title: string; count?: string; children: ReactNode; testId: string }) {
  return (
    <section className="panel dossier-section" data-testid={testId}>
      <h2>
        {title}
        {count ? <span className="muted small"> {count}</span> : null}
      </h2>
      {children}
    </section>
  );
}

function Dossier({ subject }: { subject: string }) {
  const { data: d, error } = useApi((signal) => fetchApi('/dossier/:ref*', { ref: subject }, signal), [subject]);
  if (error) return <div className="view view-dossier"><ErrorNotice error={error} /></div>;
  if (!d) return <div className="view view-dossier"><Loading /></div>;
  const refs = d.accounts.map((a) => a.ref);
  // a person's dossier: the Network (at person level), Timeline and Map take the person, all its accounts
  const person = d.subject.kind === 'person';
  const main = person ? d.subject.ref : refs[0]!;
  const to = refs.map((r) => filterTerm('to', r)).join(' ');
  const msgs = (extra = '') => searchHref(`${d.from}${extra ? ` ${extra}` : ''}`);
  const a = d.activity;
  const facts: [string, ReactNode][] = [
    ['first activity', <When ts={a.first} />],
    ['last activity', <When ts={a.last} />],
    ['messages sent', <Link to={msgs()}>{num(a.sent)}</Link>],
    ['messages received', <Link to={searchHref(to)}>{num(a.received)}</Link>],
    ['calls made', num(a.callsMade)],
    ['calls received', num(a.callsReceived)],
    ['contacts', num(d.contactsTotal)],
    ['conversations', num(d.conversationsTotal)],
  ];
  return (
    <div className="view view-dossier" data-testid="dossier">
      <header className="dossier-head">
        <div>
          <div className="muted small">Dossier · {d.subject.kind === 'person' ? `person (${d.accounts.length} accounts)` : 'account'}</div>
          <h1 dir="auto" className="dossier-title">
            <Untrusted text={d.subject.label} />
          </h1>
          <div className="dossier-refs">
            {d.accounts.map((x) => (
              <span key={x.id} className="mono">
                <Untrusted text={x.ref} />
              </span>
            ))}
          </div>
          <LoadedAnnotations item={person ? d.subject.ref : `account:${refs[0]!}`} />
          <OtherCases accounts={d.accounts.slice(0, 25).flatMap((x) => [x.ref, x.handle])} />
          <UndoBar />
        </div>
        <div className="dossier-actions no-print">
          <Link className="btn" to={msgs()}>
            Messages
          </Link>
          <Link className="btn" to={href('/network', { focus: main, level: person ? 'person' : null })}>
            Network
          </Link>
          <Link className="btn" to={href('/timeline', { account: main })}>
            Timeline
          </Link>
          <Link className="btn" to={href('/map', { account: main })}>
            Map
          </Link>
          <Link className="btn" to={galleryHref({ ref: main })} data-testid="dossier-gallery">
            Gallery
          </Link>
          <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="print">
            Print
          </button>
        </div>
      </header>
      <p className="muted small print-note">
        Counts over the case's records (exact duplicates left out); times in UTC. Each figure links to the messages behind it. Generated {utc(Date.now())} UTC in{' '}
        {d.elapsedMs} ms.
      </p>

      {d.handles ? (
        <Section title="Handles" count={`${d.handles.length} accounts of this person`} testId="dossier-handles">
          <table className="grid">
            <thead>
              <tr>
                <th>account</th>
                <th>first activity</th>
                <th>last activity</th>
                <th>sent</th>
                <th>received</th>
              </tr>
            </thead>
            <tbody>
              {d.handles.map((h) => (
                <tr key={h.account.id} data-testid="dossier-handle">
                  <td>
                    <Account account={h.account} link />
                  </td>
                  <td>
                    <When ts={h.first} />
                  </td>
                  <td>
                    <When ts={h.last} />
                  </td>
                  <td>
                    <Link to={searchHref(filterTerm('from', h.account.ref))}>{num(h.sent)}</Link>
                  </td>
                  <td>{num(h.received)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}

      <section className="facts" data-testid="dossier-facts">
        {facts.map(([label, v]) => (
          <div key={label} className="fact">
            <div className="fact-n">{v}</div>
            <div className="fact-label">{label}</div>
          </div>
        ))}
      </section>

      <div className="dossier-cols">
        <Section title="Identifiers" testId="dossier-identifiers">
          <table className="grid">
            <tbody>
              {d.accounts.map((x) => (
                <tr key={x.id}>
                  <th>{x.platform}</th>
                  <td>
                    <span className="mono"><Untrusted text={x.handle} /></span>
                    {x.kind ? <span className="muted"> ({x.kind})</span> : null}
                    {x.displayName ? (
                      <span dir="auto" className="dossier-name">
                        {' '}
                        <Untrusted text={x.displayName} />
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
              {d.devices.map((x) => (
                <tr key={`${x.key}\u0000${x.value}`} data-testid="dossier-device">
                  <th>
                    <Untrusted text={x.key} />
                  </th>
                  <td>
                    <span className="mono" dir="ltr">
                      <Untrusted text={x.value} />
                    </span>
                    {x.sources > 1 || (person && x.accounts.length > 1) ? (
                      <span className="muted small">
                        {' '}
                        {[x.sources > 1 ? `seen in ${num(x.sources)} sources` : '', person && x.accounts.length > 1 ? `on ${num(x.accounts.length)} handles` : ''].filter(Boolean).join(' · ')}
                      </span>
                    ) : null}
                    {x.spellings.length ? (
                      <div className="muted small device-spellings">
                        written{' '}
                        {x.spellings.map((w, i) => (
                          <span key={i} className="mono" dir="ltr">
                            {i ? ', ' : ''}
                            <Untrusted text={w} />
                          </span>
                        ))}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.savedAs.length ? (
            <>
              <h3>Saved in others' contacts as</h3>
              <ul className="plain">
                {d.savedAs.map((s) => (
                  <li key={s.name}>
                    <span dir="auto" className="saved-name">
                      <Untrusted text={s.name} />
                    </span>{' '}
                    <span className="muted">
                      by {num(s.owners)}: </span>
                    {s.by.map((o) => (
                      <Account key={o.id} account={o} showRef={!o.displayName} link />
                    ))}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>Channels</h3>
          <table className="grid">
            <thead>
              <tr>
                <th>Channel</th>
                <th className="num">Sent</th>
                <th className="num">Received</th>
              </tr>
            </thead>
            <tbody>
              {a.channels.map((c) => (
                <tr key={c.channel}>
                  <td>{c.channel}</td>
                  <td className="num">
                    <Link to={msgs(filterTerm('channel', c.channel))}>{num(c.sent)}</Link>
                  </td>
                  <td className="num">
                    <Link to={searchHref(`${to} ${filterTerm('channel', c.channel)}`)}>{num(c.received)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>

        <Section title="Contacts" count={`(${num(d.contacts.length)} of ${num(d.contactsTotal)}, by messages and calls both ways)`} testId="dossier-contacts">
          <CsvButton path="/csv/contacts" params={{ subject }} title="All contacts as CSV (up to 10,000)" testId="csv-contacts" />
          <table className="grid">
            <thead>
              <tr>
                <th>Contact</th>
                <th className="num">Total</th>
                <th className="num">Sent</th>
                <th className="num">Received</th>
                <th className="num">Calls</th>
                <th>First</th>
                <th>Last</th>
              </tr>
            </thead>
            <tbody>
              {d.contacts.map((c) => (
                <tr key={c.account.id} data-testid="dossier-contact">
                  <td>
                    <Account account={c.account} showRef={!c.account.displayName} link />
                  </td>
                  <td className="num">{num(c.total)}</td>
                  <td className="num">
                    <Link to={msgs(filterTerm('to', c.account.ref))}>{num(c.sent)}</Link>
                  </td>
                  <td className="num">
                    <Link to={searchHref(`${filterTerm('from', c.account.ref)} ${to}`)}>{num(c.received)}</Link>
                  </td>
                  <td className="num">{num(c.calls)}</td>
                  <td className="nowrap">
                    <When ts={c.first} />
                  </td>
                  <td className="nowrap">
                    <When ts={c.last} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      </div>

      <Section title="Entities mentioned" count="(in the messages sent)" testId="dossier-entities">
        {d.entities.length === 0 ? <div className="muted">None found.</div> : null}
        <div className="dossier-entities">
          {d.entities.map((e) => (
            <div key={e.type} className="dossier-entity-type">
              <h3>
                <Link to={msgs(filterTerm('entity', e.type))}>{e.type.replace(/_/g, ' ')}</Link> <span className="muted small">{num(e.total)}</span>
              </h3>
              <table className="grid">
                <tbody>
                  {e.rows.map((r) => (
                    <tr key={r.value} data-testid="dossier-entity">
                      <td>
                        <Link to={msgs(filterTerm('entity', `${e.type}=${r.value}`))} dir="auto" className="entity-link">
                          <Untrusted text={r.value} />
                        </Link>
                      </td>
                      <td className="num" title={`${num(r.mentions)} mentions in ${num(r.messages)} messages`}>
                        {num(r.messages)}
                      </td>
                      <td className="nowrap small">
                        <When ts={r.first} /> – <When ts={r.last} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </div>
      </Section>

      <div className="dossier-cols dossier-cols-wide-first">
        <Section title="Conversations" count={`(${num(d.conversations.length)} of ${num(d.conversationsTotal)})`} testId="dossier-conversations">
          <table className="grid">
            <thead>
              <tr>
                <th>Conversation</th>
                <th className="num">Members</th>
                <th className="num">Sent</th>
                <th>First</th>
                <th>Last</th>
              </tr>
            </thead>
            <tbody>
              {d.conversations.map((c) => (
                <tr key={c.id}>
                  <td dir="auto">{c.lastMessage !== null ? <Link to={`/m/${c.lastMessage}`}><Untrusted text={c.title ?? c.ref} /></Link> : <Untrusted text={c.title ?? c.ref} />}</td>
                  <td className="num">{num(c.members)}</td>
                  <td className="num">{num(c.sent)}</td>
                  <td className="nowrap">
                    <When ts={c.first} />
                  </td>
                  <td className="nowrap">
                    <When ts={c.last} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section title="Recorded positions" count="(antennas, GPS, photos)" testId="dossier-places">
          {d.places.length === 0 ? <div className="muted">None recorded for this account; places named in messages are under Entities.</div> : null}
          {d.places.length ? (
            <table className="grid">
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Label</th>
                  <th>Position</th>
                  <th className="num">Times</th>
                  <th>First</th>
                  <th>Last</th>
                </tr>
              </thead>
              <tbody>
                {d.places.map((p, i) => (
                  <tr key={i}>
                    <td>{p.kind}</td>
                    <td dir="auto"><Untrusted text={p.label} /></td>
                    <td className="mono">
                      <Link to={href('/map', { account: main })}>
                        {p.lat.toFixed(4)}, {p.lon.toFixed(4)}
                      </Link>
                    </td>
                    <td className="num">{num(p.count)}</td>
                    <td className="nowrap">
                      <When ts={p.first} />
                    </td>
                    <td className="nowrap">
                      <When ts={p.last} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Section>
      </div>
    </div>
  );
}

function DossierIndex({ q }: { q: string }) {
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const { data, error } = useApi((signal) => fetchApi('/dossier', { q: q.trim() || undefined, top: 25 }, signal), [q]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(href('/dossier', { q: draft.trim() }));
  };
  const row = (x: AccountView, extra?: ReactNode) => (
    <tr key={x.id} data-testid="dossier-account">
      <td>
        <Account account={x} link />
      </td>
      {extra}
    </tr>
  );
  return (
    <div className="view view-dossier-index">
      <div className="view-head">
        <h1>Dossiers</h1>
      </div>
      <form className="searchbar" role="search" onSubmit={submit}>
        <input
          className="searchbox"
          type="search"
          dir="auto"
          value={draft}
          maxLength={300}
          placeholder="Account reference, handle or name (exact, any case)"
          aria-label="Find an account"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="btn btn-primary">
          Find
        </button>
      </form>
      {error ? <ErrorNotice error={error} /> : !data ? <Loading /> : null}
      {data && q.trim() ? (
        <section className="panel">
          <h2>Accounts named “<span dir="auto"><Untrusted text={q.trim()} /></span>”</h2>
          {data.matches.length === 0 ? <div className="muted">No account has this reference, handle or name.</div> : null}
          <table className="grid">
            <tbody>{data.matches.map((x) => row(x))}</tbody>
          </table>
        </section>
      ) : null}
      {data ? (
        <section className="panel">
          <h2>Most active accounts</h2>
          <table className="grid">
            <thead>
              <tr>
                <th>Account</th>
                <th className="num">Sent</th>
                <th className="num">Received</th>
                <th className="num">Contacts</th>
              </tr>
            </thead>
            <tbody>
              {data.top.map((t) =>
                row(
                  t.account,
                  <>
                    <td className="num">{num(t.sent)}</td>
                    <td className="num">{num(t.received)}</td>
                    <td className="num">{num(t.contacts)}</td>
                  </>,
                ),
              )}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
