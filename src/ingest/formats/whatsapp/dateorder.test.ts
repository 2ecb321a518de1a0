import { describe, expect, it } from 'vitest';
import { addHeader, decideDateOrder, headerWallClock, newDateOrderStats } from './dateorder.js';
import { parseHeader } from './header.js';

const h = (s: string) => parseHeader(s)!;

describe('date order', () => {
  const decide = (lines: string[]) => {
    const st = newDateOrderStats();
    for (const l of lines) addHeader(st, h(l));
    return decideDateOrder(st);
  };
  it('a value above 12 anywhere decides', () => {
    expect(decide(['01/02/21, 10:00 - a: b', '13/02/21, 10:00 - a: b'])).toEqual({ order: 'dmy', ambiguous: false, conflicting: false });
    expect(decide(['01/02/21, 10:00 - a: b', '02/13/21, 10:00 - a: b'])).toEqual({ order: 'mdy', ambiguous: false, conflicting: false });
  });
  it('nothing decides: day/month, ambiguous', () => {
    expect(decide(['01/02/21, 10:00 - a: b'])).toEqual({ order: 'dmy', ambiguous: true, conflicting: false });
  });
  it('contradictions are flagged', () => {
    expect(decide(['13/02/21, 10:00 - a: b', '02/13/21, 10:00 - a: b'])).toMatchObject({ ambiguous: true, conflicting: true });
  });
  it('year first', () => {
    expect(decide(['[2021-02-01, 10:00:00] a: b'])).toMatchObject({ order: 'ymd', ambiguous: false });
  });
  it('wall clock with 12-hour times', () => {
    expect(headerWallClock(h('1/2/21, 12:05 AM - a: b'), 'mdy')).toEqual({ year: 2021, month: 1, day: 2, hour: 0, minute: 5, second: 0 });
    expect(headerWallClock(h('1/2/21, 12:05 PM - a: b'), 'dmy')).toEqual({ year: 2021, month: 2, day: 1, hour: 12, minute: 5, second: 0 });
    expect(headerWallClock(h('1/2/21, 1:05 PM - a: b'), 'dmy')).toMatchObject({ hour: 13 });
    expect(headerWallClock(h('1/2/21, 13:05 PM - a: b'), 'dmy')).toBeNull();
    expect(headerWallClock(h('1/2/2021, 0:05 AM - a: b'), 'dmy')).toBeNull();
  });
});
