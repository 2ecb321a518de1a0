/**
 * Load data for a view: `useApi((signal) => api.x(..., signal), [deps])`. Cancels the request
 * when the deps change or the view goes away; gives { data, error, loading }.
 */
import { useEffect, useState, type DependencyList } from 'react';
import { CASE_CHANGED } from './api';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    const ac = new AbortController();
    setState({ data: null, error: null, loading: true });
    load(ac.signal).then(
      (data) => {
        if (!ac.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!ac.signal.aborted) setState({ data: null, error, loading: false });
      },
    );
    return () => ac.abort();
    // the caller's deps decide when to reload
  }, deps);
  return state;
}

/** A number that goes up each time the case changes (an ingest from the workspace finished): put it in a view's deps to reload. */
export function useCaseGeneration(): number {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const bump = () => setGeneration((g) => g + 1);
    window.addEventListener(CASE_CHANGED, bump);
    return () => window.removeEventListener(CASE_CHANGED, bump);
  }, []);
  return generation;
}
