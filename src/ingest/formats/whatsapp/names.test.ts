import { describe, expect, it } from 'vitest';
import { phoneE164, senderRef } from './names.js';

describe('sender references', () => {
  it('phone numbers become phone:+E164', () => {
    expect(senderRef('+44 7700 900123')).toBe('phone:+447700900123');
    expect(senderRef('\u202a+1 (202) 555-0143\u202c')).toBe('phone:+12025550143');
    expect(phoneE164('+1 23')).toBeNull();
    expect(phoneE164('+0 123 456 789')).toBeNull();
  });
  it('names stay as written, without direction marks', () => {
    expect(senderRef('Ana Primer')).toBe('whatsapp:Ana Primer');
    expect(senderRef('\u200eMarko Test ')).toBe('whatsapp:Marko Test');
    expect(senderRef('0612345678')).toBe('whatsapp:0612345678');
    expect(senderRef('Vuk', 'signal')).toBe('signal:Vuk');
  });
});
