import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { JobProgress } from '../components/JobProgress';
import { LegalFilters } from '../components/LegalFilters';
import { Link } from '../components/Link';
import { ErrorNotice, Loading } from '../components/Notice';
import { api, ApiError, caseChanged, fetchApi, followJob, sendApi, uploadApi, type WireJob } from '../lib/api';
import { bytes, num } from '../lib/format';
import { useApi } from '../lib/useApi';
import type { ViewProps } from '../views';
import { Untrusted } from '../components/Untrusted';

/** The formats `clew ingest` reads (docs/formats); empty = detect from the file. */
const FORMATS: { id: string; title: string }[] = [
  { id: '', title: 'Detect from the file' },
  { id: 'whatsapp', title: 'WhatsApp export (.txt, .zip)' },
  { id: 'telegram', title: 'Telegram export (result.json)' },
  { id: 'signal', title: 'Signal' },
  { id: 'mbox', title: 'Mailbox (mbox)' },
  { id: 'eml', title: 'E-mail (.eml)' },
  { id: 'csv', title: 'CSV (with a column mapping)' },
  { id: 'canonical', title: 'Canonical JSONL' },
  { id: 'device-dump', title: 'Device extraction (JSON)' },
  { id: 'cdr', title: 'Call records (CDR)' },
  { id: 'bandicoot', title: 'Bandicoot CSV' },
];

interface Upload {
  name: string;
  size: number;
  state: 'uploading' | 'job' | 'error';
  job?: WireJob;
  error?: unknown;
}

/** The case's source files, and uploads that ingest more of them (as jobs with progress and cancel); for an owner on a team server, the case's legal filters. */
export default function SourcesView({ role, team }: ViewProps) {
  const [reload, setReload] = useState(0);
  const { data: stats, error } = useApi((signal) => api.stats(signal), [reload]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [format, setFormat] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [region, setRegion] = useState('');
  const [map, setMap] = useState('');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const alive = useRef(new AbortController());
  useEffect(() => {
    const ac = new AbortController();
    alive.current = ac;
    // ingests already running (started before this page was opened) are shown too
    api.jobs(ac.signal).then(
      (r) => {
        const running = r.jobs.filter((j) => j.kind === 'ingest' && j.endedAt === null);
        // uploads this server refused or failed stay listed as such (a refused file is no source)
        const failed = r.jobs.filter((j) => j.kind === 'ingest' && j.state === 'failed');
        if (running.length === 0 && failed.length === 0) return;
        setUploads((u) => [...[...running, ...failed].map((j) => ({ name: j.label, size: j.progress.total ?? 0, state: 'job' as const, job: j })), ...u]);
        for (const j of running) void follow(j, ac.signal);
      },
      () => {},
    );
    return () => ac.abort();
  }, []);

  const update = (name: string, size: number, f: (u: Upload) => Upload) => setUploads((us) => us.map((u) => (u.name === name && u.size === size ? f(u) : u)));

  const follow = useCallback(async (job: WireJob, signal: AbortSignal) => {
    const key = (u: Upload) => u.job?.id === job.id;
    try {
      await followJob(job, signal, (j) => setUploads((us) => us.map((u) => (key(u) ? { ...u, job: j } : u))));
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      // the job's end state is shown by its progress; nothing else to report
      if (!(e instanceof ApiError)) setUploads((us) => us.map((u) => (key(u) ? { ...u, state: 'error', error: e } : u)));
    }
    if (signal.aborted) return;
    caseChanged();
    setReload((n) => n + 1);
  }, []);

  const start = async (file: File) => {
    const entry: Upload = { name: file.name, size: file.size, state: 'uploading' };
    setUploads((u) => [entry, ...u.filter((x) => !(x.name === file.name && x.size === file.size))]);
    try {
      const r = await uploadApi('/uploads', {
        name: file.name,
        format: format || undefined,
        timeZone: timeZone.trim() || undefined,
        region: region.trim() || undefined,
        map: format === 'csv' && map.trim() ? map.trim() : undefined,
      }, file);
      update(file.name, file.size, (u) => ({ ...u, state: 'job', job: r.job }));
      await follow(r.job, alive.current.signal);
    } catch (e) {
      update(file.name, file.size, (u) => ({ ...u, state: 'error', error: e }));
    }
  };

  const onFiles = (files: FileList | null) => {
    for (const f of Array.from(files ?? [])) void start(f);
    if (input.current) input.current.value = '';
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    onFiles(e.dataTransfer.files);
  };

  return (
    <div className="view view-sources">
      <h1>Sources</h1>
      <p className="muted">
        The files this case was built from, and new ones to add. Files are stored beside the case and ingested as they are by <code>clew ingest</code>: the same
        file twice adds nothing, and a cancelled ingest continues where it stopped when the file is uploaded again.
      </p>

      <div
        className={`panel dropzone${over ? ' dropzone-over' : ''}`}
        data-testid="dropzone"
        style={{ borderStyle: 'dashed', borderWidth: 2, borderColor: over ? 'var(--accent)' : undefined, background: over ? 'var(--bg)' : undefined }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>
          Drop files here, or{' '}
          <button type="button" className="btn btn-primary" onClick={() => input.current?.click()}>
            choose files…
          </button>
          <input ref={input} type="file" multiple hidden data-testid="upload-input" onChange={(e) => onFiles(e.target.files)} />
        </p>
        <p className="small muted">WhatsApp .txt/.zip, Telegram result.json, mbox/eml, CSV with a mapping, canonical JSONL, device JSON, call records.</p>
        <div className="upload-options small">
          <label>
            Format{' '}
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              {FORMATS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.title}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            Time zone of local times <input className="mono" placeholder="e.g. Europe/Belgrade" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} size={18} />
          </label>{' '}
          <label>
            Phone region <input className="mono" placeholder="RS" value={region} onChange={(e) => setRegion(e.target.value)} size={3} maxLength={2} />
          </label>
          {format === 'csv' ? (
            <label>
              {' '}
              Column mapping <input className="mono" placeholder="from=sender,to=recipient,ts=date,body=text" value={map} onChange={(e) => setMap(e.target.value)} size={40} />
            </label>
          ) : null}
        </div>
      </div>

      {uploads.length > 0 ? (
        <div className="uploads" data-testid="uploads">
          {uploads.map((u) => (
            <div key={`${u.name}:${u.size}`} className={`panel upload${u.state === 'error' || u.job?.state === 'failed' ? ' upload-failed' : u.job?.state === 'done' ? ' upload-done' : ''}`} data-testid="upload">
              {u.state === 'uploading' ? (
                <div role="status">
                  <strong dir="auto"><Untrusted text={u.name} /></strong> <span className="muted">uploading {bytes(u.size)}…</span>
                  <progress aria-label={`uploading ${u.name}`} />
                </div>
              ) : null}
              {u.state === 'error' ? (
                <>
                  <strong dir="auto"><Untrusted text={u.name} /></strong>
                  <ErrorNotice error={u.error} />
                </>
              ) : null}
              {u.job ? <JobProgress job={u.job} /> : null}
              {u.job?.state === 'done' && u.job.result ? (
                <div className="small upload-result" data-testid="upload-result">
                  {u.job.result.outcome === 'already-ingested'
                    ? 'This file was already in the case: nothing added.'
                    : `${u.job.result.outcome === 'resumed' ? 'Resumed and finished' : 'Ingested'} as ${u.job.result.format}: ${num(u.job.result.added.records)} records added, ${num(u.job.result.added.duplicates)} duplicates skipped`}
                  {u.job.result.added.rejected > 0 ? (
                    <>
                      {', '}
                      <Link to="/quarantine">{num(u.job.result.added.rejected)} quarantined</Link>
                    </>
                  ) : null}
                  .
                </div>
              ) : null}
              {u.job?.state === 'cancelled' ? <div className="small muted">Cancelled. Upload the same file again to continue where it stopped.</div> : null}
            </div>
          ))}
        </div>
      ) : null}

      <OcrPanel onDone={() => setReload((n) => n + 1)} />

      {team && role === 'owner' ? <LegalFilters /> : null}

      <h2>Files in the case</h2>
      {error ? <ErrorNotice error={error} /> : null}
      {!stats && !error ? <Loading /> : null}
      {stats ? (
        stats.sources.length === 0 ? (
          <div className="empty-note">No files yet.</div>
        ) : (
          <table className="grid" data-testid="sources">
            <thead>
              <tr>
                <th>File</th>
                <th>Format</th>
                <th>SHA-256</th>
                <th className="num">Records</th>
                <th className="num">Quarantined</th>
                <th className="num">Duplicates</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {stats.sources.map((s) => (
                <tr key={s.id} data-source={s.id}>
                  <td dir="auto" title={s.path}>
                    <Untrusted text={s.name} />
                  </td>
                  <td className="mono">{s.format}</td>
                  <td className="mono" title={s.sha256}>
                    {s.sha256.slice(0, 12)}…
                  </td>
                  <td className="num">{num(s.records)}</td>
                  <td className="num">{s.rejected > 0 ? <Link to="/quarantine">{num(s.rejected)}</Link> : '0'}</td>
                  <td className="num">{num(s.duplicates)}</td>
                  <td>{s.status === 'complete' ? 'complete' : <span className="tag tag-warn">{s.status}: upload again to resume</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </div>
  );
}

type OcrState = Awaited<ReturnType<typeof fetchApi<'/ocr'>>>;

/**
 * Text recognition in the case's images (issue 23 part 3): how many are read, the job reading them (the server
 * starts it when it opens a case with images still to read) with its progress, and a button to read them
 * again; or, plainly, that it is unavailable because Tesseract is not installed on the server.
 */
function OcrPanel({ onDone }: { onDone: () => void }) {
  const [state, setState] = useState<OcrState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const alive = useRef<AbortController | null>(null);
  const follow = useCallback(
    async (s: OcrState, signal: AbortSignal) => {
      setState(s);
      if (!s.job || s.job.endedAt !== null) return;
      try {
        await followJob(s.job, signal, (j) => setState((cur) => (cur ? { ...cur, job: j } : cur)));
      } catch (e) {
        if ((e as Error).name === 'AbortError') return;
      }
      if (signal.aborted) return;
      // the text read is searchable now: views reload what they keep
      caseChanged();
      onDone();
      fetchApi('/ocr', {}, signal).then(setState, () => {});
    },
    [onDone],
  );
  useEffect(() => {
    const ac = new AbortController();
    alive.current = ac;
    fetchApi('/ocr', {}, ac.signal).then(
      (s) => void follow(s, ac.signal),
      (e: unknown) => (e as Error).name !== 'AbortError' && setError(e),
    );
    return () => ac.abort();
  }, [follow]);
  const run = (again: boolean) => {
    setStarting(true);
    setError(null);
    sendApi('POST', '/ocr', {}, { again }).then(
      (s) => {
        setStarting(false);
        if (alive.current) void follow(s, alive.current.signal);
      },
      (e: unknown) => {
        setStarting(false);
        setError(e);
      },
    );
  };
  if (!state) return error ? <ErrorNotice error={error} /> : null;
  const running = state.job !== null && state.job.endedAt === null;
  return (
    <section className="panel ocr-panel" data-testid="ocr-panel">
      <h2>Text in images (OCR)</h2>
      {!state.available ? (
        <div className="notice" data-testid="ocr-unavailable">
          Text recognition (OCR) is unavailable: Tesseract is not installed on the server, so the text in images is not read or searched. {state.unavailable}
        </div>
      ) : (
        <>
          <p className="small" data-testid="ocr-counts">
            {state.images === 0
              ? 'The case holds no images.'
              : `${num(state.done)} of ${num(state.images)} images read by Tesseract ${state.engine?.version ?? ''}; their text is searchable (and with ocr:word).`}
          </p>
          {state.job ? <JobProgress job={state.job} /> : null}
          {state.job?.state === 'done' && state.job.progress.total !== null ? (
            <div className="small muted" data-testid="ocr-result">
              {num(state.job.progress.total)} images read, {num(state.job.progress.records)} with text{state.job.progress.rejected > 0 ? `, ${num(state.job.progress.rejected)} failed` : ''}.
            </div>
          ) : null}
          {state.images > 0 ? (
            <div className="ocr-actions">
              {state.done < state.images ? (
                <button type="button" className="btn" disabled={running || starting} data-testid="ocr-run" onClick={() => run(false)}>
                  Read the images not yet read
                </button>
              ) : null}{' '}
              <button type="button" className="btn" disabled={running || starting} data-testid="ocr-again" onClick={() => run(true)} title="Read every image again (e.g. after installing more Tesseract languages)">
                Read all images again
              </button>
            </div>
          ) : null}
        </>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
