// One block per signal: each is checked on its own, with its weight as the contribution.
import { describe, expect, it } from 'vitest';
import { blockCandidates } from './blocking.js';
import { buildProfiles, type Profile } from './profile.js';
import { combine, PRIOR_LOG_ODDS } from './score.js';
import { cosine, habitsEvidence, HABITS_WEIGHT, hoursEvidence, HOURS_WEIGHT } from './signal-activity.js';
import { contactsEvidence, contactSimilarity, CONTACTS_WEIGHT, TALKED_TO_EACH_OTHER } from './signal-contacts.js';
import { IdentifierIndex, identifiersEvidence, IDENTIFIER_WEIGHTS } from './signal-identifiers.js';
import { NameIndex, namesEvidence, SAME_OWNER_WEIGHT, FULL_NAME_CONFLICT_WEIGHT } from './signal-names.js';
import { indexStatements, isStatement, SELF_ANNOUNCE_WEIGHT, STATEMENT_WEIGHT, statementsEvidence } from './signal-statements.js';
import { timingEvidence, TIMING_WEIGHTS } from './signal-timing.js';
import { suggest } from './suggest.js';
import { CONTACTS, fixture, handle, NEW, OLD, X } from './test-support/fixture.js';

const input = fixture();
const profiles = buildProfiles(input);
const P = (id: number) => profiles.get(id) as Profile;
const names = new NameIndex(profiles);

describe('contacts signal', () => {
  it('is the Jaccard of the partner sets times its weight', () => {
    const s = contactSimilarity(new Set([1, 2, 3, 4]), new Set([2, 3, 4, 5]));
    expect(s.jaccard).toBeCloseTo(3 / 5);
    expect(s.cosine).toBeCloseTo(3 / 4);
    const [e] = contactsEvidence(P(OLD), P(NEW), OLD, NEW);
    expect(e).toMatchObject({ signal: 'contacts', weight: CONTACTS_WEIGHT, value: 4 / 5, contacts: CONTACTS.slice(0, 4) });
    expect(e!.contribution).toBeCloseTo(CONTACTS_WEIGHT * 0.8);
  });
  it('counts against two handles that talked to each other', () => {
    const ev = contactsEvidence(P(OLD), P(10), OLD, 10);
    expect(ev[0]).toMatchObject({ contribution: TALKED_TO_EACH_OTHER });
  });
});

describe('timing signal', () => {
  it('rewards one handle starting days after the other stops, punishes long overlap', () => {
    expect(timingEvidence(P(OLD).info, P(NEW).info)[0]).toMatchObject({ contribution: TIMING_WEIGHTS.adjacent, value: 2 });
    expect(timingEvidence(P(OLD).info, P(X).info)[0]).toMatchObject({ contribution: TIMING_WEIGHTS.concurrent });
    expect(timingEvidence(handle(1, 0, 10), handle(2, 100, 120))[0]).toMatchObject({ contribution: TIMING_WEIGHTS.far });
    expect(timingEvidence(handle(1, 0, 10, { first: null, last: null }), handle(2, 11, 20))).toEqual([]);
  });
});

describe('activity signals', () => {
  it('hours: cosine of the hour histograms', () => {
    expect(cosine([1, 0], [1, 0])).toBe(1);
    expect(hoursEvidence(P(OLD).info, P(NEW).info)[0]).toMatchObject({ weight: HOURS_WEIGHT, contribution: HOURS_WEIGHT, value: 1 });
    expect(hoursEvidence(P(OLD).info, P(X).info)[0]!.contribution).toBeLessThan(0);
  });
  it('habits: ratio of mean message lengths', () => {
    expect(habitsEvidence(P(OLD).info, P(NEW).info)[0]).toMatchObject({ weight: HABITS_WEIGHT, value: 1 });
    expect(habitsEvidence(P(OLD).info, P(NEW).info)[0]!.contribution).toBeCloseTo(HABITS_WEIGHT);
    expect(habitsEvidence(P(OLD).info, P(X).info)[0]!.contribution).toBe(-HABITS_WEIGHT);
  });
});

describe('names signal', () => {
  it('finds owners who saved both handles under one name, across scripts', () => {
    const ev = namesEvidence(names, OLD, NEW);
    const owners = ev.find((e) => e.weight === SAME_OWNER_WEIGHT)!;
    expect(owners.value).toBe(2);
    expect(owners.contribution).toBe(2 * SAME_OWNER_WEIGHT);
    expect(owners.names!.map((n) => n.owner).sort()).toEqual([10, 11]);
  });
  it('counts against full names that differ', () => {
    const ev = namesEvidence(names, OLD, X);
    expect(ev.find((e) => e.weight === FULL_NAME_CONFLICT_WEIGHT)?.summary).toContain('full names differ');
  });
});

describe('identifiers signal', () => {
  it('a shared IMEI counts its weight; values shared by many handles do not count', () => {
    const ix = new IdentifierIndex(input.identifiers);
    expect(identifiersEvidence(ix, OLD, NEW)[0]).toMatchObject({ contribution: IDENTIFIER_WEIGHTS.imei, identifiers: [{ type: 'imei', value: '356938035643809' }] });
    const shared = new IdentifierIndex([1, 2, 3, 4, 5].map((a) => ({ account: a, type: 'crypto', value: 'bc1qxyz', messageId: a * 10 })));
    expect(identifiersEvidence(shared, 1, 2)).toEqual([]);
  });
});

describe('statements signal', () => {
  it('recognises announcements in the case languages, folded', () => {
    for (const s of ['Novi broj, stari gasim', 'НОВИ БРОЈ', 'Dit is mijn nieuwe nummer', 'This is my new number', 'Nouveau numéro, garde-le', 'Este es mi número nuevo', 'هذا رقمي الجديد'])
      expect(isStatement(s), s).toBe(true);
    for (const s of ['broj kontejnera', 'number of boxes', 'nummer 5']) expect(isStatement(s), s).toBe(false);
  });
  it('links a self-announcement and a third-party statement to the earlier handle', () => {
    const byText = new Map(input.handles.map((h) => [h.handle.toLowerCase(), h.id]));
    const st = indexStatements(input.statements, new Map(input.handles.map((h) => [h.id, h])), byText);
    const [e] = statementsEvidence(st, names, P(OLD).info, P(NEW).info, P(OLD).partners);
    expect(e!.messages).toEqual([501, 502]);
    expect(e!.contribution).toBe(STATEMENT_WEIGHT);
    expect(SELF_ANNOUNCE_WEIGHT).toBeLessThan(STATEMENT_WEIGHT);
    expect(statementsEvidence(st, names, P(X).info, P(NEW).info, P(X).partners)).toEqual([]);
  });
});

describe('blocking and suggestions', () => {
  it('scores only candidate pairs and suggests the rotation with its evidence', () => {
    const c = blockCandidates(profiles, names, new IdentifierIndex(input.identifiers), indexStatements([], new Map(), new Map()), () => false);
    const n = input.handles.length;
    expect(c.pairs.length).toBeLessThan((n * (n - 1)) / 2);
    const r = suggest(input);
    expect(r.suggestions.map((s) => [s.a, s.b])).toEqual([[OLD, NEW]]);
    const s = r.suggestions[0]!;
    expect(s.score).toBeCloseTo(combine(s.evidence).score);
    expect(s.logOdds).toBeCloseTo(PRIOR_LOG_ODDS + s.evidence.reduce((x, e) => x + e.contribution, 0));
    expect(new Set(s.evidence.map((e) => e.signal))).toEqual(new Set(['names', 'contacts', 'timing', 'hours', 'habits', 'identifiers', 'statements']));
    expect(r.pairsScored).toBeGreaterThan(0);
  });
  it('never suggests a rejected pair or a pair already in one person', () => {
    expect(suggest({ ...input, rejected: [[NEW, OLD]] }).suggestions).toEqual([]);
    expect(suggest({ ...input, members: [{ account: OLD, person: 1 }, { account: NEW, person: 1 }] }).suggestions).toEqual([]);
  });
});
