// Wire types of the attachment gallery (contract/gallery.ts). File names and types come from seized phones: render them as text only.
import type { z } from 'zod';
import type { ResponseOf } from '../endpoint.js';
import type { gallery, galleryItemView } from '../contract/gallery.js';

export type WireGalleryItem = z.output<typeof galleryItemView>;
/** GET /api/gallery */
export type GalleryResponse = ResponseOf<typeof gallery>;
