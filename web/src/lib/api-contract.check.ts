// Compile-time checks of the typed client (npm run typecheck): each @ts-expect-error must stay an error.
import { fetchApi, sendApi } from './api';

export function contractChecks(): void {
  void fetchApi('/messages/:id', { id: 5, context: 0 });
  void sendApi('POST', '/annotations/undo', {}, { event: 1 });
  // @ts-expect-error a misspelled path
  void fetchApi('/mesages/:id', { id: 5 });
  // @ts-expect-error a path parameter left out
  void fetchApi('/messages/:id', { context: 0 });
  // @ts-expect-error a value outside the parameter's enum
  void fetchApi('/search', { q: 'x', mode: 'fuzzy' });
  // @ts-expect-error a POST path used with GET
  void fetchApi('/annotations/undo', {});
  // @ts-expect-error a body of the wrong shape
  void sendApi('POST', '/annotations/undo', {}, { event: 'one' });
}
