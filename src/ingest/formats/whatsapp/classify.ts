/**
 * Split the text after a WhatsApp header into a sender and a body, or recognise a system line.
 * The same rules run in the analysis pass and the record pass, so both agree on who spoke.
 *
 * Android: `Name: body`, or a system text with no name (`Ana Primer left`).
 * iOS: always `Name: body`; a system line's body starts with a LRM mark and matches a system
 * pattern (its "name" is then the chat's title, or the person for missed calls).
 */
import type { Layout } from './header.js';
import { matchSystem, type SystemMatch } from './system.js';

export type Classified =
  | { kind: 'message'; name: string; body: string }
  | { kind: 'system'; match: SystemMatch | null; text: string; name?: string };

/** Longest sender name accepted before `: `. */
const NAME_MAX = 256;

/**
 * @param systemNames iOS only: names the analysis found to speak only in LRM-marked lines (a
 *   group's title, or the chat's phantom "sender" of notices in a language clew has no wording
 *   for); their LRM-marked lines are system lines even when no pattern knows them.
 */
export function classify(rest: string, layout: Layout, senders: ReadonlySet<string>, systemNames?: ReadonlySet<string>): Classified {
  const idx = rest.indexOf(': ');
  const name = idx > 0 && idx <= NAME_MAX ? rest.slice(0, idx) : null;
  if (layout === 'android') {
    if (name !== null && senders.has(name)) return { kind: 'message', name, body: rest.slice(idx + 2) };
    const match = matchSystem(rest);
    // "Ana: I left" is Ana speaking, not a system line about "Ana: I".
    if (match && !(name !== null && match.actor !== undefined && match.actor.includes(': ')))
      return { kind: 'system', match, text: rest };
    if (name !== null) return { kind: 'message', name, body: rest.slice(idx + 2) };
    return { kind: 'system', match: null, text: rest };
  }
  if (name === null) return { kind: 'system', match: matchSystem(rest), text: rest };
  const body = rest.slice(idx + 2);
  if (body.charCodeAt(0) === 0x200e) {
    const match = matchSystem(body);
    if (match) return { kind: 'system', match, text: body, name };
    if (systemNames?.has(name)) return { kind: 'system', match: null, text: body, name };
  }
  return { kind: 'message', name, body };
}
