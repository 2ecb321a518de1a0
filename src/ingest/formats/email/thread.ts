/**
 * E-mail threading: the conversation of a message is its thread root, the first Message-ID of
 * References, else In-Reply-To, else the message's own Message-ID. Ids are kept with their
 * angle brackets, as written (`<id@host>`), after trimming.
 */

const ID_RE = /<[^<>\s]{1,998}>/g;

/** Message ids in a header value (References may fold and hold many). */
export function messageIds(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const found = text.match(ID_RE);
  if (found) return found;
  // a bare id without brackets (seen in broken mailers): take whitespace-separated tokens with @
  return text
    .split(/\s+/)
    .filter((t) => t.includes('@') && t.length <= 998)
    .map((t) => `<${t}>`);
}

export interface ThreadHeaders {
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
}

export function threadRoot(h: ThreadHeaders): string | undefined {
  return messageIds(h.references)[0] ?? messageIds(h.inReplyTo)[0] ?? messageIds(h.messageId)[0];
}
