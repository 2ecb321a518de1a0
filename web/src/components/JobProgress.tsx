import { useEffect, useState } from 'react';
import { api, onJobProgress, type WireJob } from '../lib/api';
import { bytes, num } from '../lib/format';
import { Untrusted } from './Untrusted';

function eta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return 'almost done';
  if (seconds < 90) return `${Math.ceil(seconds)} s left`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min left`;
  return `${(seconds / 3600).toFixed(1)} h left`;
}

/** One job: phase, a bar (done/total), records/s, time left, and Cancel while it runs. */
export function JobProgress({ job, onCancel }: { job: WireJob; onCancel?: () => void }) {
  const p = job.progress;
  const running = job.state === 'running' || job.state === 'queued';
  const [cancelling, setCancelling] = useState(false);
  const cancel = () => {
    setCancelling(true);
    api.cancelJob(job.id).then(
      () => onCancel?.(),
      () => setCancelling(false),
    );
  };
  const failed = job.state === 'failed';
  // the file itself was refused (a retry cannot help), as opposed to a full disk or a busy case
  const refused = failed && job.kind === 'ingest' && job.error !== null && !['DISK_FULL', 'CASE_BUSY', 'INTERNAL', 'INTERRUPTED'].includes(job.error.code);
  const amount = failed ? '' : p.total !== null ? (p.unit === 'bytes' ? `${bytes(p.done)} of ${bytes(p.total)}` : job.kind === 'ocr' ? `${num(p.done)} of ${num(p.total)} images` : `step ${p.done} of ${p.total}`) : '';
  return (
    <div className={`job job-${job.state}`} data-job={job.id} data-state={job.state} role="status">
      <div className="job-line">
        <strong dir="auto"><Untrusted text={job.label} /></strong>{' '}
        {failed ? (
          <span className="tag tag-error" data-testid="job-failed">
            {refused ? 'refused: not ingested' : 'failed'}
          </span>
        ) : (
          <span className="muted">{running ? p.phase : job.state}</span>
        )}
      </div>
      {/* a failed job's bar would read as done: it is not drawn */}
      {failed ? null : <progress className="job-bar" value={p.total !== null ? p.done : undefined} max={p.total ?? undefined} aria-label={`${job.label}: ${p.phase}`} />}
      <div className="job-line small">
        <span>{amount}</span>
        {job.kind === 'ingest' && !failed ? (
          <>
            {' · '}
            <span className="job-records">{num(p.records)} records</span>
            {p.rejected > 0 ? <span> · {num(p.rejected)} quarantined</span> : null}
            {running && p.rate !== null && p.rate > 0 ? <span className="job-rate"> · {num(Math.round(p.rate))} records/s</span> : null}
          </>
        ) : null}
        {job.kind === 'ocr' && running && p.rate !== null && p.rate > 0 ? <span className="job-rate"> · {p.rate.toFixed(p.rate < 10 ? 1 : 0)} images/s</span> : null}
        {running ? <span className="job-eta"> · {eta(p.etaSeconds)}</span> : null}
        {running ? (
          <button type="button" className="btn btn-ghost job-cancel" onClick={cancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </div>
      {job.error && job.state !== 'cancelled' ? (
        <div className="notice notice-error">
          <span dir="auto"><Untrusted text={job.error.message} /></span> <code className="notice-code">{job.error.code}</code>
        </div>
      ) : null}
    </div>
  );
}

/** The jobs this page is waiting on (answers computed as jobs, e.g. the key-player ranking). */
export function PendingJobs({ kind }: { kind?: WireJob['kind'] }) {
  const [jobs, setJobs] = useState<Map<string, WireJob>>(new Map());
  useEffect(
    () =>
      onJobProgress((j) => {
        if (kind && j.kind !== kind) return;
        setJobs((m) => {
          const next = new Map(m);
          if (j.endedAt !== null) next.delete(j.id);
          else next.set(j.id, j);
          return next;
        });
      }),
    [kind],
  );
  if (jobs.size === 0) return null;
  return (
    <div className="jobs-pending">
      {[...jobs.values()].map((j) => (
        <JobProgress key={j.id} job={j} />
      ))}
    </div>
  );
}
