import { describe, expect, it } from 'vitest';
import { matchSystem } from './system.js';

describe('matchSystem', () => {
  const cases: Array<[string, Record<string, unknown> | null]> = [
    ['Ana Primer joined using this group\'s invite link', { kind: 'joined', actor: 'Ana Primer', subjects: [] }],
    ['Ana Primer left', { kind: 'left', actor: 'Ana Primer' }],
    ['Marko Test added Ana Primer, +44 7700 900123 and Vuk', { kind: 'added', actor: 'Marko Test', subjects: ['Ana Primer', '+44 7700 900123', 'Vuk'] }],
    ['You added Ana Primer', { kind: 'added', subjects: ['Ana Primer'] }],
    ['Marko Test added you', { kind: 'added', actor: 'Marko Test', subjects: [] }],
    ['Marko Test removed Ana Primer', { kind: 'removed', subjects: ['Ana Primer'] }],
    ['Ana Primer changed their phone number to a new number. Tap to message or add the new number.', { kind: 'number_changed', actor: 'Ana Primer' }],
    ['+44 7700 900123 changed to +44 7700 900456', { kind: 'number_changed', actor: '+44 7700 900123', subjects: ['+44 7700 900456'] }],
    ['Your security code with Ana Primer changed. Tap to learn more.', { kind: 'security_code_changed', subjects: ['Ana Primer'] }],
    ['Marko Test created group "Posao"', { kind: 'other', created: true, title: 'Posao' }],
    ['Marko Test changed the subject from "A" to "B"', { kind: 'title_changed', title: 'B' }],
    ['Marko Test changed the group name to “C”', { kind: 'title_changed', title: 'C' }],
    ['Messages and calls are end-to-end encrypted. No one outside of this chat can read them.', { kind: 'other', subjects: [] }],
    ['\u200eMissed voice call', { kind: 'call_missed' }],
    ['Ana Primer neemt deel via de uitnodigingslink van deze groep', { kind: 'joined', locale: 'nl' }],
    ['Marko Test heeft Ana Primer en Vuk toegevoegd', { kind: 'added', subjects: ['Ana Primer', 'Vuk'] }],
    ['Ana Primer a rejoint ce groupe via le lien d’invitation', { kind: 'joined', locale: 'fr' }],
    ['Votre code de sécurité avec Ana Primer a changé', { kind: 'security_code_changed', subjects: ['Ana Primer'] }],
    ['Ana Primer ist über den Einladungslink dieser Gruppe beigetreten', { kind: 'joined', locale: 'de' }],
    ['Du hast Ana Primer entfernt', { kind: 'removed', subjects: ['Ana Primer'] }],
    ['Ana Primer se unió usando el enlace de invitación de este grupo', { kind: 'joined', locale: 'es' }],
    ['Ana Primer cambió a +44 7700 900456', { kind: 'number_changed', subjects: ['+44 7700 900456'] }],
    ['Ana Primer se pridružila preko linka za poziv u ovu grupu', { kind: 'joined', locale: 'sr-Latn' }],
    ['Marko Test je uklonio Ana Primer', { kind: 'removed', subjects: ['Ana Primer'] }],
    ['Ана Пример се придружила преко линка за позив у ову групу', { kind: 'joined', locale: 'sr-Cyrl' }],
    ['Марко Тест је уклонио Ана Пример', { kind: 'removed', subjects: ['Ана Пример'] }],
    ['آنا بريمر انضمت باستخدام رابط الدعوة الخاص بهذه المجموعة', { kind: 'joined', locale: 'ar' }],
    ['ماركو تست أزال آنا بريمر', { kind: 'removed', subjects: ['آنا بريمر'] }],
    ['\u200fتم تغيير رمز الأمان الخاص بك مع آنا بريمر. انقر لمعرفة المزيد.', { kind: 'security_code_changed', subjects: ['آنا بريمر'] }],
    ['see you tomorrow', null],
    ['', null],
  ];
  for (const [text, exp] of cases) {
    it(text || '(empty)', () => {
      const m = matchSystem(text);
      if (exp === null) expect(m).toBeNull();
      else expect(m).toMatchObject(exp);
      if (exp && !('actor' in exp) && m && (text.startsWith('You') || text.startsWith('Du '))) expect(m.actor).toBeUndefined();
    });
  }
  it('ignores texts longer than a system line can be, quickly', () => {
    const long = `${'a added '.repeat(20_000)}x`;
    const t = performance.now();
    expect(matchSystem(long)).toBeNull();
    expect(performance.now() - t).toBeLessThan(50);
  });
});
