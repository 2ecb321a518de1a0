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

/** Query parameters as an object; a repeated parameter is refused rather than silently picked. */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) {
    if (Object.hasOwn(out, k)) throw new ClewError('INVALID_ARGUMENT', `parameter "${k}" is given more than once`, { parameter: k });
    out[k] = v;
  }
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'request';
  const message =
    issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `${where}: ${issue.message}`;
  throw new ClewError('INVALID_ARGUMENT', message, { parameter: issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? null) : where });
}
