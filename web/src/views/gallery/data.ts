/** The Gallery view's calls to the API (routes/gallery.ts on the server). */
import { fetchApi, fileUrl } from '../../lib/api';

export const galleryApi = {
  page: (q: { ref?: string; message?: number; images?: '0' | '1'; after?: number; limit?: number }, signal?: AbortSignal) => fetchApi('/gallery', q, signal),
  /** The preview's URL (an <img src>: a JPEG the server made, never the attachment's own bytes). */
  thumbnailUrl: (id: number) => fileUrl('/attachments/:id/thumbnail', { id }),
  /** The original's URL (a download: application/octet-stream). */
  originalUrl: (id: number) => fileUrl('/attachments/:id/original', { id }),
};
