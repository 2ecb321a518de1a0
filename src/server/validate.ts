/** Request input validation with zod: every failure is an INVALID_ARGUMENT naming the parameter. */
import { z } from 'zod';
import { ClewError } from '../model/errors.js';

/** A whole number written in decimal digits, within [min, max]. */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .regex(/^[0-9]{1,16}$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be ≥ ${min}` }).max(max, { message: `must be ≤ ${max}` }));
}

/**
 * Query parameters as an object; a repeated parameter is refused rather than silently picked,
 * except those named in `lists`, which are always a list (one value or many).
 */
export function queryObject(params: URLSearchParams, lists: ReadonlySet<string> = new Set()): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    if (lists.has(k)) {
      const l = out[k];
      if (Array.isArray(l)) l.push(v);
      else out[k] = [v];
      continue;
    }
    if (Object.hasOwn(out, k)) throw new ClewError('INVALID_ARGUMENT', `parameter "${k}" is given more than once`, { parameter: k });
    out[k] = v;
  }
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  let issue: z.core.$ZodIssue = r.error.issues[0]!;
  // one of several shapes (a union): report the shape the input was closest to (the fewest
  // issues, unknown keys counting most), rather than "invalid input"
  while (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const weight = (l: z.core.$ZodIssue[]) => l.length + l.filter((i) => i.code === 'unrecognized_keys').length * 100;
    const best = [...issue.errors].sort((a, b) => weight(a) - weight(b))[0]!;
    if (best.length === 0) break;
    issue = { ...best[0]!, path: [...issue.path, ...best[0]!.path] };
  }
  const where = issue.path.length ? issue.path.join('.') : 'request';
  const message =
    issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `${where}: ${issue.message}`;
  throw new ClewError('INVALID_ARGUMENT', message, { parameter: issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? null) : where });
}
