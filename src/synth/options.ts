/** Defaults and validation of the generator options. */
import { ClewError } from '../model/errors.js';
import { DEFAULT_SYNTH_OPTIONS } from './types.js';
import type { ResolvedSynthOptions, SynthOptions } from './types.js';

const DAY = 86_400_000;
const MAX_MESSAGES = 1_000_000_000;

/** Epoch ms of a `YYYY-MM-DD` day (UTC); throws INVALID_ARGUMENT for impossible dates. */
export function parseDay(s: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s) {
    throw new ClewError('INVALID_ARGUMENT', `synth: ${what} must be a date YYYY-MM-DD`, { option: what, value: s });
  }
  return t;
}

/** Fills defaults and checks ranges; throws ClewError INVALID_ARGUMENT. */
export function resolveSynthOptions(opts: SynthOptions): ResolvedSynthOptions {
  const o: ResolvedSynthOptions = { ...DEFAULT_SYNTH_OPTIONS, ...stripUndefined(opts) } as ResolvedSynthOptions;
  if (!Number.isInteger(o.messages) || o.messages < 0 || o.messages > MAX_MESSAGES) {
    throw new ClewError('INVALID_ARGUMENT', `synth: messages must be an integer in 0..${MAX_MESSAGES}`, { option: 'messages', value: String(o.messages) });
  }
  if (!Number.isInteger(o.seed)) throw new ClewError('INVALID_ARGUMENT', 'synth: seed must be an integer', { option: 'seed', value: String(o.seed) });
  const a = parseDay(o.start, 'start');
  const b = parseDay(o.end, 'end');
  if (b - a < 14 * DAY) throw new ClewError('INVALID_ARGUMENT', 'synth: the period must be at least 14 days', { option: 'end', value: o.end });
  if (!(o.orgShare > 0 && o.orgShare < 1)) throw new ClewError('INVALID_ARGUMENT', 'synth: orgShare must be in (0, 1)', { option: 'orgShare', value: String(o.orgShare) });
  if (!(o.callRatio >= 0 && o.callRatio <= 1)) throw new ClewError('INVALID_ARGUMENT', 'synth: callRatio must be in [0, 1]', { option: 'callRatio', value: String(o.callRatio) });
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

