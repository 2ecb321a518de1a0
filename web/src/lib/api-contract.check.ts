// Compile-time checks of the typed client (npm run typecheck): each @ts-expect-error must stay an error.
import { download, fetchApi, fileUrl, sendApi, uploadApi } from './api';

export async function contractChecks(): Promise<void> {
  void fetchApi('/messages/:id', { id: 5, context: 0 });
  void sendApi('POST', '/annotations/undo', {}, { event: 1 });
  void sendApi('POST', '/session', {}, { user: 'ana', password: 'secret' });
  void uploadApi('/uploads', { name: 'chat.txt' }, new Blob([]));
  void uploadApi('/report', {}, { items: [{ id: 1, commentary: null }] });
  void download('/csv/search', { q: 'x' });
  void fileUrl('/attachments/:id/thumbnail', { id: 1 });
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
  // @ts-expect-error signing in takes a password too
  void sendApi('POST', '/session', {}, { user: 'ana' });
  // @ts-expect-error a file to save is not JSON
  void fetchApi('/csv/entities', {});
  // @ts-expect-error a JSON answer is not a file to save
  void download('/stats', {});
  // @ts-expect-error an upload streams its body: not a JSON POST
  void sendApi('POST', '/uploads', { name: 'chat.txt' }, undefined);
  // @ts-expect-error a file to ingest is bytes, not JSON
  void uploadApi('/uploads', { name: 'chat.txt' }, { text: 'hello' });
  // @ts-expect-error the report's JSON document has its shape
  void uploadApi('/report', {}, { items: 'all' });
  // @ts-expect-error a path parameter of the wrong type
  void fetchApi('/messages/:id', { id: true, context: 0 });
  // @ts-expect-error a query parameter the endpoint does not declare
  void fetchApi('/stats', { top: 5, bottom: 5 });
  // @ts-expect-error undo is a POST, not a DELETE
  void sendApi('DELETE', '/annotations/undo', {}, undefined);
  // @ts-expect-error a JSON answer is not a file to show
  void fileUrl('/stats', {});
  // @ts-expect-error signing in is a JSON POST, not an upload
  void uploadApi('/session', {}, new Blob([]));
  // @ts-expect-error an upload path used as a JSON GET
  void fetchApi('/uploads', { name: 'chat.txt' });
  // the answers are the endpoints' response types: a field the server does not send does not compile
  const me = await fetchApi('/session', {});
  const mode: 'single' | 'team' = me.mode;
  // @ts-expect-error no such field in the session's answer
  void me.token;
  const dossier = await fetchApi('/dossier/:ref*', { ref: 'a' });
  const handles: number = dossier.contactsTotal;
  // @ts-expect-error no such field in a dossier
  void dossier.contactCount;
  // @ts-expect-error a count is not a string
  const total: string = dossier.contactsTotal;
  const undone = await sendApi('POST', '/annotations/undo', {}, { event: 1 });
  // @ts-expect-error no such field in undo's answer
  void undone.nothing;
  const made = await uploadApi('/report', {}, { items: [{ id: 1, commentary: null }] });
  const sha: string = made.manifestSha256;
  // @ts-expect-error the report's answer names its figures by count
  const figures: string = made.figures;
  void mode;
  void handles;
  void total;
  void sha;
  void figures;
}
