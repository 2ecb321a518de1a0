/**
 * The language filter's choices (Search view): the languages the case holds, with their message counts,
 * most messages first. A language typed into the query (lang:xx) that the case does not hold stays
 * selectable (with no count) so the filter shows what the query says. No imports but types: the web
 * workspace uses this file.
 */
import type { LanguageCount } from '../store/types.js';

export interface LanguageOption {
  /** The lang: value (ISO 639-1). */
  value: string;
  /** What the option says, e.g. "Serbian (sr) · 1,234". */
  label: string;
  /** Messages in it; null when the case holds none (a language typed into the query). */
  messages: number | null;
}

const names = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

function languageName(code: string): string {
  try {
    const n = names?.of(code);
    return n && n !== code ? `${n} (${code})` : code;
  } catch {
    return code; // not a language code Intl knows
  }
}

/** The options of the language filter: the case's detected languages (unknown left out), then `selected` if it is not one of them. */
export function languageOptions(counts: readonly LanguageCount[], selected = ''): LanguageOption[] {
  const out: LanguageOption[] = [];
  for (const c of counts) {
    if (c.lang === null) continue;
    out.push({ value: c.lang, label: `${languageName(c.lang)} · ${c.messages.toLocaleString('en')}`, messages: c.messages });
  }
  const sel = selected.trim().toLowerCase();
  if (/^[a-z]{2,3}$/.test(sel) && !out.some((o) => o.value === sel)) out.push({ value: sel, label: `${languageName(sel)} · none in this case`, messages: null });
  return out;
}
