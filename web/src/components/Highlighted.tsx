import { segments } from '../lib/segments';

/** Text with highlighted runs, as text nodes and <mark> elements (never HTML from the data). */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly (readonly [number, number])[] }) {
  return (
    <>
      {segments(text, highlights).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
