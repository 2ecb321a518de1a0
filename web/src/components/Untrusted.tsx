import { Fragment } from 'react';
import { revealBidi, splitBidi } from '../../../src/text/display/bidi.js';

/**
 * Untrusted text (names, bodies, file names from seized phones) as text nodes, with explicit
 * direction controls (U+202A–202E, U+2066–2069) shown as markers instead of applied, so
 * "Kum" + RLO + "gnp.exe" reads "Kum[RLO]gnp.exe", not "Kumexe.png". The caller's element keeps
 * `dir="auto"` (or <bdi>) to isolate the text from its neighbours; Arabic and Hebrew still read
 * right to left.
 */
export function Untrusted({ text }: { text: string | null | undefined }) {
  if (!text) return <>{text ?? ''}</>;
  const parts = splitBidi(text);
  if (parts.length === 1 && !parts[0]!.control) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) =>
        p.control ? (
          <span key={i} className="bidi-ctl" dir="ltr" title={`${p.control.codePoint} ${p.control.name}: in the source, shown here instead of applied`} data-testid="bidi-control">
            {p.control.short}
          </span>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  );
}

/** The same for places that take a plain string (tooltips, canvas labels): markers such as ⟨RLO⟩. */
export const reveal = (s: string | null | undefined): string => revealBidi(s ?? '');
