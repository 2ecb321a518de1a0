import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Account } from '../components/Account';
import { AddToReport } from './report/AddToReport';
import { Annotations, LoadedAnnotations, UndoBar, useAnnotationsOf } from '../components/Annotations';
import { Link } from '../components/Link';
import { galleryHref } from './gallery/state';
import { ErrorNotice, Loading } from '../components/Notice';
import { api, sendApi, type AccountView, type Mention, type MessageView, type WireItemAnnotations, type WireMessageTranslation } from '../lib/api';
import { labelledSegments } from '../lib/segments';
import { useApi } from '../lib/useApi';
import { day, local, takenAt, utc } from '../lib/format';
import { href, navigate } from '../lib/router';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';

const PAGE = 30;

interface Thread {
  anchor: number;
  messages: MessageView[];
  moreBefore: boolean;
  moreAfter: boolean;
}

function participants(ms: MessageView[]): AccountView[] {
  const seen = new Map<number, AccountView>();
  for (const m of ms) for (const a of [m.sender, ...m.recipients]) if (!seen.has(a.id)) seen.set(a.id, a);
  return [...seen.values()];
}

export default function ConversationView({ args, params }: ViewProps) {
  const id = Number(args[0]);
  const sourceParam = params.get('source');
  const sourceId = sourceParam && /^[0-9]{1,16}$/.test(sourceParam) ? Number(sourceParam) : null;
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'before' | 'after' | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const keepBottom = useRef<number | null>(null);
  const annotations = useAnnotationsOf(thread ? thread.messages.map((m) => `message:${m.id}`) : []);
  // machine translations beside the originals (issue 23): off until asked, then for every message shown
  const [translate, setTranslate] = useState(false);
  const [translations, setTranslations] = useState<Record<number, WireMessageTranslation>>({});
  const [trBusy, setTrBusy] = useState(false);
  const [trError, setTrError] = useState<unknown>(null);

  useEffect(() => {
    if (!translate || !thread) return;
    const ids = thread.messages.map((m) => m.id).filter((x) => !translations[x]);
    if (ids.length === 0) return;
    const ac = new AbortController();
    setTrBusy(true);
    setTrError(null);
    sendApi('POST', '/translate', {}, { ids: ids.slice(0, 500) }, ac.signal).then(
      (r) => {
        setTranslations((cur) => ({ ...cur, ...Object.fromEntries(r.messages.map((m) => [m.id, m])) }));
        setTrBusy(false);
      },
      (e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setTrError(e);
        setTrBusy(false);
        setTranslate(false);
      },
    );
    return () => ac.abort();
  }, [translate, thread, translations]);

  useEffect(() => {
    const ac = new AbortController();
    setThread(null);
    setError(null);
    api.thread(id, PAGE, PAGE, ac.signal).then(
      (t) => setThread({ anchor: id, ...t }),
      (e: unknown) => {
        if ((e as Error).name !== 'AbortError') setError(e);
      },
    );
    return () => ac.abort();
  }, [id]);

  // bring the message we came for into view once
  useLayoutEffect(() => {
    if (thread?.anchor !== id) return;
    document.getElementById(`msg-${id}`)?.scrollIntoView({ block: 'center' });
  }, [thread?.anchor, id]);

  // keep the reading position when earlier messages are added above
  useLayoutEffect(() => {
    const el = list.current;
    if (el && keepBottom.current !== null) {
      el.scrollTop = el.scrollHeight - keepBottom.current;
      keepBottom.current = null;
    }
  });

  const more = (side: 'before' | 'after') => {
    if (!thread || busy) return;
    const edge = side === 'before' ? thread.messages[0] : thread.messages[thread.messages.length - 1];
    if (!edge) return;
    setBusy(side);
    api.thread(edge.id, side === 'before' ? PAGE : 0, side === 'after' ? PAGE : 0).then(
      (t) => {
        if (side === 'before' && list.current) keepBottom.current = list.current.scrollHeight - list.current.scrollTop;
        setThread((cur) => {
          if (!cur) return cur;
          const fresh = t.messages.filter((m) => m.id !== edge.id);
          return side === 'before'
            ? { ...cur, messages: [...fresh, ...cur.messages], moreBefore: t.moreBefore }
            : { ...cur, messages: [...cur.messages, ...fresh], moreAfter: t.moreAfter };
        });
        setBusy(null);
      },
      (e: unknown) => {
        setError(e);
        setBusy(null);
      },
    );
  };

  const openSource = (mid: number | null) => navigate(href(`/m/${id}`, { source: mid ?? undefined }), { replace: true });

  if (error && !thread) return <ErrorNotice error={error} />;
  if (!thread) return <Loading what="Loading conversation" />;
  const anchor = thread.messages.find((m) => m.id === id);
  const people = participants(thread.messages);
  const title = anchor?.conversationTitle;

  return (
    <div className={sourceId !== null ? 'view view-conversation with-panel' : 'view view-conversation'}>
      <div className="conv">
        <header className="conv-head">
          <div className="conv-title">
            <button type="button" className="btn btn-ghost" onClick={() => window.history.back()} title="Back">
              ←
            </button>
            <h1 dir="auto">{title ? <Untrusted text={title} /> : anchor?.conversationId === null ? 'Direct exchange' : 'Conversation'}</h1>
          </div>
          <div className="conv-people">
            {people.map((a) => (
              <Link key={a.id} to={href('/search', { q: `from:${a.ref}` })} className="chip" title={`messages sent by ${a.ref}`}>
                <Account account={a} showRef={!(a.label ?? a.displayName)} />
              </Link>
            ))}
          </div>
          <div className="conv-translate">
            <Link className="btn" to={galleryHref({ message: id })} data-testid="conversation-gallery" title="The images and files of this conversation">
              Attachments
            </Link>{' '}
            <button
              type="button"
              className={translate ? 'btn active' : 'btn'}
              aria-pressed={translate}
              data-testid="translate-toggle"
              onClick={() => setTranslate((t) => !t)}
              title="Show each message's machine translation (Apertium, offline) beside the original"
            >
              {trBusy ? 'Translating…' : 'Translate'}
            </button>
          </div>
          {anchor && anchor.conversationId !== null ? (
            <div className="conv-annotations" data-testid="conversation-annotations">
              <LoadedAnnotations item={`conversation:${anchor.conversationId}`} />
            </div>
          ) : null}
        </header>
        {error ? <ErrorNotice error={error} /> : null}
        {trError ? <ErrorNotice error={trError} /> : null}
        <UndoBar />
        <div className="transcript" ref={list} data-testid="transcript">
          {thread.moreBefore ? (
            <button type="button" className="btn btn-more" disabled={busy !== null} onClick={() => more('before')}>
              {busy === 'before' ? 'Loading…' : 'Load earlier messages'}
            </button>
          ) : (
            <div className="conv-edge">Start of conversation</div>
          )}
          {thread.messages.map((m, i) => {
            const prev = thread.messages[i - 1];
            const newDay = !prev || day(prev.ts) !== day(m.ts);
            const sameSender = !newDay && prev?.sender.id === m.sender.id && m.ts - prev.ts < 5 * 60_000;
            return (
              <Fragment key={m.id}>
                {newDay ? (
                  <div className="day-sep">
                    <span>{day(m.ts)}</span>
                  </div>
                ) : null}
                <Message m={m} translation={translate ? translations[m.id] : undefined} annotations={annotations} anchor={m.id === id} selected={m.id === sourceId} compact={sameSender && m.id !== id} onSource={() => openSource(m.id === sourceId ? null : m.id)} />
              </Fragment>
            );
          })}
          {thread.moreAfter ? (
            <button type="button" className="btn btn-more" disabled={busy !== null} onClick={() => more('after')}>
              {busy === 'after' ? 'Loading…' : 'Load later messages'}
            </button>
          ) : (
            <div className="conv-edge">End of conversation</div>
          )}
        </div>
      </div>
      {sourceId !== null ? <ProvenancePanel id={sourceId} onClose={() => openSource(null)} /> : null}
    </div>
  );
}

function Message({ m, translation, annotations, anchor, selected, compact, onSource }: { m: MessageView; translation: WireMessageTranslation | undefined; annotations: Record<string, WireItemAnnotations> | undefined; anchor: boolean; selected: boolean; compact: boolean; onSource: () => void }) {
  const cls = ['msg', anchor ? 'msg-anchor' : '', selected ? 'msg-selected' : '', compact ? 'msg-compact' : '', m.flags.deleted ? 'msg-deleted' : ''].filter(Boolean).join(' ');
  const loc = local(m.ts, m.tzOffset);
  return (
    <article className={cls} id={`msg-${m.id}`} data-testid="message" data-id={m.id}>
      <time className="msg-time" dateTime={new Date(m.ts).toISOString()} title={loc ? `${utc(m.ts, true)} UTC · source local time ${loc}` : `${utc(m.ts, true)} UTC`}>
        {utc(m.ts).slice(11)}
      </time>
      <div className="msg-main">
        {compact ? null : (
          <div className="msg-meta">
            <Account account={m.sender} showRef={!m.sender.displayName} link />
            {m.conversationId === null && m.recipients.length ? (
              <span className="msg-to">
                → {m.recipients.slice(0, 3).map((r) => <Account key={r.id} account={r} showRef={!r.displayName} />)}
                {m.recipients.length > 3 ? ` +${m.recipients.length - 3}` : ''}
              </span>
            ) : null}
          </div>
        )}
        {m.subject ? (
          <div className="msg-subject" dir="auto">
            <Untrusted text={m.subject} />
          </div>
        ) : null}
        <p className="msg-body" dir="auto">
          <Untrusted text={m.body} />
        </p>
        {translation ? <Translated t={translation} /> : null}
        {m.attachments.length ? (
          <ul className="msg-attachments">
            {m.attachments.map((a, i) => (
              <li key={i}>
                <span className="att-icon">📎</span>
                <span dir="auto"><Untrusted text={a.filename} /></span>
                {a.mime ? <span className="muted"> {a.mime}</span> : null}
                {a.takenAt !== null ? <span className="muted" data-testid="attachment-taken"> · taken {takenAt(a.takenAt)}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {annotations ? <Annotations item={`message:${m.id}`} initial={annotations[`message:${m.id}`]} compact /> : null}
        <AddToReport id={m.id} />
      </div>
      <div className="msg-tools">
        {m.flags.edited ? <span className="tag">edited</span> : null}
        {m.flags.deleted ? <span className="tag tag-warn">deleted</span> : null}
        {m.duplicates.length ? <span className="tag" title={`also in ${m.duplicates.length} other record(s)`}>×{m.duplicates.length + 1}</span> : null}
        {m.channel !== 'chat' ? <span className="tag">{m.channel}</span> : null}
        <button type="button" className={selected ? 'btn-src active' : 'btn-src'} onClick={onSource} aria-pressed={selected} title="Provenance: file, SHA-256, place in the file, raw record">
          source
        </button>
      </div>
    </article>
  );
}

/** A message's machine translation, beside (below) its original, labelled with the engine, pair and version. */
function Translated({ t }: { t: WireMessageTranslation }) {
  if (!t.translation || !t.label)
    return (
      <div className="msg-translation msg-translation-none" data-testid="translation-none">
        no machine translation: <Untrusted text={t.failed ?? 'not translated'} />
      </div>
    );
  return (
    <div className="msg-translation" data-testid="translation">
      <div className="msg-translation-label" data-testid="translation-label">
        {t.label}
      </div>
      <p className="msg-translation-text" dir="auto" lang={t.translation.pair.endsWith('eng') ? 'en' : undefined}>
        <Untrusted text={t.translation.text} />
      </p>
    </div>
  );
}

function Copy({ text }: { text: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn-copy"
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1200);
        })
      }
    >
      {done ? 'copied' : 'copy'}
    </button>
  );
}

function ProvenancePanel({ id, onClose }: { id: number; onClose: () => void }) {
  const { data: r, error } = useApi((signal) => api.message(id, 0, signal), [id]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const m = r?.message;
  const p = m?.provenance;
  const locator = p
    ? ([
        ['line', p.locator.line === undefined ? undefined : p.locator.endLine && p.locator.endLine !== p.locator.line ? `${p.locator.line}–${p.locator.endLine}` : String(p.locator.line)],
        ['byte offset', p.locator.offset?.toString()],
        ['byte length', p.locator.length?.toString()],
        ['JSON path', p.locator.path],
        ['archive entry', p.locator.entry],
      ].filter(([, v]) => v !== undefined) as [string, string][])
    : [];
  const fileName = p ? p.path.split(/[\\/]/).pop() : '';

  return (
    <aside className="panel-side" aria-label="Provenance" data-testid="provenance">
      <header className="panel-side-head">
        <h2>Provenance</h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} title="Close (Esc)">
          ✕
        </button>
      </header>
      {error ? <ErrorNotice error={error} /> : null}
      {!m || !p ? (
        error ? null : <Loading />
      ) : (
        <div className="prov">
          <dl className="kv">
            <dt>Message</dt>
            <dd className="mono">#{m.id}</dd>
            <dt>Time (UTC)</dt>
            <dd className="mono">{utc(m.ts, true)}</dd>
            {m.tsLocal ? (
              <>
                <dt>As written</dt>
                <dd className="mono" dir="auto">
                  {m.tsLocal}
                </dd>
              </>
            ) : null}
            {local(m.ts, m.tzOffset) ? (
              <>
                <dt>Local (source)</dt>
                <dd className="mono">{local(m.ts, m.tzOffset)}</dd>
              </>
            ) : null}
            <dt>File</dt>
            <dd dir="auto" data-testid="prov-file">
              <Untrusted text={fileName} />
            </dd>
            <dt>Path</dt>
            <dd className="mono break" dir="auto">
              <Untrusted text={p.path} />
            </dd>
            <dt>SHA-256</dt>
            <dd className="mono break" data-testid="prov-sha">
              {p.sha256} <Copy text={p.sha256} />
            </dd>
            <dt>Format</dt>
            <dd>{p.format}</dd>
            {locator.map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd className="mono">{v}</dd>
              </Fragment>
            ))}
            {m.duplicateOf !== null || m.duplicates.length ? (
              <>
                <dt>Same record in</dt>
                <dd>
                  {[m.duplicateOf, ...m.duplicates]
                    .filter((x): x is number => x !== null && x !== m.id)
                    .map((d) => (
                      <Link key={d} to={`/m/${d}`} className="mono dup">
                        #{d}
                      </Link>
                    ))}
                </dd>
              </>
            ) : null}
          </dl>
          {r.mentions.length ? <Mentions body={m.body} mentions={r.mentions} /> : null}
          <h3>Raw source record</h3>
          {r.raw.text !== null ? (
            <pre className="raw" data-testid="raw">
              <Untrusted text={r.raw.text} />
            </pre>
          ) : (
            <div className="notice">{r.raw.unavailable}</div>
          )}
        </div>
      )}
    </aside>
  );
}

const ENTITY_LABEL: Record<string, string> = { drug_quantity: 'drug quantity', imo: 'IMO', bic: 'BIC', iban: 'IBAN' };

/** The message body with its entity mentions marked, and the list of what was found. */
function Mentions({ body, mentions }: { body: string; mentions: Mention[] }) {
  return (
    <section data-testid="mentions">
      <h3>Entities in this message</h3>
      <p className="msg-body ent-body" dir="auto">
        {labelledSegments(body, mentions).map((s, i) =>
          s.item ? (
            <mark key={i} className={`ent ent-${s.item.type}`} title={`${ENTITY_LABEL[s.item.type] ?? s.item.type}: ${s.item.value}`}>
              <Untrusted text={s.text} />
            </mark>
          ) : (
            <span key={i}><Untrusted text={s.text} /></span>
          ),
        )}
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th>Type</th>
            <th>As written</th>
            <th>Value</th>
            <th className="num">Conf.</th>
          </tr>
        </thead>
        <tbody>
          {mentions.map((x, i) => (
            <tr key={i}>
              <td>{ENTITY_LABEL[x.type] ?? x.type}</td>
              <td dir="auto"><Untrusted text={x.raw} /></td>
              <td className="mono" dir="auto">
                <Untrusted text={x.value} />
              </td>
              <td className="num">{x.confidence.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
