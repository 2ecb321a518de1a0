/**
 * Keyboard shortcuts (j, k, /, a, r, u …) must never fire while the user is typing: in a text
 * field of any text-like type, a text area, a select (type-ahead), an editable element, or while
 * an input method is composing a character.
 */
const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

interface TargetLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
}

export function isTyping(e: { target: EventTarget | null; isComposing?: boolean }): boolean {
  if (e.isComposing) return true;
  const t = e.target as TargetLike | null;
  if (!t) return false;
  if (t.isContentEditable) return true;
  const tag = (t.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NOT_TEXT.has((t.type ?? 'text').toLowerCase());
  return false;
}
