import { useEffect, useState, type FormEvent } from 'react';
import { fetchApi, ApiError, sendApi, type AnnotationChangeResponse, type SendApi, type WireAnnotationEvent, type WireItemAnnotations } from '../lib/api';
import { utc } from '../lib/format';
import { Untrusted } from './Untrusted';

const EMPTY: WireItemAnnotations = { tags: [], notes: [], star: null };
/** A change to an item's annotations (POST /api/annotations), without the item. */
type Change = SendApi['POST /annotations']['body'] extends infer B ? (B extends { item: string } ? Omit<B, 'item'> : never) : never;

function errorText(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

/** Tell the undo bar (and whoever shows annotations) that the log moved. */
export const ANNOTATED = 'clew:annotated';

/**
 * An item's tags, notes and star (issue 20), and the controls to add and remove them. Every change
 * is an event of the case's annotation log; the undo bar (UndoBar) undoes the last one, also after
 * a reload. Tags and notes are shown as text only (they may quote seized content).
 */
export function Annotations({ item, initial, compact = false }: { item: string; initial?: WireItemAnnotations; compact?: boolean }) {
  const [a, setA] = useState<WireItemAnnotations>(initial ?? EMPTY);
  const [editing, setEditing] = useState<'tag' | 'note' | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setA(initial ?? EMPTY), [initial]);

  const change = async (body: Change) => {
    setError(null);
    try {
      const r = await sendApi('POST', '/annotations', {}, { item, ...body });
      setA(r.annotations);
      window.dispatchEvent(new CustomEvent(ANNOTATED, { detail: r }));
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing || !draft.trim()) return;
    if (await change(editing === 'tag' ? { action: 'tag', tag: draft } : { action: 'note', text: draft })) {
      setDraft('');
      setEditing(null);
    }
  };

  return (
    <div className={`annotations${compact ? ' compact' : ''}`} data-testid="annotations" data-item={item}>
      <button
        type="button"
        className={`star${a.star ? ' on' : ' no-print'}`}
        aria-pressed={a.star !== null}
        title={a.star ? `starred by ${a.star.by} ${utc(a.star.at)}: click to unstar` : 'star'}
        data-testid="annotation-star"
        onClick={() => void change({ action: a.star ? 'unstar' : 'star' })}
      >
        {a.star ? '★' : '☆'}
      </button>
      {a.tags.map((t) => (
        <span key={t.key} className="tag-chip" dir="auto" data-testid="annotation-tag" title={`${t.by}, ${utc(t.at)}`}>
          #<Untrusted text={t.name} />
          <button type="button" className="chip-x no-print" aria-label={`remove tag ${t.name}`} data-testid="annotation-untag" onClick={() => void change({ action: 'untag', tag: t.name })}>
            ×
          </button>
        </span>
      ))}
      {a.notes.map((n) => (
        <span key={n.id} className="note-chip" dir="auto" data-testid="annotation-note" title={`${n.by}, ${utc(n.at)}`}>
          <span className="muted">note: </span>
          <Untrusted text={n.text} />
          <button type="button" className="chip-x no-print" aria-label="remove note" data-testid="annotation-unnote" onClick={() => void change({ action: 'unnote', note: n.id })}>
            ×
          </button>
        </span>
      ))}
      {editing ? (
        <form className="annotation-form no-print" onSubmit={(e) => void submit(e)}>
          {editing === 'tag' ? (
            <input autoFocus value={draft} maxLength={64} placeholder="tag" aria-label="tag" data-testid="annotation-tag-input" onChange={(e) => setDraft(e.target.value)} />
          ) : (
            <textarea autoFocus value={draft} maxLength={10_000} placeholder="note" aria-label="note" rows={2} data-testid="annotation-note-input" onChange={(e) => setDraft(e.target.value)} />
          )}
          <button type="submit" className="btn" data-testid="annotation-save">
            Save
          </button>
          <button type="button" className="btn" onClick={() => (setEditing(null), setDraft(''))}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <button type="button" className="btn btn-small no-print" data-testid="annotation-add-tag" onClick={() => setEditing('tag')}>
            + tag
          </button>
          <button type="button" className="btn btn-small no-print" data-testid="annotation-add-note" onClick={() => setEditing('note')}>
            + note
          </button>
        </>
      )}
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function describe(e: WireAnnotationEvent): string {
  const what = e.kind === 'star' ? 'star' : e.kind === 'tag' ? `tag #${e.value}` : `note “${e.value.length > 40 ? `${e.value.slice(0, 40)}…` : e.value}”`;
  return `${e.action === 'add' ? 'added' : 'removed'} ${what} on ${e.item.type} ${e.item.key}`;
}

/**
 * The case's last annotation change, with Undo (Redo when it was an undo). Read from the case's log,
 * so it is there after a reload; `onUndone` lets the view show the item's annotations as they are now.
 */
export function UndoBar({ onUndone }: { onUndone?: (r: AnnotationChangeResponse) => void }) {
  const [last, setLast] = useState<WireAnnotationEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void fetchApi('/annotations/history', { limit: 1 })
        .then((r) => live && setLast(r.events[0] ?? null))
        .catch(() => undefined);
    load();
    window.addEventListener(ANNOTATED, load);
    return () => {
      live = false;
      window.removeEventListener(ANNOTATED, load);
    };
  }, []);
  if (!last) return null;
  const undo = async () => {
    setError(null);
    try {
      const r = await sendApi('POST', '/annotations/undo', {}, { event: last.id });
      onUndone?.(r);
      window.dispatchEvent(new CustomEvent(ANNOTATED, { detail: r }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="undo-bar muted no-print" dir="auto" data-testid="undo-bar">
      <span>
        Last change: <Untrusted text={describe(last)} /> ({last.by}, {utc(last.at)})
      </span>{' '}
      <button type="button" className="btn btn-small" data-testid="annotation-undo" onClick={() => void undo()}>
        {last.undoes !== null ? 'Redo' : 'Undo'}
      </button>
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** An item's annotations read on their own (a dossier's subject): the same controls, read again after any change (an undo too). */
export function LoadedAnnotations({ item }: { item: string }) {
  const [state, setState] = useState<{ item: string; a: WireItemAnnotations | undefined } | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void sendApi('POST', '/annotations/lookup', {}, { items: [item] })
        .then((r) => live && setState({ item, a: Object.values(r.items)[0] }))
        .catch(() => live && setState({ item, a: undefined }));
    load();
    window.addEventListener(ANNOTATED, load);
    return () => {
      live = false;
      window.removeEventListener(ANNOTATED, load);
    };
  }, [item]);
  if (state?.item !== item) return null;
  return <Annotations item={item} initial={state.a} />;
}

const BATCH = 200;

/**
 * The annotations of the items a view shows (a thread's messages), by reference (`message:ID`),
 * read in batches through POST /api/annotations/lookup (a JSON list: an entity's value may hold a comma) and kept as they change (here or by the undo bar). Undefined until read.
 */
export function useAnnotationsOf(items: readonly string[]): Record<string, WireItemAnnotations> | undefined {
  const [map, setMap] = useState<Record<string, WireItemAnnotations>>();
  // a reference may hold a comma (an entity's value) but never a NUL
  const key = items.join('\u0000');
  useEffect(() => {
    let live = true;
    const refs = key ? key.split('\u0000') : [];
    const batches: string[][] = [];
    for (let i = 0; i < refs.length; i += BATCH) batches.push(refs.slice(i, i + BATCH));
    void Promise.all(batches.map((b) => sendApi('POST', '/annotations/lookup', {}, { items: b })))
      .then((rs) => live && setMap(Object.assign({}, ...rs.map((r) => r.items)) as Record<string, WireItemAnnotations>))
      .catch(() => live && setMap({}));
    const onAnnotated = (e: Event) => {
      const r = (e as CustomEvent<AnnotationChangeResponse>).detail;
      const ref = `${r.item.type}:${r.item.key}`;
      if (refs.includes(ref)) setMap((cur) => ({ ...cur, [ref]: r.annotations }));
    };
    window.addEventListener(ANNOTATED, onAnnotated);
    return () => {
      live = false;
      window.removeEventListener(ANNOTATED, onAnnotated);
    };
  }, [key]);
  return map;
}
