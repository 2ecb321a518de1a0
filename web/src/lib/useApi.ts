/**
 * Load data for a view: `useApi((signal) => api.x(..., signal), [deps])`. Cancels the request
 * when the deps change or the view goes away; gives { data, error, loading }. Loads again when
 * the case changes (lib/changes.ts), showing the data it has until the new answer arrives.
 */
import { useEffect, useRef, useState, type DependencyList } from 'react';
import { CASE_CHANGED } from './api';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
  const generation = useCaseGeneration();
  const loadedAt = useRef(generation);
  useEffect(() => {
    const ac = new AbortController();
    // the same request after a change of the case: keep showing the data until the new answer comes
    const refresh = loadedAt.current !== generation;
    loadedAt.current = generation;
    setState((s) => (refresh && s.data !== null ? { ...s, loading: true } : { data: null, error: null, loading: true }));
    load(ac.signal).then(
      (data) => {
        if (!ac.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!ac.signal.aborted) setState({ data: null, error, loading: false });
      },
    );
    return () => ac.abort();
    // the caller's deps decide when to reload, and a change of the case
  }, [...deps, generation]);
  return state;
}

/** A number that goes up each time the case changes (lib/changes.ts): `useApi` reloads on it; put it in other deps to reload. */
export function useCaseGeneration(): number {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const bump = () => setGeneration((g) => g + 1);
    window.addEventListener(CASE_CHANGED, bump);
    return () => window.removeEventListener(CASE_CHANGED, bump);
  }, []);
  return generation;
}
