import { describe, expect, it } from 'vitest';
import { packTask, unpackTask } from './analyse-task.js';

describe('packTask', () => {
  it('gives back the texts and languages it was given, empty texts, surrogates and no language included', () => {
    const texts = ['Zovi me na 064 123 4567', '', 'Ђе си брате 👍', 'ok', '\u0000\ud800', 'Où est le colis'];
    const langs = ['sr', null, 'sr', null, null, 'fr'];
    const task = packTask(7, texts, langs);
    expect(task.id).toBe(7);
    expect(task.langNames).toEqual(['sr', 'fr']);
    expect(unpackTask(task)).toEqual({ texts, langs });
  });
  it('packs no texts', () => {
    expect(unpackTask(packTask(0, [], []))).toEqual({ texts: [], langs: [] });
  });
});
