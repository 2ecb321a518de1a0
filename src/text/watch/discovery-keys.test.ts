import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountKeys, discoveryKey } from './discovery-keys.js';

describe('discovery keys', () => {
  it('an account handle or reference gives its handle, the part after the platform, and the phone or e-mail it is', () => {
    expect(accountKeys('sky:ABC123').sort()).toEqual(['handle:abc123', 'handle:sky:abc123']);
    expect(accountKeys('381641234567@s.whatsapp.net')).toContain('phone:+381641234567');
    expect(accountKeys('whatsapp:+381 64 123 4567')).toContain('phone:+381641234567');
    expect(accountKeys('Ana.Petrovic@Example.org')).toContain('email:ana.petrovic@example.org');
    // too broad to compare: no key
    expect(accountKeys('ab')).toEqual([]);
  });

  it('a selector a user looks at meets the key a case holds for the same value', () => {
    expect(discoveryKey('00381 64 123-4567')).toMatchObject({ ok: true, key: 'phone:+381641234567' });
    expect(discoveryKey('pin:ABC123')).toMatchObject({ ok: true, key: 'handle:abc123' });
    expect(discoveryKey('iban:RS35 2600 0560 1001 6113 79')).toMatchObject({ ok: true, key: 'iban:RS35260005601001611379' });
    for (const s of ['+3', '*', 'name:Ana Petrović', 'vessel:MV Ocean Star']) expect(discoveryKey(s).ok).toBe(false);
  });

  it('every key of an account reads back as itself (the two sides meet on equal strings)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        for (const k of accountKeys(s)) {
          const r = discoveryKey(k);
          expect(r.ok && r.key).toBe(k);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
