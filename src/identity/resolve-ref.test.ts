import { describe, expect, it } from 'vitest';
import type { ClewError } from '../model/errors.js';
import { bestNames, choiceOf, expectOne, rankSubjects, refOf, type RefAccount, type RefDirectory, type RefPerson, resolveRef } from './resolve-ref.js';

const acc = (id: number, ref: string, displayName: string | null = null): RefAccount => {
  const [platform, handle] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
  return { id, ref, platform, handle, kind: platform === 'phone' ? 'phone' : 'pin', displayName };
};

const TATA = acc(1, 'skyecc:1F12D3');
const KUM_OLD = acc(2, 'skyecc:95DCF0', 'Kum');
const KUM_NEW = acc(3, 'skyecc:77E961', 'Kum');
const PHONE = acc(4, 'phone:+381641234567');
const OTHER = acc(5, 'skyecc:ABCDEF', 'Ljuba');
const DEVICE = acc(6, 'skyecc:DE71CE');
const DIR: RefDirectory = {
  accounts: [TATA, KUM_OLD, KUM_NEW, PHONE, OTHER, DEVICE],
  saved: [
    { contact: 1, name: 'Tata', owners: 9 },
    { contact: 1, name: 'Ćale', owners: 2 },
    { contact: 4, name: 'Kobra Kotor', owners: 1 },
    { contact: 5, name: 'Тата', owners: 1 },
  ],
  phones: [{ account: 6, value: '+31 6 1234 5678' }],
};

const refs = (term: string, persons: RefPerson[] = []) => resolveRef(term, DIR, persons).map(refOf);
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as ClewError).code;
  }
  return undefined;
};

describe('the one name resolver', () => {
  it('labels an account by its display name, else the name most phones saved it under, else its handle', () => {
    const b = bestNames(DIR);
    expect(b.get(1)).toMatchObject({ label: 'Tata', source: 'saved', savedAs: [{ name: 'Tata', owners: 9 }, { name: 'Ćale', owners: 2 }] });
    expect(b.get(2)).toMatchObject({ label: 'Kum', source: 'display' });
    expect(b.get(6)).toMatchObject({ label: 'DE71CE', source: 'handle' });
  });

  it('takes a reference, a handle, and a phone number in any spelling', () => {
    expect(refs('skyecc:1F12D3')).toEqual(['skyecc:1F12D3']);
    expect(refs('1f12d3')).toEqual(['skyecc:1F12D3']);
    for (const p of ['+381641234567', '+381 64 123 4567', '00381 64 123-4567', '064 123 4567', '(064) 1234567']) expect(refs(p), p).toEqual(['phone:+381641234567']);
    expect(refs('+31 6 12345678')).toEqual(['skyecc:DE71CE']); // a device's number
    expect(refs('0031612345678')).toEqual(['skyecc:DE71CE']);
    expect(refs('+49 170 0000000')).toEqual([]);
  });

  it('finds names in any script, and a word of a longer saved name', () => {
    expect(refs('Ćale')).toEqual(['skyecc:1F12D3']);
    expect(refs('CALE')).toEqual(['skyecc:1F12D3']);
    expect(refs('kobra')).toEqual(['phone:+381641234567']);
    expect(refs('Ljuba')).toEqual(['skyecc:ABCDEF']);
    expect(refs('Љуба')).toEqual(['skyecc:ABCDEF']);
  });

  it('never picks among several: "Tata" = "Тата" names two accounts, the strongest first, and expectOne refuses with the choices', () => {
    const found = resolveRef('Тата', DIR, []);
    expect(found.map(refOf)).toEqual(['skyecc:1F12D3', 'skyecc:ABCDEF']);
    expect(found[0]!.how).toEqual(['saved as "Tata" by 9 phones']);
    let err: ClewError | undefined;
    try {
      expectOne('Tata', found);
    } catch (e) {
      err = e as ClewError;
    }
    expect(err?.code).toBe('AMBIGUOUS_REF');
    expect(err?.choices?.map((c) => [c.ref, c.label, c.handles])).toEqual([
      ['skyecc:1F12D3', 'Tata', ['skyecc:1F12D3']],
      ['skyecc:ABCDEF', 'Ljuba', ['skyecc:ABCDEF']],
    ]);
    expect(codeOf(() => expectOne('nobody', resolveRef('nobody', DIR, [])))).toBe('NOT_FOUND');
    expect(codeOf(() => resolveRef('  ', DIR, []))).toBe('INVALID_ARGUMENT');
  });

  it('lists the candidates of an ambiguous name likeliest first: most phones that saved it, then its own display name, then activity', () => {
    const T = [acc(11, 'skyecc:A1'), acc(12, 'skyecc:B2', 'Tata'), acc(13, 'skyecc:C3'), acc(14, 'skyecc:D4'), acc(15, 'skyecc:E5')];
    const dir: RefDirectory = {
      accounts: T,
      saved: [
        { contact: 11, name: 'Tata', owners: 1 },
        { contact: 13, name: 'Tata', owners: 9 },
        { contact: 14, name: 'TATA', owners: 2 },
        { contact: 15, name: 'Тата', owners: 2 },
        { contact: 12, name: 'Boss', owners: 5 }, // not the name asked for: no evidence for "Tata"
      ],
      phones: [],
    };
    const found = resolveRef('Tata', dir, []);
    // C3 saved as Tata by 9 phones; D4 and E5 by 2 each (ref order without activity); A1 by 1; B2 only calls itself Tata
    expect(found.map(refOf)).toEqual(['skyecc:C3', 'skyecc:D4', 'skyecc:E5', 'skyecc:A1', 'skyecc:B2']);
    expect(choiceOf(found[0]!)).toMatchObject({ ref: 'skyecc:C3', savedBy: 9 });
    expect(choiceOf(found[4]!).savedBy).toBeUndefined();
    // activity breaks the tie between D4 and E5, and never beats more phones
    const ranked = rankSubjects(found, new Map([[15, 500], [14, 20], [11, 10_000]]));
    expect(ranked.map(refOf)).toEqual(['skyecc:C3', 'skyecc:E5', 'skyecc:D4', 'skyecc:A1', 'skyecc:B2']);
    expect(choiceOf(ranked[1]!)).toMatchObject({ savedBy: 2, activity: 500 });
    // a person's evidence adds up its accounts'
    const p: RefPerson = { id: 7, name: 'Dragan', accounts: [T[0]!, T[3]!] };
    expect(resolveRef('Tata', dir, [p]).map(refOf)).toEqual(['skyecc:C3', 'person:7', 'skyecc:E5', 'skyecc:B2']);
  });

  it('takes the accounts of one person as the person, and person:<id or name>', () => {
    expect(refs('Kum')).toEqual(['skyecc:77E961', 'skyecc:95DCF0']); // two handles, no decision yet
    const person: RefPerson = { id: 7, name: 'Dušan Lukić', accounts: [KUM_OLD, KUM_NEW] };
    expect(refs('Kum', [person])).toEqual(['person:7']);
    expect(refs('Кум', [person])).toEqual(['person:7']);
    expect(refs('dusan lukic', [person])).toEqual(['person:7']);
    expect(refs('person:7', [person])).toEqual(['person:7']);
    expect(refs('person:#7', [person])).toEqual(['person:7']);
    expect(refs('person:"Душан Лукић"', [person])).toEqual(['person:7']);
    expect(refs('person:8', [person])).toEqual([]);
    // a reference still names the one account
    expect(refs('skyecc:95DCF0', [person])).toEqual(['skyecc:95DCF0']);
  });
});
