/**
 * Issue 17, "done when": on a generated case at a seed no other test uses, every leader's
 * nickname opens the leader's dossier (through the one name resolver, in Latin and Cyrillic),
 * and the scoped arrest of the leaders (`clew graph disrupt --scope … --remove <nicknames>`) gives
 * the figures truth.json states for the organisation's network. Identity resolution is taken
 * from the truth (the analyst's merge decisions), as an analyst would confirm it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withCase } from '../src/api/case.js';
import { runCli } from '../src/cli/test-support/run.js';

const SEED = 7331;

const run = (...argv: string[]) => runCli(argv);

afterEach(() => vi.restoreAllMocks());

interface Truth {
  leaders: string[];
  persons: { id: string; name: string; nickname?: string; name_variants: string[]; role: string; handles: { ref: string }[] }[];
  groups: { id: string; kind: string; members: string[] }[];
  observed_organisation_network: {
    members: number;
    arrest_of_leaders: Record<'before' | 'after', { members: number; largest_component: number; largest_component_share: number; components: number; global_efficiency: number }>;
  };
}

describe(`a generated case at seed ${SEED}: leaders by nickname, and their scoped arrest`, () => {
  let dir = '';
  let casePath = '';
  let truth: Truth;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clew-leaders-'));
    casePath = join(dir, 'case.clew');
    expect((await run('synth', '--out', dir, '--messages', '30000', '--seed', String(SEED))).code).toBe(0);
    const ing = await run('ingest', '--case', casePath, join(dir, 'records.jsonl'));
    expect(ing.code, ing.err).toBe(0);
    truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const person = (id: string) => truth.persons.find((p) => p.id === id)!;

  it('every leader’s nickname names only the leader’s handles, and opens the leader’s dossier once the handles are one person', async () => {
    const leaders = truth.leaders.map(person);
    for (const l of leaders) {
      const handles = l.handles.map((h) => h.ref);
      const r = await run('dossier', '--case', casePath, l.nickname!, '--json');
      // before any merge: the leader's handle, or a choice among the leader's handles only (exit 2)
      if (r.code === 0) expect(handles).toContain((JSON.parse(r.out) as { subject: { ref: string } }).subject.ref);
      else {
        expect(r.code, r.out).toBe(2);
        const e = (JSON.parse(r.out) as { error: { code: string; choices: { ref: string }[] } }).error;
        expect(e.code).toBe('AMBIGUOUS_REF');
        for (const c of e.choices) expect(handles).toContain(c.ref);
      }
    }
    // the analyst merges each leader's handles into one person, named by the real name
    await withCase(casePath, { threadedWriter: false }, async (store) => {
      for (const l of leaders) {
        const ids: number[] = [];
        for (const h of l.handles) {
          const a = (await store.resolveAccounts(h.ref))[0];
          if (a) ids.push(a.id);
        }
        for (const b of ids.slice(1)) await store.identity().merge(ids[0]!, b, { by: 'test', name: l.name });
      }
    });
    for (const l of leaders) {
      const cyrillic = l.name_variants.find((v) => /^[\u0400-\u04ff]+$/.test(v) && v.length === l.nickname!.length);
      for (const term of [l.nickname!, l.nickname!.toUpperCase(), ...(cyrillic ? [cyrillic] : [])]) {
        const r = await run('dossier', '--case', casePath, term, '--json');
        expect(r.code, `${term}: ${r.out}${r.err}`).toBe(0);
        const d = JSON.parse(r.out) as { subject: { kind: string; label: string }; accounts: { ref: string }[] };
        const handles = l.handles.map((h) => h.ref);
        for (const a of d.accounts) expect(handles, term).toContain(a.ref);
        if (l.handles.length > 1) expect(d.subject, term).toMatchObject({ kind: 'person', label: l.name });
      }
    }
  }, 120_000);

  it('the scoped arrest of the leaders, named by nickname, gives the figures truth.json states', async () => {
    const org = truth.groups.find((g) => g.kind === 'organisation')!.members.map(person);
    // every member's handles are one person (the leaders' are merged above)
    const refs: string[] = [];
    await withCase(casePath, { threadedWriter: false }, async (store) => {
      const members = await store.identity().members();
      for (const p of org) {
        const ids: number[] = [];
        for (const h of p.handles) {
          const a = (await store.resolveAccounts(h.ref))[0];
          if (a) ids.push(a.id);
        }
        if (ids.length === 0) continue;
        for (const b of ids.slice(1)) if (members.get(b)?.person === undefined || members.get(b)?.person !== members.get(ids[0]!)?.person) await store.identity().merge(ids[0]!, b, { by: 'test', name: p.name });
        refs.push(p.handles.find((h) => h.ref)!.ref);
      }
    });
    const nick = truth.leaders.map((l) => person(l).nickname!).join(',');
    const r = await run('graph', 'disrupt', '--case', casePath, '--level', 'person', '--scope', `ego:${refs.join(',')}:0`, '--remove', nick, '--json');
    expect(r.code, r.out + r.err).toBe(0);
    const d = JSON.parse(r.out) as {
      scope: { nodes: number; kind: string };
      removed: { key: string }[];
      before: { nodes: number; largestComponent: number; largestComponentShare: number; components: number; globalEfficiency: number };
      after: { nodes: number; largestComponent: number; largestComponentShare: number; components: number; globalEfficiency: number };
      brokers: { key: string }[];
    };
    const t = truth.observed_organisation_network;
    expect(d.scope).toMatchObject({ kind: 'ego', nodes: t.members });
    expect(d.removed).toHaveLength(truth.leaders.length);
    for (const k of ['before', 'after'] as const) {
      expect(d[k].nodes, k).toBe(t.arrest_of_leaders[k].members);
      expect(d[k].largestComponent, k).toBe(t.arrest_of_leaders[k].largest_component);
      expect(d[k].components, k).toBe(t.arrest_of_leaders[k].components);
      expect(d[k].largestComponentShare, k).toBeCloseTo(t.arrest_of_leaders[k].largest_component_share, 5);
      expect(d[k].globalEfficiency, k).toBeCloseTo(t.arrest_of_leaders[k].global_efficiency, 5);
    }
    expect(d.brokers.length).toBeGreaterThan(0);
  }, 120_000);
});
