import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidIBAN } from 'ibantools';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_REF_RE } from '../model/records.js';
import { base58CheckVerify } from './base58check.js';
import { bech32Verify } from './bech32.js';
import { isValidContainerNumber } from './container.js';
import { generateCase, resolveSynthOptions } from './generate.js';
import { isValidImo } from './imo.js';
import { isValidLuhn } from './luhn.js';
import type { PlantedEntry, SynthTruth } from './types.js';
import { writeCase } from './write.js';

type Rec = Record<string, unknown>;

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Checks one record against the canonical format rules (docs/formats/canonical.md). */
function canonicalProblems(r: Rec): string[] {
  const p: string[] = [];
  const str = (k: string): boolean => typeof r[k] === 'string' && (r[k] as string).length > 0;
  const ref = (k: string): void => {
    if (!(typeof r[k] === 'string' && ACCOUNT_REF_RE.test(r[k] as string))) p.push(`${k} is not an account ref`);
  };
  const ts = (k: string): void => {
    const m = typeof r[k] === 'string' ? ISO_WITH_OFFSET.exec(r[k] as string) : null;
    if (!m) return void p.push(`${k} is not ISO 8601 with offset`);
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as number[];
    const dt = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
    if (dt.getUTCDate() !== d || (h as number) > 23 || Number.isNaN(Date.parse(r[k] as string))) p.push(`${k} is an impossible time`);
  };
  switch (r.type) {
    case 'account':
      ref('ref');
      if (r.kind !== undefined && !['pin', 'phone', 'username', 'email', 'imei', 'other'].includes(r.kind as string)) p.push('bad kind');
      break;
    case 'contact':
      ref('owner');
      ref('contact');
      if (!str('name')) p.push('name');
      break;
    case 'conversation':
      if (!str('ref')) p.push('ref');
      if (r.members !== undefined && !(Array.isArray(r.members) && r.members.every((m) => typeof m === 'string' && ACCOUNT_REF_RE.test(m)))) p.push('members');
      break;
    case 'message':
      ref('from');
      ts('ts');
      if (typeof r.body !== 'string' || Buffer.byteLength(r.body) > 256 * 1024) p.push('body');
      if (!(Array.isArray(r.to) && r.to.length > 0) && !str('conversation')) p.push('needs to or conversation');
      if (Array.isArray(r.to) && !r.to.every((m) => typeof m === 'string' && ACCOUNT_REF_RE.test(m))) p.push('to');
      if (r.channel !== undefined && !['chat', 'sms', 'email'].includes(r.channel as string)) p.push('channel');
      break;
    case 'call':
      ref('from');
      ref('to');
      ts('ts');
      if (!(typeof r.duration === 'number' && r.duration >= 0)) p.push('duration');
      if (r.lat !== undefined && !(typeof r.lat === 'number' && Math.abs(r.lat) <= 90)) p.push('lat');
      if (r.lon !== undefined && !(typeof r.lon === 'number' && Math.abs(r.lon) <= 180)) p.push('lon');
      break;
    case 'attachment':
      if (!str('id') || !str('filename')) p.push('id/filename');
      if (r.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(r.sha256 as string)) p.push('sha256');
      break;
    case 'location':
      if (!['exif', 'antenna', 'shared', 'device'].includes(r.kind as string)) p.push('kind');
      if (typeof r.lat !== 'number' || typeof r.lon !== 'number' || Math.abs(r.lat) > 90 || Math.abs(r.lon) > 180) p.push('lat/lon');
      if (r.ts !== undefined) ts('ts');
      break;
    case 'device':
      ref('account');
      if (typeof r.identifiers !== 'object' || r.identifiers === null || !Object.values(r.identifiers).every((v) => typeof v === 'string')) p.push('identifiers');
      break;
    default:
      p.push(`unknown type ${String(r.type)}`);
  }
  return p;
}

const N = 5000;
let dir = '';
let lines: string[] = [];
let recs: Rec[] = [];
let truth: SynthTruth & { planted: PlantedEntry[]; stats: Record<string, number> };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clew-synth-'));
  await writeCase(join(dir, 'a'), { messages: N, seed: 20210309 });
  const text = readFileSync(join(dir, 'a', 'records.jsonl'), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  lines = text.slice(0, -1).split('\n');
  recs = lines.map((l) => JSON.parse(l) as Rec);
  truth = JSON.parse(readFileSync(join(dir, 'a', 'truth.json'), 'utf8')) as typeof truth;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('synthetic case: canonical format', () => {
  it('writes exactly N messages, and every line is a valid canonical record', () => {
    expect(recs.filter((r) => r.type === 'message').length).toBe(N);
    expect(truth.stats.messages).toBe(N);
    expect(truth.stats.records).toBe(lines.length);
    const bad: string[] = [];
    lines.forEach((l, i) => {
      if (Buffer.byteLength(l) > 1 << 20) bad.push(`line ${i + 1}: too long`);
      for (const p of canonicalProblems(recs[i] as Rec)) bad.push(`line ${i + 1}: ${p}`);
    });
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('has all record types, roughly 10% calls, and calls with durations and some antenna positions', () => {
    const types = new Set(recs.map((r) => r.type));
    for (const t of ['account', 'contact', 'conversation', 'message', 'call', 'attachment', 'location', 'device']) expect(types.has(t), t).toBe(true);
    const calls = recs.filter((r) => r.type === 'call');
    expect(calls.length).toBeGreaterThan(N * 0.05);
    expect(calls.length).toBeLessThan(N * 0.2);
    expect(calls.some((c) => typeof c.lat === 'number')).toBe(true);
    expect(calls.some((c) => c.duration === 0)).toBe(true);
  });

  it('links are consistent: unique ids, replies and attachments point back, conversations are declared first', () => {
    const ids = new Set<string>();
    const convs = new Set<string>();
    const atts = new Set<string>();
    for (const r of recs) {
      if (r.type === 'conversation') convs.add(r.ref as string);
      if (r.type === 'message') {
        expect(ids.has(r.id as string)).toBe(false);
        if (r.reply_to) expect(ids.has(r.reply_to as string)).toBe(true);
        if (r.conversation) expect(convs.has(r.conversation as string)).toBe(true);
        ids.add(r.id as string);
        for (const a of (r.attachments as string[] | undefined) ?? []) atts.add(a);
      }
      if (r.type === 'attachment') expect(atts.has(r.id as string) && ids.has(r.message as string)).toBe(true);
      if (r.type === 'location') expect(ids.has(r.message as string)).toBe(true);
    }
  });

  it('has no exact duplicate messages (same sender, time and body) and is in time order', () => {
    const seen = new Set<string>();
    let last = -Infinity;
    for (const r of recs) {
      if (r.type !== 'message' && r.type !== 'call') continue;
      const t = Date.parse(r.ts as string);
      expect(t).toBeGreaterThanOrEqual(last);
      last = t;
      if (r.type !== 'message') continue;
      const k = `${r.from as string}|${t}|${r.body as string}`;
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
  });

  it('writes in every language: Serbian Latin and Cyrillic, Dutch, French, Spanish, Portuguese, Arabic, English', () => {
    const bodies = recs.filter((r) => r.type === 'message').map((r) => r.body as string);
    const has = (re: RegExp): boolean => bodies.some((b) => re.test(b));
    expect(has(/[\u0400-\u04FF]/)).toBe(true);
    expect(has(/[\u0600-\u06FF]/)).toBe(true);
    for (const re of [/brate|važi|Kontejner/, /\b(niet|morgen|gegeten)\b/, /\b(demain|ça|vendredi)\b/, /\b(mañana|hermano|dale)\b/, /\b(amanhã|beleza|tudo)\b/, /\b(tomorrow|bro|Container)\b/]) {
      expect(has(re), String(re)).toBe(true);
    }
  });

  it('uses real UTC offsets (both +01:00 and +02:00 for Belgrade-time senders)', () => {
    const offs = new Set(recs.filter((r) => r.type === 'message').map((r) => (r.ts as string).slice(19)));
    for (const o of ['+01:00', '+02:00', '-05:00', 'Z', '+04:00']) expect(offs.has(o), o).toBe(true);
  });
});

describe('synthetic case: ground truth', () => {
  it('planted entities sit exactly at their spans, and checksummed ones are valid', () => {
    const bodies = new Map<string, string>();
    for (const r of recs) if (r.type === 'message') bodies.set(r.id as string, r.body as string);
    const counts: Record<string, number> = {};
    for (const p of truth.planted) {
      const body = bodies.get(p.message);
      expect(body, p.message).toBeDefined();
      for (const e of p.entities) {
        counts[e.type] = (counts[e.type] ?? 0) + 1;
        expect((body as string).slice(e.start, e.end)).toBe(e.raw);
        if (e.type === 'container') expect(isValidContainerNumber(e.value), e.value).toBe(true);
        if (e.type === 'imo') expect(isValidImo(e.value), e.value).toBe(true);
        if (e.type === 'iban') expect(isValidIBAN(e.value), e.value).toBe(true);
        if (e.type === 'crypto') {
          const ok = e.value.startsWith('bc1') ? bech32Verify(e.value) : e.value.startsWith('T') ? base58CheckVerify(e.value) : /^0x[0-9a-f]{40}$/.test(e.value);
          expect(ok, e.value).toBe(true);
        }
      }
    }
    for (const t of ['container', 'imo', 'iban', 'money', 'drug_quantity', 'place', 'coordinate', 'codeword', 'vessel']) expect(counts[t] ?? 0, t).toBeGreaterThan(0);
    const wallets = new Set(truth.money_accounts.wallets);
    const ibans = new Set(truth.money_accounts.ibans);
    for (const e of truth.planted.flatMap((p) => p.entities)) {
      if (e.type === 'crypto') expect(wallets.has(e.value)).toBe(true);
      if (e.type === 'iban') expect(ibans.has(e.value)).toBe(true);
    }
    for (const w of wallets) expect(w.startsWith('bc1') ? bech32Verify(w) : w.startsWith('T') ? base58CheckVerify(w) : /^0x[0-9a-f]{40}$/.test(w)).toBe(true);
    for (const i of ibans) expect(isValidIBAN(i)).toBe(true);
  });

  it('all shipment containers and IMO numbers, device IMEIs and phone handles are valid', () => {
    for (const s of truth.shipments) {
      for (const c of s.containers) expect(isValidContainerNumber(c)).toBe(true);
      expect(isValidImo(s.vessel.imo)).toBe(true);
      expect(s.route.length).toBeGreaterThanOrEqual(2);
    }
    for (const r of recs) if (r.type === 'device') expect(isValidLuhn((r.identifiers as Record<string, string>).imei as string)).toBe(true);
    for (const ref of Object.keys(truth.handles)) {
      if (ref.startsWith('phone:')) expect(isValidPhoneNumber(ref.slice(6)), ref).toBe(true);
      else expect(ref).toMatch(/^skyecc:[0-9A-F]{6}$/);
    }
  });

  it('models the organisation: roles, countries, leaders and code words', () => {
    const roles = new Set(truth.persons.map((p) => p.role));
    for (const r of ['leader', 'lieutenant', 'courier', 'supplier', 'logistics', 'port_insider', 'launderer', 'buyer', 'enforcer', 'background']) expect(roles.has(r as never), r).toBe(true);
    expect(truth.leaders.length).toBeGreaterThanOrEqual(2);
    const org = truth.persons.filter((p) => p.role !== 'background');
    expect(org.length).toBeLessThan(truth.persons.length / 2);
    expect(new Set(truth.persons.filter((p) => p.role === 'supplier').map((p) => p.country))).toEqual(new Set(['CO', 'EC', 'BR']));
    expect(truth.code_words.some((c) => c.word === 'kafa' && c.meaning === 'cocaine')).toBe(true);
    expect(truth.decoys.some((d) => d.reason === 'succession')).toBe(true);
    const byId = new Map(truth.persons.map((p) => [p.id, p]));
    const same = truth.decoys.find((d) => d.reason === 'same_name');
    expect(same).toBeDefined();
    expect(byId.get(same!.a)!.name).toBe(byId.get(same!.b)!.name);
    expect(byId.get(same!.a)!.role).not.toBe(byId.get(same!.b)!.role);
    expect(truth.persons.some((p) => p.name_variants.some((v) => /[\u0400-\u04FF]/.test(v)))).toBe(true);
    expect(truth.persons.some((p) => p.name_variants.some((v) => /[\u0600-\u06FF]/.test(v)))).toBe(true);
  });

  it('leaders are among the top-degree organisation members', () => {
    const convMembers = new Map<string, string[]>();
    for (const r of recs) if (r.type === 'conversation') convMembers.set(r.ref as string, r.members as string[]);
    const orgIds = new Set(truth.persons.filter((p) => p.role !== 'background').map((p) => p.id));
    const nbrs = new Map<string, Set<string>>();
    const edge = (a: string, b: string): void => {
      if (a === b || !orgIds.has(a) || !orgIds.has(b)) return;
      if (!nbrs.has(a)) nbrs.set(a, new Set());
      if (!nbrs.has(b)) nbrs.set(b, new Set());
      nbrs.get(a)!.add(b);
      nbrs.get(b)!.add(a);
    };
    for (const r of recs) {
      if (r.type !== 'message' && r.type !== 'call') continue;
      const from = truth.handles[r.from as string] as string;
      const to = r.type === 'call' ? [r.to as string] : ((r.to as string[] | undefined) ?? convMembers.get(r.conversation as string) ?? []);
      for (const h of to) edge(from, truth.handles[h] as string);
    }
    const ranked = [...orgIds].map((id) => ({ id, d: nbrs.get(id)?.size ?? 0 })).sort((a, b) => b.d - a.d);
    const cutoff = (ranked[Math.ceil(ranked.length * 0.3) - 1] as { d: number }).d;
    for (const l of truth.leaders) expect(nbrs.get(l)?.size ?? 0, `leader ${l}`).toBeGreaterThanOrEqual(cutoff);
  });

  it('handles are used only inside their active period, and rotations match the handle history', () => {
    const period = new Map<string, [number, number]>();
    for (const p of truth.persons) {
      for (let i = 0; i < p.handles.length; i++) {
        const h = p.handles[i]!;
        period.set(h.ref, [Date.parse(h.from), Date.parse(h.to)]);
        if (i > 0) expect(Date.parse(h.from)).toBeGreaterThan(Date.parse(p.handles[i - 1]!.to));
      }
    }
    for (const r of recs) {
      if (r.type !== 'message' && r.type !== 'call') continue;
      const t = Date.parse(r.ts as string);
      const refs = [r.from as string, ...(r.type === 'call' ? [r.to as string] : ((r.to as string[] | undefined) ?? []))];
      for (const ref of refs) {
        const [a, b] = period.get(ref)!;
        expect(t >= a - 1000 && t <= b + 1000, `${ref} at ${r.ts as string}`).toBe(true);
      }
    }
    const byPerson = new Map(truth.persons.map((p) => [p.id, p]));
    expect(truth.rotations.length).toBeGreaterThan(0);
    for (const rot of truth.rotations) {
      const hs = byPerson.get(rot.person)!.handles.map((h) => h.ref);
      expect(hs.indexOf(rot.new)).toBe(hs.indexOf(rot.old) + 1);
      expect(truth.handles[rot.old]).toBe(rot.person);
      expect(Date.parse(rot.new_first)).toBeGreaterThan(Date.parse(rot.old_last));
    }
    expect(truth.planted.some((p) => p.announces !== undefined)).toBe(true);
  });

  it('same-device rotations show one IMEI on both handles; background traffic carries hard negatives', () => {
    const imeiOf = new Map<string, string>();
    for (const r of recs) if (r.type === 'device') imeiOf.set(r.account as string, (r.identifiers as Record<string, string>).imei as string);
    for (const rot of truth.rotations.filter((x) => x.same_device)) {
      expect(imeiOf.get(rot.old)).toBeDefined();
      expect(imeiOf.get(rot.new)).toBe(imeiOf.get(rot.old));
    }
    const bg = truth.planted.filter((p) => !p.org);
    expect(bg.some((p) => p.entities.some((e) => e.type === 'money'))).toBe(true);
    expect(bg.some((p) => p.entities.some((e) => e.type === 'place'))).toBe(true);
  });
});

describe('synthetic case: determinism and options', () => {
  it('same seed gives byte-identical files; another seed differs', async () => {
    await writeCase(join(dir, 'b'), { messages: N, seed: 20210309 });
    const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(sha(join(dir, 'b', 'records.jsonl'))).toBe(sha(join(dir, 'a', 'records.jsonl')));
    expect(sha(join(dir, 'b', 'truth.json'))).toBe(sha(join(dir, 'a', 'truth.json')));
    const other = generateCase({ messages: 300, seed: 1 });
    let text = '';
    for (const c of other.chunks()) text += c.data.toString('utf8');
    const again = generateCase({ messages: 300, seed: 2 });
    let text2 = '';
    for (const c of again.chunks()) text2 += c.data.toString('utf8');
    expect(text).not.toBe(text2);
  });

  it('reports progress and handles tiny cases', async () => {
    const seen: number[] = [];
    const r = await writeCase(join(dir, 'c'), { messages: 10, seed: 3 }, (p) => seen.push(p.messages));
    expect(r.stats.messages).toBe(10);
    expect(seen[seen.length - 1]).toBe(10);
    expect(seen.every((v, i) => i === 0 || v >= (seen[i - 1] as number))).toBe(true);
  });

  it('writes exactly the requested number of messages for any size', () => {
    for (const [n, seed] of [[0, 1], [1, 2], [137, 3], [2500, 4], [9000, 5]] as const) {
      let m = 0;
      for (const c of generateCase({ messages: n, seed }).chunks()) m += c.messages;
      expect(m, `n=${n}`).toBe(n);
    }
  });

  it('reports an unwritable output directory as INVALID_ARGUMENT', async () => {
    const file = join(dir, 'a', 'records.jsonl');
    await expect(writeCase(join(file, 'sub'), { messages: 5, seed: 1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('rejects bad options with INVALID_ARGUMENT', () => {
    expect(() => resolveSynthOptions({ messages: -1, seed: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => resolveSynthOptions({ messages: 10, seed: 1.5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => resolveSynthOptions({ messages: 10, seed: 1, start: '2021-02-30' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(resolveSynthOptions({ messages: 10, seed: 1 }).start).toBe('2020-03-01');
  });
});
