/**
 * Recognise WhatsApp system lines (joined, left, added, removed, number and security-code
 * changes, group creation and title changes, the encryption notice, missed calls) in every
 * locale of locales.ts.
 */
import type { EventKind } from '../../../model/records.js';
import { LOCALES, SYSTEM_MAX, YOU, YOU_OBJECT } from './locales.js';
import { stripMarks } from './marks.js';
import { matchNotice } from './notices.js';

export interface SystemMatch {
  kind: EventKind;
  locale: string;
  /** The actor's name as written; undefined when the actor is "you" or not named. */
  actor?: string;
  /** Names (or phone numbers) the event is about; "you" left out. */
  subjects: string[];
  /** New group title, for creations and title changes. */
  title?: string;
  created: boolean;
}

function splitNames(s: string, and: string): string[] {
  const parts = s.split(new RegExp(`, | ${and} `, 'u'));
  return parts.map((x) => stripMarks(x)).filter((x) => x.length > 0 && !YOU_OBJECT.has(x));
}

/** Classify a system text (the whole text after the header). Null when it is not a known system line. */
export function matchSystem(text: string): SystemMatch | null {
  const t = stripMarks(text);
  if (t.length === 0 || t.length > SYSTEM_MAX) return null;
  // WhatsApp's own notices first (encryption, security code, missed calls), in every language
  const n = matchNotice(t);
  if (n) return { kind: n.kind, locale: n.lang, subjects: n.subject !== undefined ? [stripMarks(n.subject)] : [], created: false };
  for (const loc of LOCALES) {
    for (const pat of loc.patterns) {
      const m = pat.re.exec(t);
      if (!m) continue;
      const g = m.groups ?? {};
      const actorRaw = g.a !== undefined ? stripMarks(g.a) : undefined;
      const out: SystemMatch = {
        kind: pat.kind,
        locale: loc.id,
        subjects: g.s !== undefined ? (pat.kind === 'number_changed' ? [stripMarks(g.s)] : splitNames(g.s, loc.and)) : [],
        created: pat.created === true,
      };
      if (actorRaw !== undefined && actorRaw.length > 0 && !YOU.has(actorRaw)) out.actor = actorRaw;
      if (g.t !== undefined) out.title = g.t;
      return out;
    }
  }
  return null;
}
