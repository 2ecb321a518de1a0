/**
 * Export buttons: a table's "CSV", and the network's export menu (GEXF, GraphML, i2 Analyst's
 * Notebook, FollowTheMoney). Each asks the server for the file with the view's current state
 * (its URL: query, filters, scope), saves it under the server's file name, and shows a refusal
 * in place. Labels are our own text; nothing from the case is rendered here.
 */
import { useState } from 'react';
import { download, type DownloadApi, type DownloadPath, type WireNetworkExportFormat } from '../lib/api';
import { ErrorNotice } from './Notice';

function useDownload() {
  const [state, setState] = useState<{ busy: boolean; error: unknown; saved: string | null }>({ busy: false, error: null, saved: null });
  const start = (save: () => Promise<string>) => {
    setState({ busy: true, error: null, saved: null });
    save().then(
      (name) => setState({ busy: false, error: null, saved: name }),
      (e: unknown) => setState({ busy: false, error: e, saved: null }),
    );
  };
  return { ...state, start };
}

/** "CSV" for a table: GET `path` with `params`, saved as the file the server names. */
export function CsvButton<P extends DownloadPath>({ path, params, title, testId }: { path: P; params: DownloadApi[P]['input']; title: string; testId: string }) {
  const d = useDownload();
  return (
    <span className="download">
      <button type="button" className="btn btn-small" title={title} data-testid={testId} disabled={d.busy} onClick={() => d.start(() => download(path, params))}>
        {d.busy ? 'Preparing…' : 'CSV'}
      </button>
      {d.saved ? <span className="muted small" data-testid={`${testId}-saved`}> saved {d.saved}</span> : null}
      {d.error ? <ErrorNotice error={d.error} /> : null}
    </span>
  );
}

const FORMATS: { id: WireNetworkExportFormat; title: string; hint: string }[] = [
  { id: 'gexf', title: 'GEXF', hint: 'Gephi' },
  { id: 'graphml', title: 'GraphML', hint: 'yEd, Cytoscape, networkx' },
  { id: 'i2', title: 'i2 link table (CSV)', hint: "i2 Analyst's Notebook" },
  { id: 'ftm', title: 'FollowTheMoney', hint: 'Aleph (accounts)' },
];

/** The network the view shows (its filters and scope) as a file, in the format picked. */
export function NetworkExportMenu({ filter }: { filter: { after?: string; before?: string; level?: 'account' | 'person'; scope?: string } }) {
  const d = useDownload();
  const [open, setOpen] = useState(false);
  const pick = (format: WireNetworkExportFormat) => {
    setOpen(false);
    d.start(() => download('/network/export', { format, after: filter.after, before: filter.before, level: filter.level, scope: filter.scope }));
  };
  return (
    <div
      className="export-menu"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button type="button" className="btn btn-small" aria-haspopup="menu" aria-expanded={open} data-testid="export-menu" disabled={d.busy} onClick={() => setOpen((o) => !o)}>
        {d.busy ? 'Exporting…' : 'Export ▾'}
      </button>
      {open ? (
        <div className="export-menu-list" role="menu">
          {FORMATS.map((f) => (
            <button key={f.id} type="button" role="menuitem" className="btn btn-ghost" data-testid={`export-${f.id}`} onClick={() => pick(f.id)}>
              {f.title} <span className="muted small">{f.hint}</span>
            </button>
          ))}
          <div className="muted small export-menu-note">The network with the view’s time window, node level and scope (every node, also where the drawing shows the top ones only). GEXF and GraphML state these inside.</div>
        </div>
      ) : null}
      {d.saved ? <span className="muted small" data-testid="export-saved"> saved {d.saved}</span> : null}
      {d.error ? <ErrorNotice error={d.error} /> : null}
    </div>
  );
}
