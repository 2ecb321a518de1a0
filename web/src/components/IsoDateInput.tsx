import { useEffect, useState, type InputHTMLAttributes } from 'react';

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * A day typed as YYYY-MM-DD, as every date in the workspace is shown. The browser's own date
 * input follows the browser's locale (mm/dd/yyyy in an American one); this one does not.
 * `onChange` gets the day, or null when emptied, once what is typed is a whole valid day.
 */
export function IsoDateInput({
  value,
  onChange,
  ...rest
}: { value: string | null; onChange: (day: string | null) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'>) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const bad = text !== '' && !isIsoDay(text);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      placeholder="YYYY-MM-DD"
      size={10}
      maxLength={10}
      spellCheck={false}
      autoComplete="off"
      pattern="\d{4}-\d{2}-\d{2}"
      className={`${rest.className ?? ''} iso-date${bad ? ' invalid' : ''}`.trim()}
      aria-invalid={bad || undefined}
      title={bad ? 'a day as YYYY-MM-DD, e.g. 2021-03-01' : rest.title}
      value={text}
      onChange={(e) => {
        const t = e.target.value.trim();
        setText(e.target.value);
        if (t === '') onChange(null);
        else if (isIsoDay(t) && t !== value) onChange(t);
      }}
    />
  );
}
