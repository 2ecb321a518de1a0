/** Keyboard shortcuts never fire while typing (issue 17 part 8): the predicate every view's shortcut handler asks first. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTyping } from '../web/src/lib/keys.js';

const ev = (target: object | null, isComposing = false) => ({ target: target as EventTarget | null, isComposing });

describe('isTyping', () => {
  it('is true in text fields of every text-like type, text areas, selects, editable elements and during composition', () => {
    for (const type of [undefined, 'text', 'search', 'email', 'number', 'date', 'datetime-local', 'password', 'tel', 'url', 'TEXT']) expect(isTyping(ev({ tagName: 'INPUT', type })), String(type)).toBe(true);
    expect(isTyping(ev({ tagName: 'TEXTAREA' }))).toBe(true);
    expect(isTyping(ev({ tagName: 'SELECT' }))).toBe(true);
    expect(isTyping(ev({ tagName: 'DIV', isContentEditable: true }))).toBe(true);
    expect(isTyping(ev({ tagName: 'BODY' }, true))).toBe(true);
  });
  it('is false on the page, links, buttons and checkboxes', () => {
    expect(isTyping(ev(null))).toBe(false);
    for (const tagName of ['BODY', 'A', 'BUTTON', 'DIV', 'CANVAS']) expect(isTyping(ev({ tagName })), tagName).toBe(false);
    for (const type of ['checkbox', 'radio', 'button', 'range']) expect(isTyping(ev({ tagName: 'INPUT', type })), type).toBe(false);
  });
  it('every window-level key handler in web/src that reacts to letters asks it', () => {
    const dir = resolve(import.meta.dirname, '..', 'web', 'src');
    const offenders: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) {
          const t = readFileSync(p, 'utf8');
          const letters = /e\.key === '[a-z/]'/.test(t);
          if (letters && /addEventListener\('keydown'/.test(t) && !/isTyping\(e\)/.test(t)) offenders.push(p);
        }
      }
    };
    walk(dir);
    expect(offenders).toEqual([]);
  });
});
