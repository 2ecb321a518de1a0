/**
 * The Gallery view's state, all in the URL (/gallery?ref=R | ?message=ID, &images=1): whose attachments
 * (the case, an account or person as its dossier names it, a message's conversation) and whether only images.
 */
import { href } from '../../lib/router';

export interface GalleryState {
  /** An account reference or person:<id>. */
  ref: string | null;
  /** A message id: its conversation's attachments. */
  message: number | null;
  imagesOnly: boolean;
}

export function parseGallery(params: URLSearchParams): GalleryState {
  const ref = params.get('ref')?.trim() || null;
  const m = params.get('message');
  const message = m !== null && /^[0-9]{1,16}$/.test(m) && Number(m) > 0 ? Number(m) : null;
  return { ref: message === null ? ref : null, message, imagesOnly: params.get('images') !== '0' };
}

/** The Gallery's address for a state (images only is the default, so it is written only when off). */
export function galleryHref(s: Partial<GalleryState>): string {
  return href('/gallery', { ref: s.ref ?? undefined, message: s.message ?? undefined, images: s.imagesOnly === false ? 0 : undefined });
}

/** Latitude and longitude as people read them (4 decimals, about 10 m). */
export function place(lat: number, lon: number): string {
  return `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
}
