/**
 * Text recognised in images as the ocr_texts table holds it (schema/tables.ts), shared by the SQLite and
 * PostgreSQL implementations of OcrPort: the row, its mapping, the checks a row must pass, which attachments
 * count as images, and how the entities found in the text are stored (mentions of the attachment's message
 * whose attrs name the photo).
 */
import { ClewError } from '../model/errors.js';
import type { Mention } from '../model/entities.js';
import { indexTokens } from '../text/query/parse.js';
import type { TextNode } from '../text/query/ast.js';
import type { StoredOcr } from './types.js';

export interface OcrDbRow {
  attachment_id: number | string;
  engine: string;
  engine_version: string;
  languages: string;
  data_versions: string;
  text: string;
  words: string;
  confidence: number | null;
  orientation: number | null;
  failure: string | null;
  failed: string | null;
  at: number | string;
}

export function toStoredOcr(r: OcrDbRow): StoredOcr {
  let data: Record<string, string> = {};
  try {
    const v: unknown = JSON.parse(r.data_versions);
    if (v && typeof v === 'object' && !Array.isArray(v)) data = Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    // a row written by hand: no versions
  }
  return {
    attachmentId: Number(r.attachment_id),
    engine: r.engine,
    engineVersion: r.engine_version,
    languages: r.languages === '' ? [] : r.languages.split('+'),
    dataVersions: data,
    text: r.text,
    confidence: r.confidence === null ? null : Number(r.confidence),
    orientation: r.orientation === null ? null : Number(r.orientation),
    failure: r.failure,
    failed: r.failed,
    at: Number(r.at),
  };
}

/** What ocr: filters match: the text's folded index tokens (no stemming), space-separated. */
export function ocrWords(text: string): string {
  return indexTokens(text, 'folded').join(' ');
}

/** The row's values in the table's column order (attachment_id … at). */
export function ocrValues(o: StoredOcr): (string | number | null)[] {
  return [
    o.attachmentId,
    o.engine,
    o.engineVersion,
    o.languages.join('+'),
    JSON.stringify(o.dataVersions),
    o.text,
    ocrWords(o.text),
    o.confidence,
    o.orientation,
    o.failure,
    o.failed,
    o.at,
  ];
}

/** INVALID_ARGUMENT for a row that cannot be stored. */
export function checkOcr(o: StoredOcr, messageId: number | null, mentions: readonly Mention[]): void {
  if (!Number.isSafeInteger(o.attachmentId) || o.attachmentId < 1) throw new ClewError('INVALID_ARGUMENT', `not an attachment id: ${o.attachmentId}`);
  if (messageId !== null && (!Number.isSafeInteger(messageId) || messageId < 1)) throw new ClewError('INVALID_ARGUMENT', `not a message id: ${messageId}`);
  if (typeof o.engine !== 'string' || o.engine === '' || typeof o.engineVersion !== 'string')
    throw new ClewError('INVALID_ARGUMENT', 'a stored text recognition needs its engine and version', { attachment: o.attachmentId });
  if (!Number.isSafeInteger(o.at)) throw new ClewError('INVALID_ARGUMENT', 'a stored text recognition needs its time', { attachment: o.attachmentId });
  if (o.languages.some((l) => !/^[a-z_]{2,16}$/i.test(l))) throw new ClewError('INVALID_ARGUMENT', 'not a Tesseract language', { attachment: o.attachmentId });
  if (o.orientation !== null && !(Number.isInteger(o.orientation) && o.orientation >= 1 && o.orientation <= 8))
    throw new ClewError('INVALID_ARGUMENT', 'an EXIF orientation is 1 to 8', { attachment: o.attachmentId });
  if (mentions.length > 0 && messageId === null) throw new ClewError('INVALID_ARGUMENT', 'entities in an image need the message it belongs to', { attachment: o.attachmentId });
  for (const m of mentions)
    if (!(Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.start < m.end && m.end <= o.text.length))
      throw new ClewError('INVALID_ARGUMENT', 'an entity found in an image lies outside its text', { attachment: o.attachmentId });
}

/** A mention found in an image's text as the mentions table holds it: attrs name the photo first. */
export function ocrMentionAttrs(attachmentId: number, m: Mention): string {
  return JSON.stringify({ ocr: attachmentId, ...(m.attrs ?? {}) });
}

/** The condition (on mentions alias `x`) of the mentions found in attachment `param`'s text (as ocrMentionAttrs writes them). */
export function ocrMentionOf(x: string, param: string, concat: (a: string, b: string) => string): string {
  return `(${x}.attrs = ${concat(concat(`'{"ocr":'`, param), `'}'`)} OR ${x}.attrs LIKE ${concat(concat(`'{"ocr":'`, param), `',%'`)})`;
}

/** The condition (on mentions alias `x`) of the mentions found in the message's own text (not in its images). */
export function bodyMention(x: string): string {
  return `(${x}.attrs IS NULL OR ${x}.attrs NOT LIKE '{"ocr":%')`;
}

/** The condition (on attachments alias `a`) of an image attachment: an image MIME type or an image file name. */
export function imageAttachment(a: string): string {
  const exts = ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff', 'webp'];
  return `(lower(coalesce(${a}.mime, '')) LIKE 'image/%' OR ${exts.map((e) => `lower(${a}.filename) LIKE '%.${e}'`).join(' OR ')})`;
}

export function notInCase(what: string, ids: readonly number[]): ClewError {
  return new ClewError('NOT_FOUND', `no ${what} ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''} in this case`, { ids: ids.slice(0, 20).join(',') });
}

/**
 * Ordinary search in the text recognised in images (issue 23 part 3): the condition a query's words put on an
 * ocr_texts row's `words` (its folded index tokens, space-separated, no stemming), the same on both backends so
 * they give the same hits. `has(needle)` is the backend's substring test on ' ' || words || ' ' with the
 * needle bound as a parameter: a word is ' w ', a prefix ' w', a phrase ' w1 w2 '. A term also matches its
 * alternatives (other-script spellings; stem tokens never occur in `words`).
 */
export function ocrTextCondition(node: TextNode, has: (needle: string) => string): string {
  switch (node.kind) {
    case 'term': {
      const alts = [...new Set([node.tokens[0]!, ...(node.alternatives ?? [])])].filter((t) => t !== '');
      if (alts.length === 0) return '1 = 0';
      const parts = alts.map((t) => has(node.prefix ? ` ${t}` : ` ${t} `));
      return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
    }
    case 'phrase': {
      const all = [node.tokens, ...(node.stemPhrases ?? [])].filter((p) => p.length > 0).map((p) => has(` ${p.join(' ')} `));
      return all.length === 0 ? '1 = 0' : all.length === 1 ? all[0]! : `(${all.join(' OR ')})`;
    }
    case 'or':
      return `(${node.children.map((c) => ocrTextCondition(c, has)).join(' OR ')})`;
    case 'and':
      return `(${node.children.map((c) => ocrTextCondition(c, has)).join(' AND ')})`;
    case 'not':
      return `(NOT ${ocrTextCondition(node.child, has)})`;
  }
}
