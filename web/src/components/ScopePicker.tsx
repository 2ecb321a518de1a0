/**
 * The scope of an analysis (issue 17 part 3), shared by Key players, the disruption simulation
 * and Network: the whole case, the community of someone, the k-hop ego network of one or more
 * people, a time window, the items an analyst tagged, or the persons of the People view. The scope
 * lives in the view's URL as `scope=SPEC` (the API's SPEC: community:REF, ego:REF[,REF…][:K],
 * window:FROM..TO, tag:NAME, persons),
 * never in the data. `ScopeNote` states the scope an answer was computed on, and its size.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { parseScope } from '../../../src/graph/scope/parse.js';
import { fetchApi, ambiguousTerm, isTermOf, type WireScope } from '../lib/api';
import { num } from '../lib/format';
import { IsoDateInput } from './IsoDateInput';
import { ErrorNotice } from './Notice';
import { Untrusted } from './Untrusted';

/** Longest SPEC kept from the URL (the API's cap). */
const MAX_SPEC = 4096;
const MAX_HOPS = 3;

type Kind = 'whole' | 'community' | 'ego' | 'window' | 'tag' | 'persons';

const KINDS: { id: Kind; title: string }[] = [
  { id: 'whole', title: 'Whole case' },
  { id: 'community', title: 'Community of…' },
  { id: 'ego', title: 'Ego network of…' },
  { id: 'window', title: 'Time window' },
  { id: 'tag', title: 'Tagged…' },
  { id: 'persons', title: 'Persons (People view)' },
];

/** The scope SPEC in the URL (`scope=`), or null for the whole case. */
export function scopeOf(params: URLSearchParams): string | null {
  const s = params.get('scope')?.trim() ?? '';
  return s === '' || s.length > MAX_SPEC ? null : s;
}

interface Form {
  kind: Kind;
  refs: string;
  hops: number;
  from: string | null;
  to: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The form for a SPEC (a SPEC the form cannot show shows as the whole case). */
function formOf(spec: string | null): Form {
  const empty: Form = { kind: 'whole', refs: '', hops: 1, from: null, to: null };
  if (!spec) return empty;
  try {
    const r = parseScope(spec);
    if (r.kind === 'community') return { ...empty, kind: 'community', refs: r.ref };
    if (r.kind === 'ego') return { ...empty, kind: 'ego', refs: r.refs.join(', '), hops: Math.max(1, Math.min(MAX_HOPS, r.hops)) };
    if (r.kind === 'window') {
      const [a, b] = spec.slice(spec.indexOf(':') + 1).split('..').map((x) => x.trim());
      return { ...empty, kind: 'window', from: a && DAY.test(a) ? a : null, to: b && DAY.test(b) ? b : null };
    }
    if (r.kind === 'tag') return { ...empty, kind: 'tag', refs: r.name };
    if (r.kind === 'persons') return { ...empty, kind: 'persons' };
  } catch {
    // a bad SPEC in the URL: the API says what is wrong with it
  }
  return empty;
}

/** The SPEC of a form, or null (the whole case), or undefined when it is not complete. */
function specOf(f: Form): string | null | undefined {
  const refs = f.refs.split(',').map((r) => r.trim()).filter((r) => r !== '');
  switch (f.kind) {
    case 'whole':
      return null;
    case 'persons':
      return 'persons';
    case 'community':
      return refs.length === 1 ? `community:${refs[0]}` : undefined;
    case 'ego':
      return refs.length > 0 ? `ego:${refs.join(',')}:${f.hops}` : undefined;
    case 'window':
      return f.from || f.to ? `window:${f.from ?? ''}..${f.to ?? ''}` : undefined;
    case 'tag':
      return f.refs.trim() !== '' ? `tag:${f.refs.trim()}` : undefined;
  }
}

/** The SPEC with one ambiguous name replaced by the reference the analyst chose. */
export function withChosenRef(spec: string, term: string, ref: string): string {
  try {
    const r = parseScope(spec);
    if (r.kind === 'community' && isTermOf(r.ref, term)) return `community:${ref}`;
    if (r.kind === 'ego') return `ego:${r.refs.map((x) => (isTermOf(x, term) ? ref : x)).join(',')}:${r.hops}`;
  } catch {
    // not a SPEC with names
  }
  return spec;
}

/** The case's tags, once the tag scope is chosen (for the list the input offers). */
function useTags(wanted: boolean): string[] {
  const [tags, setTags] = useState<string[]>([]);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void fetchApi('/annotations/tags', {})
      .then((r) => live && setTags(r.tags.map((t) => t.name)))
      .catch(() => live && setTags([]));
    return () => {
      live = false;
    };
  }, [wanted]);
  return tags;
}

/** Choose the scope: `onChange(spec)` with null for the whole case. */
export function ScopePicker({ scope, onChange }: { scope: string | null; onChange: (spec: string | null) => void }) {
  const [form, setForm] = useState<Form>(() => formOf(scope));
  useEffect(() => setForm(formOf(scope)), [scope]);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const spec = specOf(form);
  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    if (spec !== undefined) onChange(spec);
  };
  const needsRefs = form.kind === 'community' || form.kind === 'ego';
  const tags = useTags(form.kind === 'tag');
  return (
    <form className="scope-picker inline-form" onSubmit={apply} aria-label="Scope of the analysis" data-testid="scope-picker">
      <label className="field">
        Scope
        <select
          value={form.kind}
          aria-label="Scope"
          data-testid="scope-kind"
          onChange={(e) => {
            const kind = e.target.value as Kind;
            set({ kind });
            // choices with nothing more to say apply at once
            if (kind === 'whole') onChange(null);
            if (kind === 'persons') onChange('persons');
          }}
        >
          {KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k.title}
            </option>
          ))}
        </select>
      </label>
      {needsRefs ? (
        <input
          className="text-input"
          value={form.refs}
          onChange={(e) => set({ refs: e.target.value })}
          placeholder={form.kind === 'ego' ? 'names or references, comma-separated' : 'a name or reference'}
          aria-label={form.kind === 'ego' ? 'Ego network of' : 'Community of'}
          data-testid="scope-refs"
          maxLength={1000}
        />
      ) : null}
      {form.kind === 'tag' ? (
        <>
          <input
            className="text-input"
            value={form.refs}
            onChange={(e) => set({ refs: e.target.value })}
            placeholder="a tag (clew tag add, or + tag on an item)"
            aria-label="Tagged"
            data-testid="scope-tag"
            list="scope-tags"
            maxLength={64}
          />
          <datalist id="scope-tags">
            {tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </>
      ) : null}
      {form.kind === 'ego' ? (
        <label className="field">
          k
          <select value={String(form.hops)} onChange={(e) => set({ hops: Number(e.target.value) })} aria-label="Hops (k)" data-testid="scope-hops">
            {Array.from({ length: MAX_HOPS }, (_, i) => i + 1).map((k) => (
              <option key={k} value={String(k)}>
                {k} hop{k === 1 ? '' : 's'}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {form.kind === 'window' ? (
        <>
          <label className="field">
            From
            <IsoDateInput className="text-input" value={form.from} onChange={(d) => set({ from: d })} aria-label="Scope from (UTC day)" />
          </label>
          <label className="field">
            to
            <IsoDateInput className="text-input" value={form.to} onChange={(d) => set({ to: d })} aria-label="Scope to (UTC day, included)" />
          </label>
        </>
      ) : null}
      {form.kind !== 'whole' && form.kind !== 'persons' ? (
        <button className="btn" type="submit" disabled={spec === undefined || spec === scope} data-testid="scope-apply">
          Apply
        </button>
      ) : null}
    </form>
  );
}

/**
 * What an answer was computed on: the scope in words and its size (accounts, or persons and
 * accounts at person level), or the whole case with `whole` nodes. Shown on every figure and table.
 */
export function ScopeNote({ scope, whole, unit = 'accounts' }: { scope: WireScope | null; whole?: { nodes: number; contactPairs?: number }; unit?: string }) {
  if (!scope)
    return (
      <div className="scope-note muted small" data-testid="scope-note" data-scope="">
        Scope: whole case{whole ? ` · ${num(whole.nodes)} ${unit}${whole.contactPairs !== undefined ? `, ${num(whole.contactPairs)} contact pairs` : ''}` : ''}
      </div>
    );
  return (
    <div className="scope-note small" data-testid="scope-note" data-scope={scope.spec} data-scope-nodes={scope.nodes}>
      Scope: <span dir="auto"><Untrusted text={scope.description} /></span> ·{' '}
      <strong data-testid="scope-size">
        {num(scope.nodes)} {unit}
      </strong>{' '}
      of {num(scope.of.nodes)}, {num(scope.contactPairs)} contact pairs of {num(scope.of.contactPairs)}
    </div>
  );
}

/**
 * An error of a scoped answer; an ambiguous name in the scope offers its candidates, and the
 * chosen one replaces the name in the SPEC.
 */
export function ScopeError({ error, scope, onChange }: { error: unknown; scope: string | null; onChange: (spec: string | null) => void }) {
  const term = ambiguousTerm(error);
  const choose = scope && term !== null ? (ref: string) => onChange(withChosenRef(scope, term, ref)) : undefined;
  return <ErrorNotice error={error} onChoose={choose} />;
}
