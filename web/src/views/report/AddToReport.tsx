/**
 * "+ Report" beside a message (Search hits, a conversation): puts the message on the Report
 * view's list. The id waits in localStorage (per case) until the Report view opens and adds it
 * to its draft, in the order added.
 */
import { useState } from 'react';
import { api } from '../../lib/api';
import { addPending } from './state';

export function AddToReport({ id }: { id: number }) {
  const [added, setAdded] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost add-to-report"
      title="Cite this message in the report (Report view)"
      data-testid="add-to-report"
      disabled={added}
      onClick={() =>
        void api.statsCached().then((s) => {
          addPending(s.case.name, id);
          setAdded(true);
        })
      }
    >
      {added ? '✓ in report' : '+ Report'}
    </button>
  );
}
