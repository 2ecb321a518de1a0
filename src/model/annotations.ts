/**
 * The rules for what an analyst writes on an item (issue 20): tag names and notes. A tag name is
 * normalised (NFC, trimmed, inner whitespace one space) and matched case-insensitively through its
 * key (the name lower-cased); a note is kept as written, within a size cap. Both are plain text
 * everywhere: nothing here or downstream ever reads them as markup.
 */
import { ClewError } from './errors.js';

export const MAX_TAG_CHARS = 64;
export const MAX_NOTE_CHARS = 10_000;

// control and format characters (bidi overrides, zero-width), surrogates, unassigned
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Cn}]/u;

/** A tag's name as stored and shown, and its key (what matches): INVALID_ARGUMENT when it cannot be a tag. */
export function normaliseTag(input: string): { name: string; key: string } {
  const name = input.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (name === '') throw new ClewError('INVALID_ARGUMENT', 'a tag needs a name');
  const chars = [...name].length;
  if (chars > MAX_TAG_CHARS) throw new ClewError('INVALID_ARGUMENT', `a tag name is at most ${MAX_TAG_CHARS} characters (this one has ${chars})`, { limit: MAX_TAG_CHARS });
  if (FORBIDDEN.test(name)) throw new ClewError('INVALID_ARGUMENT', 'a tag name cannot hold control or invisible formatting characters');
  return { name, key: name.toLowerCase() };
}

/** A note's text as stored (NFC, trimmed): INVALID_ARGUMENT when empty, TOO_LARGE past the cap. */
export function normaliseNote(input: string): string {
  if (input.length > MAX_NOTE_CHARS * 2) throw new ClewError('TOO_LARGE', `a note is at most ${MAX_NOTE_CHARS.toLocaleString('en')} characters (this one has ${input.length.toLocaleString('en')})`, { limit: MAX_NOTE_CHARS });
  const text = input.normalize('NFC').trim();
  if (text === '') throw new ClewError('INVALID_ARGUMENT', 'a note needs some text');
  const chars = [...text].length;
  if (chars > MAX_NOTE_CHARS) throw new ClewError('TOO_LARGE', `a note is at most ${MAX_NOTE_CHARS.toLocaleString('en')} characters (this one has ${chars.toLocaleString('en')})`, { limit: MAX_NOTE_CHARS });
  return text;
}
