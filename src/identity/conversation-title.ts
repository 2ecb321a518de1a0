/**
 * Conversations named by their people (issue 17 part 2). A group's own title is kept when it is a
 * real one: a word of two or more letters that is not a PIN or a number. A title that is empty,
 * emoji or symbols only ("☕"), a single letter, or a handle/PIN ("9C9254") gives way to the
 * members' best names: "Tata, Kum, Ljuba +3".
 */

const PIN = /^[0-9A-F]{6,}$/i;

/** Whether a conversation title says something (see the module comment). */
export function isRealTitle(title: string | null | undefined): title is string {
  if (!title) return false;
  const t = title.trim();
  if (t === '' || PIN.test(t.replace(/\s+/g, ''))) return false;
  return /\p{L}{2,}/u.test(t);
}

/** "A, B, C +N": the first `shown` names, then how many more. */
export function titleFromMembers(labels: readonly string[], shown = 3): string {
  const names = labels.filter((l) => l.trim() !== '');
  if (names.length === 0) return '';
  const head = names.slice(0, shown).join(', ');
  return names.length > shown ? `${head} +${names.length - shown}` : head;
}

/** The title to show: the real one, else the members' names; null when there is neither. */
export function conversationTitle(title: string | null | undefined, memberLabels: readonly string[], shown = 3): string | null {
  if (isRealTitle(title)) return title.trim();
  return titleFromMembers(memberLabels, shown) || null;
}
