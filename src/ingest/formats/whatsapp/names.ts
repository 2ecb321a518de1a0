/**
 * Sender names in WhatsApp exports: the exporting phone's contact name, or the number itself
 * for people not in its contacts ("+31 6 12345678"). Numbers become `phone:+E164` references,
 * names `whatsapp:<name as written>` (direction marks removed, trimmed).
 */
import type { AccountRef } from '../../../model/records.js';
import { stripMarks } from './marks.js';

const PHONE_RE = /^\+[\d\s\-().]{6,30}$/;

/** The E.164 form of a written phone number with a leading `+`, or null. */
export function phoneE164(written: string): string | null {
  const s = stripMarks(written).replace(/[\u00a0\u202f\u2007]/g, ' ');
  if (!PHONE_RE.test(s)) return null;
  const digits = s.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15 || digits[0] === '0') return null;
  return `+${digits}`;
}

export function senderRef(name: string, platform = 'whatsapp'): AccountRef {
  const e164 = phoneE164(name);
  if (e164) return `phone:${e164}`;
  return `${platform}:${stripMarks(name).slice(0, 256)}`;
}
