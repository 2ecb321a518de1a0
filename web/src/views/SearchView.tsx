import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { Account } from '../components/Account';
import { Highlighted } from '../components/Highlighted';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { ENTITY_TYPES } from '../../../src/api/entities.js';
import { languageOptions } from '../../../src/api/languages.js';
import { readFilters, setFilter } from '../../../src/text/query/quote.js';
import { fetchApi, api, type SearchResponse, type WireHit } from '../lib/api';
import { num, utc } from '../lib/format';
import { isTyping } from '../lib/keys';
import { href, navigate } from '../lib/router';
import { useApi, useCaseGeneration } from '../lib/useApi';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';
import { CsvButton } from '../components/Download';
import { IsoDateInput } from '../components/IsoDateInput';
import { ANNOTATED, Annotations, UndoBar } from '../components/Annotations';
import { AddToReport } from './report/AddToReport';
import { galleryApi } from './gallery/data';
import type { AnnotationChangeResponse } from '../lib/api';

const PAGE = 50;
/** Matches counted on the first page before the count says "more than". */
const COUNT_CAP = 10_000;
type Mode = 'folded' | 'exact';
const CHANNELS = ['chat', 'sms', 'email'];

interface Results {
  key: string;
  hits: WireHit[];
  nextCursor: number | null;
  loading: boolean;
  error: unknown;
  notes: string[];
  elapsedMs: number;
  total: SearchResponse['total'] | null;
}

/** The last results and scroll position, so Back from a conversation returns to the same place. */
const memory: { res: Results | null; scroll: number } = { res: null, scroll: 0 };

/** The search's URL: the query, the matching mode and whether the machine translations are searched too (issue 23). */
function searchHref(q: string, mode: Mode, translated = false): string {
  return href('/search', { q, mode: mode === 'exact' ? 'exact' : undefined, translated: translated ? '1' : undefined });
}

export default function SearchView({ params }: ViewProps) {
  const q = params.get('q') ?? '';
  const mode: Mode = params.get('mode') === 'exact' ? 'exact' : 'folded';
  const translated = params.get('translated') === '1';
  const key = `${mode}\u0000${translated ? 't' : ''}\u0000${q}`;
  const [draft, setDraft] = useState(q);
  const [res, setRes] = useState<Results | null>(() => (memory.res?.key === key && !memory.res.loading ? memory.res : null));
  const restored = useRef(res !== null);
  const current = useRef(res);
  current.current = res;
  const container = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const inflight = useRef<AbortController | null>(null);

  useEffect(() => setDraft(q), [q]);
  // a tag, note or star changed (here or by the undo bar): the hit shows the item as it is now
  useEffect(() => {
    const onAnnotated = (e: Event) => {
      const r = (e as CustomEvent<AnnotationChangeResponse>).detail;
      if (r.item.type !== 'message') return;
      const id = Number(r.item.key);
      setRes((cur) => (cur && cur.hits.some((h) => h.id === id) ? { ...cur, hits: cur.hits.map((h) => (h.id === id ? { ...h, annotations: r.annotations } : h)) } : cur));
    };
    window.addEventListener(ANNOTATED, onAnnotated);
    return () => window.removeEventListener(ANNOTATED, onAnnotated);
  }, []);
  useEffect(() => {
    memory.res = res;
  }, [res]);
  useLayoutEffect(() => {
    if (restored.current && container.current) container.current.scrollTop = memory.scroll;
  }, []);

  // keys: "/" focuses the search box; j / k (or ↓ / ↑) move through the hits; Enter opens one
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const typing = isTyping(e);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        input.current?.focus();
        return;
      }
      const step = e.key === 'j' || (e.key === 'ArrowDown' && !typing) ? 1 : e.key === 'k' || (e.key === 'ArrowUp' && !typing) ? -1 : 0;
      if (step === 0 || (typing && e.key.length === 1)) return;
      const links = [...(container.current?.querySelectorAll<HTMLAnchorElement>('a.hit-link') ?? [])];
      if (!links.length) return;
      e.preventDefault();
      const at = links.indexOf(document.activeElement as HTMLAnchorElement);
      const next = links[Math.max(0, Math.min(links.length - 1, at < 0 ? 0 : at + step))];
      next?.focus();
      next?.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const fetchPage = useCallback(
    (cursor: number | undefined) => {
      inflight.current?.abort();
      const ac = new AbortController();
      inflight.current = ac;
      setRes((r) =>
        r && r.key === key ? { ...r, loading: true, error: null } : { key, hits: [], nextCursor: null, loading: true, error: null, notes: [], elapsedMs: 0, total: null },
      );
      fetchApi(
        '/search',
        { q, mode, limit: PAGE, cursor, count: cursor === undefined && mode === 'folded' ? COUNT_CAP : undefined, translated: translated ? '1' : undefined },
        ac.signal,
      ).then(
        (page) =>
          setRes((r) => {
            const more = r && r.key === key && cursor !== undefined;
            const prev = more ? r.hits : [];
            const total = more ? r.total : (page.total ?? null);
            return { key, hits: [...prev, ...page.hits], nextCursor: page.nextCursor, loading: false, error: null, notes: page.notes, elapsedMs: page.elapsedMs, total };
          }),
        (e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          setRes((r) => ({ ...(r ?? { hits: [], nextCursor: null, notes: [], elapsedMs: 0, total: null }), key, loading: false, error: e }));
        },
      );
    },
    [key, q, mode, translated],
  );

  useEffect(() => {
    if (!q.trim()) {
      setRes(null);
      return;
    }
    // results for this query already shown (remembered on the way back): keep them as they were
    if (current.current?.key === key && !current.current.error) return;
    memory.scroll = 0;
    fetchPage(undefined);
    return () => inflight.current?.abort();
  }, [q, key, fetchPage]);

  // infinite scroll: the next page loads when the sentinel under the list comes into view
  useEffect(() => {
    const el = sentinel.current;
    // only for the results of this query: a cursor from the previous query must not page the new one
    if (!el || !res || res.key !== key || res.loading || res.error || res.nextCursor === null) return;
    const cursor = res.nextCursor;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((x) => x.isIntersecting)) fetchPage(cursor);
    }, { rootMargin: '400px' });
    io.observe(el);
    return () => io.disconnect();
  }, [res, key, fetchPage]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(searchHref(draft.trim(), mode, translated));
  };
  /** A filter control changed: the query text is edited, so the URL stays the one source of truth. */
  const applyFilter = (key: string, value: string | null) => {
    const next = setFilter(draft.trim() || q, key, value);
    setDraft(next);
    if (next) navigate(searchHref(next, mode, translated));
  };

  return (
    <div className="view view-search" ref={container} onScroll={(e) => (memory.scroll = e.currentTarget.scrollTop)}>
      <form className="searchbar" role="search" onSubmit={submit}>
        <input
          ref={input}
          className="searchbox"
          type="search"
          name="q"
          dir="auto"
          value={draft}
          placeholder='Search messages: words, "phrases", OR, -exclude, prefix*, from:, to:, after:, channel:'
          aria-label="Search query"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          maxLength={2000}
          onChange={(e) => setDraft(e.target.value)}
        />
        <div className="segmented" role="radiogroup" aria-label="Matching">
          {(['folded', 'exact'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              className={mode === m ? 'seg active' : 'seg'}
              title={m === 'folded' ? 'case, accents and script do not matter (kafa = KAFA = кафа)' : 'match words exactly as written'}
              onClick={() => navigate(searchHref(draft.trim() || q, m, translated), { replace: true })}
            >
              {m === 'folded' ? 'Folded' : 'Exact'}
            </button>
          ))}
        </div>
        <label className="switch" title="Also search the messages' stored machine translations (Apertium, offline; folded mode): an English word finds the Serbian message whose translation says it">
          <input
            type="checkbox"
            role="switch"
            checked={translated}
            data-testid="translated-toggle"
            onChange={(e) => navigate(searchHref(draft.trim() || q, mode, e.target.checked), { replace: true })}
          />
          Include translations
        </label>
        <button type="submit" className="btn btn-primary">
          Search
        </button>
      </form>
      <Filters q={q} onChange={applyFilter} />

      {!q.trim() ? (
        <Overview />
      ) : (
        <>
          <div className="resultbar" aria-live="polite">
            {res && !res.error ? (
              <>
                <span data-testid="hit-count">
                  {res.total
                    ? `${res.total.capped ? 'more than ' : ''}${num(res.total.count)} ${res.total.count === 1 && !res.total.capped ? 'message' : 'messages'}`
                    : `${num(res.hits.length)}${res.nextCursor !== null ? '+' : ''} ${res.hits.length === 1 ? 'message' : 'messages'}`}
                </span>
                {res.total && res.hits.length < res.total.count ? <span className="muted">{num(res.hits.length)} shown</span> : null}
                <span className="muted">
                  newest first · {mode === 'exact' ? 'exact' : 'folded'}
                  {translated ? ' · with translations' : ''} · {res.elapsedMs} ms
                </span>
                {res.hits.length > 0 ? (
                  <CsvButton path="/csv/search" params={{ q, mode }} title="Every hit of this query as CSV (all pages, up to 50,000, newest first, whole message bodies)" testId="csv-search" />
                ) : null}
              </>
            ) : null}
          </div>
          {res?.notes.map((n, i) => (
            <div key={i} className="notice" dir="auto">
              {n}
            </div>
          ))}
          {res?.error ? <ErrorNotice error={res.error} /> : null}
          {res && !res.loading && !res.error && res.hits.length === 0 ? <div className="empty-note">No messages match.</div> : null}
          <UndoBar />
          <ol className="hits" data-testid="hits">
            {res?.hits.map((h) => (
              <li key={h.id} className="hit">
                <Link to={`/m/${h.id}`} className="hit-link" data-testid="hit">
                  <time className="hit-time" dateTime={new Date(h.ts).toISOString()}>
                    {utc(h.ts)}
                  </time>
                  {/* the sender is a link of its own (to the dossier), laid over this column */}
                  <span className="hit-sender" aria-hidden="true" />
                  <span className="hit-main">
                    {h.conversationTitle ? (
                      <span className="hit-conv" dir="auto" data-testid="hit-conv">
                        <Untrusted text={h.conversationTitle} />
                      </span>
                    ) : null}
                    {h.translation ? (
                      <HitTranslation hit={h} translation={h.translation} />
                    ) : (
                      <span className="hit-snippet" dir="auto">
                        <Snippet s={h.snippet} />
                      </span>
                    )}
                    {h.images?.map((img) => (
                      <span key={img.attachmentId} className="hit-image" data-testid="hit-image">
                        <img
                          className="hit-thumb"
                          src={galleryApi.thumbnailUrl(img.attachmentId)}
                          loading="lazy"
                          decoding="async"
                          alt=""
                          data-testid="hit-thumb"
                          onError={(e) => {
                            e.currentTarget.hidden = true;
                          }}
                        />
                        <span className="hit-image-name muted" dir="auto">
                          text in image <Untrusted text={img.filename} />
                          {img.confidence !== null ? ` (OCR, ${Math.round(img.confidence)}% confidence)` : ' (OCR)'}:
                        </span>{' '}
                        <span className="hit-image-text" dir="auto">
                          <Snippet s={img.snippet} />
                        </span>
                      </span>
                    ))}
                    {h.via?.length ? (
                      <span className="hit-via muted" dir="auto" data-testid="hit-via">
                        via{' '}
                        {h.via.map((v, i) => (
                          <span key={i}>
                            {i > 0 ? ', ' : ''}“<Untrusted text={v.codeword} />” (code word for <Untrusted text={v.means} />)
                          </span>
                        ))}
                      </span>
                    ) : null}
                  </span>
                </Link>
                <span className="hit-sender-link">
                  <Account account={h.sender} showRef={!h.sender.displayName} link />
                </span>
                <Annotations item={`message:${h.id}`} initial={h.annotations} compact />
                <AddToReport id={h.id} />
              </li>
            ))}
          </ol>
          <div ref={sentinel} className="sentinel" />
          {res?.loading ? <Loading what={res.hits.length ? 'Loading more' : 'Searching'} /> : null}
          {res && !res.loading && res.nextCursor === null && res.hits.length > 0 ? <div className="end-note">End of results</div> : null}
        </>
      )}
    </div>
  );
}

type WireSnippet = WireHit['snippet'];

function Snippet({ s }: { s: WireSnippet }) {
  return (
    <>
      {s.clippedStart ? '… ' : ''}
      <Highlighted text={s.text} highlights={s.highlights} />
      {s.clippedEnd ? ' …' : ''}
    </>
  );
}

/** With translations: the original and its machine translation side by side, the translation labelled with engine, pair and version. */
function HitTranslation({ hit, translation }: { hit: WireHit; translation: NonNullable<WireHit['translation']> }) {
  return (
    <span className="hit-pair" data-testid="hit-pair">
      <span className="hit-pair-side" data-testid="hit-original">
        <span className="hit-pair-label muted">original{hit.viaTranslation ? '' : ' (matched)'}</span>
        <span className="hit-snippet" dir="auto">
          <Snippet s={hit.snippet} />
        </span>
      </span>
      <span className="hit-pair-side" data-testid="hit-translation">
        <span className="hit-pair-label muted" data-testid="hit-translation-label">
          {translation.label}
          {hit.viaTranslation ? ' (matched)' : ''}
        </span>
        <span className="hit-snippet" dir="auto" lang={translation.pair.endsWith('eng') ? 'en' : undefined}>
          <Snippet s={translation.snippet} />
        </span>
      </span>
    </span>
  );
}

function Overview() {
  const generation = useCaseGeneration();
  const { data: stats, error } = useApi(() => api.statsCached(), [generation]);
  if (error) return <ErrorNotice error={error} />;
  if (!stats) return <Loading />;
  const s = stats.stats;
  const facts: [string, number][] = [
    ['messages', s.messages],
    ['calls', s.calls],
    ['accounts', s.accounts],
    ['conversations', s.conversations],
    ['attachments', s.attachments],
    ['duplicates linked', s.duplicates],
    ['quarantined', s.quarantine.reduce((n, q) => n + q.count, 0)],
  ];
  return (
    <div className="overview">
      <section className="facts">
        {facts.map(([label, n]) => (
          <div key={label} className="fact">
            <div className="fact-n">{num(n)}</div>
            <div className="fact-label">{label}</div>
          </div>
        ))}
        {s.firstTs !== null && s.lastTs !== null ? (
          <div className="fact fact-wide">
            <div className="fact-n">
              {utc(s.firstTs).slice(0, 10)} → {utc(s.lastTs).slice(0, 10)}
            </div>
            <div className="fact-label">time span (UTC)</div>
          </div>
        ) : null}
      </section>
      <div className="overview-cols">
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
              {s.topTalkers.map((t) => (
                <tr key={t.account.id}>
                  <td>
                    <Link to={searchHref(`from:${t.account.ref}`, 'folded')} title={`messages sent by ${t.account.ref}`}>
                      <Account account={t.account} />
                    </Link>
                  </td>
                  <td className="num">{num(t.sent)}</td>
                  <td className="num">{num(t.received)}</td>
                  <td className="num">{num(t.contacts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>Search syntax</h2>
          <dl className="syntax">
            <dt>kafa kontejner</dt>
            <dd>both words</dd>
            <dt>"novi broj"</dt>
            <dd>a phrase</dd>
            <dt>kafa OR kokain</dt>
            <dd>either</dd>
            <dt>kafa -test</dt>
            <dd>exclude</dd>
            <dt>kontej*</dt>
            <dd>prefix</dd>
            <dt>from:skyecc:4F2A9C</dt>
            <dd>sender (reference, handle or name); to: for recipients</dd>
            <dt>after:2021-03-01 before:2021-04-01</dt>
            <dd>time range, UTC</dd>
            <dt>channel:sms</dt>
            <dd>chat, sms or email</dd>
            <dt>lang:sr</dt>
            <dd>language of the message</dd>
            <dt>entity:iban entity:"vehicle=Audi \"Q7\""</dt>
            <dd>mentions an entity of a type, or this value</dd>
          </dl>
          <p className="muted small">Folded: case, accents and script do not matter (kafa = KAFA = кафа). Exact: as written. Keys: / search, j k move, Enter open.</p>
        </section>
      </div>
      <section className="panel">
        <h2>Sources</h2>
        <table className="grid">
          <thead>
            <tr>
              <th>File</th>
              <th>Format</th>
              <th className="num">Records</th>
              <th className="num">Quarantined</th>
              <th>SHA-256</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {stats.sources.map((src) => (
              <tr key={src.id}>
                <td dir="auto" title={src.path}>
                  <Untrusted text={src.name} />
                </td>
                <td>{src.format}</td>
                <td className="num">{num(src.records)}</td>
                <td className="num">{src.rejected ? <Link to="/quarantine">{num(src.rejected)}</Link> : '0'}</td>
                <td className="mono" title={src.sha256}>
                  {src.sha256.slice(0, 16)}…
                </td>
                <td>{src.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

/** Filters beside the query box: each one edits its `key:value` term of the query text. */
function Filters({ q, onChange }: { q: string; onChange: (key: string, value: string | null) => void }) {
  const f = readFilters(q);
  const generation = useCaseGeneration();
  const { data: languages } = useApi((signal) => api.languages(signal), [generation]);
  const val = (k: string) => f.find((x) => x.key === k)?.value ?? '';
  const entity = val('entity').split('=')[0] ?? '';
  const lang = val('lang').toLowerCase();
  const day = (k: string) => (/^\d{4}-\d{2}-\d{2}/.exec(val(k))?.[0] ?? '');
  const text = (k: 'from' | 'to', label: string, hint: string) => (
    <label>
      {label}
      <input
        key={`${k}\u0000${val(k)}`}
        type="text"
        dir="auto"
        defaultValue={val(k)}
        placeholder={hint}
        maxLength={300}
        aria-label={`${label} filter`}
        data-testid={`filter-${k}`}
        onBlur={(e) => e.target.value.trim() !== val(k) && onChange(k, e.target.value.trim() || null)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onChange(k, e.currentTarget.value.trim() || null);
          }
        }}
      />
    </label>
  );
  return (
    <div className="filters" role="group" aria-label="Filters" data-testid="filters">
      {text('from', 'From', 'account, handle or name')}
      {text('to', 'To', 'account, handle or name')}
      <label>
        After
        <IsoDateInput value={day('after') || null} aria-label="After (UTC)" data-testid="filter-after" onChange={(d) => onChange('after', d)} />
      </label>
      <label>
        Before
        <IsoDateInput value={day('before') || null} aria-label="Before (UTC)" data-testid="filter-before" onChange={(d) => onChange('before', d)} />
      </label>
      <label>
        Language
        {/* the languages the case holds, with their message counts (GET /api/languages) */}
        <select className="lang-select" value={lang} aria-label="Language" data-testid="filter-lang" onChange={(e) => onChange('lang', e.target.value || null)}>
          <option value="">any</option>
          {languageOptions(languages?.languages ?? [], lang).map((o) => (
            <option key={o.value} value={o.value} data-messages={o.messages ?? 0}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Mentions
        <select value={entity} aria-label="Entity type" data-testid="filter-entity" onChange={(e) => onChange('entity', e.target.value || null)}>
          <option value="">any entity or none</option>
          {(ENTITY_TYPES as readonly string[]).includes(entity) || !entity ? null : <option value={entity}>{entity}</option>}
          {ENTITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {t.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Channel
        <select value={val('channel').toLowerCase()} aria-label="Channel" data-testid="filter-channel" onChange={(e) => onChange('channel', e.target.value || null)}>
          <option value="">any</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
