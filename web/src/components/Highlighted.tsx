import { segments } from '../lib/segments';
import { Untrusted } from './Untrusted';

/** Text with highlighted runs, as text nodes and <mark> elements (never HTML from the data). */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly (readonly [number, number])[] }) {
  return (
    <>
      {segments(text, highlights).map((s, i) =>
        s.mark ? (
          <mark key={i}>
            <Untrusted text={s.text} />
          </mark>
        ) : (
          <span key={i}>
            <Untrusted text={s.text} />
          </span>
        ),
      )}
    </>
  );
}
