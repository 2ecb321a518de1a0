import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidLuhn, luhnCheckDigit } from './luhn.js';
import { normaliseDeviceId } from './device-ids.js';

const imei = fc.stringMatching(/^[0-9]{14}$/).map((b) => b + String(luhnCheckDigit(b)));
const n = (key: string, value: string) => normaliseDeviceId(key, value).value;

describe('normaliseDeviceId', () => {
  it('gives every spelling of one IMEI the same value', () => {
    const forms = ['356938035643809', '35-693803-564380-9', 'IMEI: 35 693803 564380 9', '35693803564380', '3569380356438012', ' imei=356938035643809 '];
    expect(new Set(forms.map((f) => n('imei', f)))).toEqual(new Set(['356938035643809']));
    expect(normaliseDeviceId(' IMEI ', '35693803564380')).toEqual({ key: 'imei', value: '356938035643809' });
  });

  it('keeps IMEIs of different devices apart, and a 15-digit value with a wrong check digit as written', () => {
    expect(n('imei', '356938035643809')).not.toBe(n('imei', '356938035643817'));
    expect(n('imei', '356938035643800')).toBe('356938035643800');
    expect(n('imei', 'unknown')).toBe('unknown');
  });

  it('property: separators, a label and the check digit never change an IMEI; the result is valid and stable', () => {
    fc.assert(
      fc.property(imei, fc.array(fc.constantFrom(' ', '-', '.', '/'), { maxLength: 15 }), fc.boolean(), fc.boolean(), (v, seps, label, dropCheck) => {
        const digits = dropCheck ? v.slice(0, 14) : v;
        let spelled = '';
        for (let i = 0; i < digits.length; i++) spelled += digits[i]! + (seps[i] ?? '');
        if (label) spelled = `IMEI: ${spelled}`;
        const out = n('imei', spelled);
        expect(out).toBe(v);
        expect(isValidLuhn(out)).toBe(true);
        expect(n('imei', out)).toBe(out);
      }),
    );
  });

  it('compacts phone numbers, IMSIs and other values without merging different ones', () => {
    expect(n('phone', '+381 64 123-4567')).toBe('+381641234567');
    expect(n('msisdn', '00381641234567')).toBe('+381641234567');
    expect(n('imsi', 'IMSI: 220 01 1234567890')).toBe('220011234567890');
    expect(n('pin', '  95DCF0 ')).toBe('95DCF0');
    expect(n('serial', 'A1  B2')).toBe('A1 B2');
    fc.assert(fc.property(fc.string(), fc.string(), (k, v) => {
      const once = normaliseDeviceId(k, v);
      expect(normaliseDeviceId(once.key, once.value)).toEqual(once);
    }));
  });
});
