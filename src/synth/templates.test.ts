import { describe, expect, it } from 'vitest';
import { LANGS } from './vocab.js';
import { SLOTS, TEMPLATES, parseTemplate } from './templates.js';

describe('templates', () => {
  it('use only known slots, and every language has every topic', () => {
    const known = new Set<string>(SLOTS);
    for (const lang of LANGS) {
      for (const [topic, list] of Object.entries(TEMPLATES[lang])) {
        expect(list.length, `${lang}/${topic}`).toBeGreaterThan(0);
        for (const t of list) {
          const parts = parseTemplate(t);
          for (let i = 1; i < parts.length; i += 2) {
            const [slot, gcase] = (parts[i] as string).split(':');
            expect(known.has(slot as string), `${lang}: ${t}`).toBe(true);
            if (gcase !== undefined) expect(['gen', 'loc', 'acc']).toContain(gcase);
          }
        }
      }
    }
  });

  it('Cyrillic templates keep their slots in Latin', () => {
    const t = TEMPLATES['sr-Cyrl'].book[0] as string;
    expect(t).toContain('{container}');
    expect(t).toMatch(/Контејнер/);
  });
});
