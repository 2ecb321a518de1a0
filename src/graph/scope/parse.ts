/**
 * `--scope SPEC`, parsed (a pure function: references stay text, resolved by the caller):
 *
 *   community:REF        the community holding REF
 *   ego:REF[,REF…][:K]   everyone within K hops (default 1) of the targets
 *   window:FROM..TO      contacts from FROM to TO; either end may be left open (`..TO`, `FROM..`);
 *                        a bound is a UTC day (YYYY-MM-DD: TO includes that whole day) or a time
 *                        YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM] (no zone: UTC; TO exclusive)
 *   tag:NAME             the nodes tagged NAME
 *   persons              the persons of the identity view
 *
 * A REF may itself contain colons (`skyecc:4F2A9C`, `phone:+381…`): in `ego:` the last
 * `:K` is a hop count only when it is a number from 0 to 9, so `ego:skyecc:123456` is one
 * target at 1 hop and `ego:skyecc:123456:2` the same at 2 hops. Bad specs throw
 * ClewError INVALID_ARGUMENT naming the forms above.
 */
import { ClewError } from '../../model/errors.js';

export type ScopeRequest =
  | { kind: 'community'; ref: string }
  | { kind: 'ego'; refs: string[]; hops: number }
  /** UTC ms; from inclusive, to exclusive; null = open. */
  | { kind: 'window'; from: number | null; to: number | null }
  | { kind: 'tag'; name: string }
  | { kind: 'persons' };

export const SCOPE_FORMS = ['community:REF', 'ego:REF[,REF…][:K]', 'window:FROM..TO', 'tag:NAME', 'persons'] as const;

/** Longest SPEC accepted (refs and tags are short; anything longer is a mistake). */
export const MAX_SCOPE_LENGTH = 4096;

const bad = (why: string, spec: string): ClewError =>
  new ClewError('INVALID_ARGUMENT', `bad --scope "${spec.slice(0, 80)}": ${why} (use ${SCOPE_FORMS.join(', ')})`, { scope: spec.slice(0, 200) });

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** A bound of `window:` in UTC ms; `end` makes a bare day mean the end of that day. */
export function parseWindowBound(text: string, end: boolean, spec = text): number {
  const d = DAY.exec(text);
  const t = d ? null : TIME.exec(text);
  const m = d ?? t;
  if (!m) throw bad(`"${text.slice(0, 40)}" is not a day (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])`, spec);
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = t ? Number(t[4]) : 0;
  const mi = t ? Number(t[5]) : 0;
  const s = t && t[6] ? Number(t[6]) : 0;
  const ms = t && t[7] ? Number(t[7].padEnd(3, '0')) : 0;
  const base = Date.UTC(y, mo - 1, da, h, mi, s, ms);
  const check = new Date(base);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da || h > 23 || mi > 59 || s > 59) {
    throw bad(`"${text.slice(0, 40)}" is not a real date or time`, spec);
  }
  let offset = 0;
  const zone = t?.[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
    if (zh > 14 || zm > 59) throw bad(`"${zone}" is not a UTC offset`, spec);
    offset = sign * (zh * 60 + zm) * 60_000;
  }
  return base - offset + (d && end ? 86_400_000 : 0);
}

/** Parses a `--scope` SPEC (see the module comment). */
export function parseScope(spec: string): ScopeRequest {
  if (typeof spec !== 'string') throw bad('not text', String(spec));
  if (spec.length > MAX_SCOPE_LENGTH) throw bad(`longer than ${MAX_SCOPE_LENGTH} characters`, spec);
  const s = spec.trim();
  if (s === 'persons') return { kind: 'persons' };
  const colon = s.indexOf(':');
  if (colon < 0) throw bad(s === '' ? 'empty' : `unknown scope "${s.slice(0, 40)}"`, spec);
  const kind = s.slice(0, colon);
  const rest = s.slice(colon + 1);
  switch (kind) {
    case 'community': {
      const ref = rest.trim();
      if (!ref) throw bad('community: needs a REF (a name, handle or number whose community is meant)', spec);
      return { kind: 'community', ref };
    }
    case 'ego': {
      let body = rest;
      let hops = 1;
      const m = /:(\d)$/.exec(body);
      if (m && m.index > 0) {
        hops = Number(m[1]);
        body = body.slice(0, m.index);
      }
      const refs = body.split(',').map((r) => r.trim());
      if (refs.length === 0 || refs.some((r) => r === '')) throw bad('ego: needs one or more REFs separated by commas', spec);
      return { kind: 'ego', refs: [...new Set(refs)], hops };
    }
    case 'window': {
      const dots = rest.indexOf('..');
      if (dots < 0 || rest.indexOf('..', dots + 2) >= 0) throw bad('window: needs FROM..TO (either end may be empty)', spec);
      const a = rest.slice(0, dots).trim();
      const b = rest.slice(dots + 2).trim();
      if (!a && !b) throw bad('window: needs at least one of FROM and TO', spec);
      const from = a ? parseWindowBound(a, false, spec) : null;
      const to = b ? parseWindowBound(b, true, spec) : null;
      if (from !== null && to !== null && from >= to) throw bad('window: FROM must be before TO', spec);
      return { kind: 'window', from, to };
    }
    case 'tag': {
      const name = rest.trim();
      if (!name) throw bad('tag: needs a NAME', spec);
      return { kind: 'tag', name };
    }
    default:
      throw bad(`unknown scope "${kind.slice(0, 40)}"`, spec);
  }
}
