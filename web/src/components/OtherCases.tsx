import { useEffect, useState } from 'react';
import { sendApi } from '../lib/api';
import { Untrusted } from './Untrusted';

export type OtherCaseHit = { selector: string; inputs: string[]; case: string; owners: { name: string; agency: string | null }[] };

/** Entity types the server compares across cases (text/watch/discovery-keys.ts). */
const COMPARED = new Set(['phone', 'email', 'iban', 'crypto']);

/** The selectors of entity rows that discovery compares, as a watchlist writes them (`phone:+381…`). */
export function entitySelectors(rows: readonly { type: string; value: string }[]): string[] {
  return rows.filter((r) => COMPARED.has(r.type)).map((r) => `${r.type}:${r.value}`);
}

/**
 * Cross-case discovery (team server; docs/team.md): for the selectors this view shows, "Also held
 * in another case: CASE — owner NAME (agency)". Nothing else of that case is ever told; its owners
 * are notified that this user looked. Shows nothing where there is no discovery (clew serve) or no
 * hit, and a failed lookup never gets in the view's way. Names come from other cases: rendered as text.
 */
export function OtherCases({ selectors = [], accounts = [] }: { selectors?: readonly string[]; accounts?: readonly string[] }) {
  const [hits, setHits] = useState<OtherCaseHit[]>([]);
  const key = JSON.stringify([selectors.slice(0, 500), accounts.slice(0, 50)]);
  useEffect(() => {
    const [s, a] = JSON.parse(key) as [string[], string[]];
    setHits([]);
    if (s.length === 0 && a.length === 0) return;
    const ac = new AbortController();
    sendApi('POST', '/discovery', {}, { selectors: s, accounts: a }, ac.signal).then(
      (r) => setHits(r.available ? r.hits : []),
      () => setHits([]),
    );
    return () => ac.abort();
  }, [key]);
  return <OtherCasesNotice hits={hits} />;
}

/** "Also held in another case: CASE — owner NAME (agency)" for each hit of a lookup (nothing when there is none). */
export function OtherCasesNotice({ hits }: { hits: readonly OtherCaseHit[] }) {
  if (hits.length === 0) return null;
  return (
    <div className="notice other-cases" role="status" data-testid="other-cases">
      {hits.map((h) => (
        <div key={`${h.selector}\u0000${h.case}`} data-testid="other-case">
          <code dir="ltr">
            <Untrusted text={h.selector} />
          </code>
          {' — also held in another case: '}
          <strong dir="auto">
            <Untrusted text={h.case} />
          </strong>
          {h.owners.length > 0 ? ' — owner ' : ' — no owner'}
          {h.owners.map((o, i) => (
            <span key={o.name} dir="auto">
              {i > 0 ? ', ' : ''}
              <Untrusted text={o.name} />
              {o.agency ? (
                <>
                  {' ('}
                  <Untrusted text={o.agency} />)
                </>
              ) : null}
            </span>
          ))}
        </div>
      ))}
      <div className="muted small">Get in touch with the owner: they have been told that you looked. Nothing else of that case is shown to you.</div>
    </div>
  );
}
