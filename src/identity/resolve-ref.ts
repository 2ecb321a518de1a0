/**
 * The one name resolver: what account or person a term the analyst typed names, and the best
 * name to label an account by. Every entry point that takes a person or an account (CLI refs,
 * search filters, the network's find, path and ego, dossiers, the timeline, disruption by name)
 * resolves through `resolveRef`; the store supplies the candidates (NameDirectory, persons).
 *
 * A term is tried, in order, as:
 *  1. `person:<id or name>`: a person of identity resolution;
 *  2. an account reference (`skyecc:1F12D3`), exactly;
 *  3. a handle (case-insensitive);
 *  4. a phone number in any spelling (`+381 64 123 4567`, `00381641234567`, `064 123 4567`: a
 *     national number takes the case's country, the calling code most of its phone handles have),
 *     against phone handles and the phone numbers of devices;
 *  5. a name, in any script and spelling the normaliser folds (Tata = Тата = TATA): a display
 *     name, a name contact lists saved the account under, a person's name; whole-name equality
 *     first, else every word of the term among the name's words ("Kobra" finds "Kobra Kotor").
 * Accounts merged into one person are one candidate (the person). A term naming more than one
 * candidate is never silently narrowed or summed: `expectOne` throws AMBIGUOUS_REF with the
 * candidates (`choices`), for the CLI to list and the UI to offer, likeliest first (`rankSubjects`):
 * a person the analyst named, then a phone number, then by evidence: how many phones saved the
 * name for it, then whether it is its own display name, then its activity (messages and calls,
 * when the caller knows them), then its reference.
 *
 * The label of an account (`bestName`): its own display name, else the name most of its contacts
 * saved it under (ties: the first in code-point order), else its handle.
 */
import { ClewError, type RefChoice } from '../model/errors.js';
import { foldName } from './name-key.js';

export interface RefAccount {
  id: number;
  ref: string;
  platform: string;
  handle: string;
  kind: string | null;
  displayName: string | null;
}

/** Structurally the store's NameDirectory. */
export interface RefDirectory {
  accounts: RefAccount[];
  saved: { contact: number; name: string; owners: number }[];
  phones: { account: number; value: string }[];
}

export interface RefPerson {
  id: number;
  name: string;
  accounts: RefAccount[];
}

/** What a candidate's match rests on, to rank the choices (see rankSubjects). */
export interface RefEvidence {
  /** 4 a person named as such, 3 a phone number, 2 a reference or handle, 1 a name. */
  tier: number;
  /** Phones that saved the matching name for it (summed over its matching saved names and accounts). */
  savedBy: number;
  /** The name matched its own display name (or a person's name). */
  display: boolean;
  /** Messages and calls, sent and received (rankSubjects fills it in when the caller knows it). */
  activity?: number;
}

export type RefSubject =
  | { kind: 'account'; account: RefAccount; label: string; how: string[]; evidence?: RefEvidence }
  | { kind: 'person'; person: RefPerson; label: string; how: string[]; evidence?: RefEvidence };

export interface BestName {
  label: string;
  source: 'display' | 'saved' | 'handle';
  /** Names others saved the account under, most phones first. */
  savedAs: { name: string; owners: number }[];
}

export const MAX_REF_CHARS = 300;

const nameKey = (s: string): string => foldName(s).join(' ');

/** The saved names per account, most phones first (ties: code-point order of the name). */
export function savedNames(dir: RefDirectory): Map<number, { name: string; owners: number }[]> {
  const out = new Map<number, { name: string; owners: number }[]>();
  for (const s of dir.saved) {
    let l = out.get(s.contact);
    if (!l) out.set(s.contact, (l = []));
    l.push({ name: s.name, owners: s.owners });
  }
  for (const l of out.values()) l.sort((a, b) => b.owners - a.owners || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

const labelMemo = new WeakMap<RefDirectory, Map<number, BestName>>();

/**
 * The label of every account of the directory (see the module comment). Kept per directory
 * object: a directory read once and reused (the server keeps one per case generation) is
 * labelled once.
 */
export function bestNames(dir: RefDirectory): Map<number, BestName> {
  const kept = labelMemo.get(dir);
  if (kept) return kept;
  const out = computeBestNames(dir);
  labelMemo.set(dir, out);
  return out;
}

function computeBestNames(dir: RefDirectory): Map<number, BestName> {
  const saved = savedNames(dir);
  const out = new Map<number, BestName>();
  for (const a of dir.accounts) out.set(a.id, bestName(a, saved.get(a.id) ?? []));
  return out;
}

export function bestName(a: RefAccount, savedAs: { name: string; owners: number }[]): BestName {
  if (a.displayName && a.displayName.trim()) return { label: a.displayName, source: 'display', savedAs };
  const top = savedAs.find((s) => s.name.trim() !== '');
  if (top) return { label: top.name, source: 'saved', savedAs };
  return { label: a.handle, source: 'handle', savedAs };
}

const PHONE_CHARS = /^[+(\d][\d\s().\-/]*$/;

/** The digits of a phone number written internationally (+ or 00), or null. */
function internationalDigits(s: string): string | null {
  const t = s.trim();
  if (!PHONE_CHARS.test(t)) return null;
  const d = t.replace(/\D/g, '');
  if (t.startsWith('+')) return d.length >= 7 ? d : null;
  if (d.startsWith('00')) return d.length >= 9 ? d.slice(2) : null;
  return null;
}

/** Calling codes (1–3 digits) known to precede national numbers, by how many numbers of the case have them. */
const CALLING_CODE = /^(1|7|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3})/;

function callingCode(e164: string): string {
  return CALLING_CODE.exec(e164)?.[1] ?? '';
}

interface Candidate {
  account: RefAccount;
  how: string[];
  evidence: RefEvidence;
}

/**
 * The subjects a term names (none, one, or several: see expectOne). `persons` are the persons of
 * identity resolution (their accounts with them).
 */
export function resolveRef(term: string, dir: RefDirectory, persons: RefPerson[]): RefSubject[] {
  const t = term.trim();
  if (t === '' || t.length > MAX_REF_CHARS) throw new ClewError('INVALID_ARGUMENT', `a name or reference has 1 to ${MAX_REF_CHARS} characters`);
  const labels = bestNames(dir);
  const label = (a: RefAccount) => labels.get(a.id)?.label ?? a.displayName ?? a.handle;
  const personOf = new Map<number, RefPerson>();
  for (const p of persons) for (const a of p.accounts) personOf.set(a.id, p);
  const accountSubject = (a: RefAccount, how: string[], evidence: RefEvidence): RefSubject => ({ kind: 'account', account: a, label: label(a), how, evidence });
  const personSubject = (p: RefPerson, how: string[], evidence: RefEvidence): RefSubject => ({ kind: 'person', person: p, label: p.name, how, evidence });

  // 1. person:<id or name>
  const pm = /^person:\s*(.*)$/is.exec(t);
  if (pm) {
    let name = pm[1]!.trim();
    if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).trim();
    const id = /^#?(\d{1,15})$/.exec(name);
    const key = nameKey(name);
    const found = id ? persons.filter((p) => p.id === Number(id[1])) : persons.filter((p) => p.name.toLowerCase() === name.toLowerCase() || (key !== '' && nameKey(p.name) === key));
    return found.map((p) => personSubject(p, [id ? `person ${p.id}` : `person "${p.name}"`], { tier: 4, savedBy: 0, display: true }));
  }
  // 2. an account reference
  const byRef = dir.accounts.filter((a) => a.ref === t);
  if (byRef.length > 0) return byRef.map((a) => accountSubject(a, ['reference'], { tier: 2, savedBy: 0, display: false }));
  // 3. a handle
  const low = t.toLowerCase();
  const byHandle = dir.accounts.filter((a) => a.handle.toLowerCase() === low);
  if (byHandle.length > 0) return rankSubjects(byHandle.map((a) => accountSubject(a, [`handle ${a.handle}`], { tier: 2, savedBy: 0, display: false })));
  // 4. a phone number
  const phone = phoneMatches(t, dir);
  if (phone.length > 0) return collapse(phone, personOf, accountSubject, personSubject);
  // 5. a name
  const key = nameKey(t);
  if (key === '') return [];
  const words = key.split(' ');
  const exact = nameMatches(dir, persons, (k) => k === key);
  if (exact.accounts.length > 0 || exact.persons.length > 0) return collapse(exact.accounts, personOf, accountSubject, personSubject, exact.persons);
  const part = nameMatches(dir, persons, (k) => {
    const ws = new Set(k.split(' '));
    return words.every((w) => ws.has(w));
  });
  return collapse(part.accounts, personOf, accountSubject, personSubject, part.persons);
}

function phoneMatches(t: string, dir: RefDirectory): Candidate[] {
  const numbers = new Map<number, Set<string>>();
  const add = (id: number, value: string) => {
    const d = internationalDigits(value);
    if (!d) return;
    let s = numbers.get(id);
    if (!s) numbers.set(id, (s = new Set()));
    s.add(d);
  };
  for (const a of dir.accounts) if (a.platform === 'phone' || a.kind === 'phone' || a.kind === 'msisdn') add(a.id, a.handle);
  for (const p of dir.phones) add(p.account, p.value);
  const byId = new Map(dir.accounts.map((a) => [a.id, a]));
  const intl = internationalDigits(t);
  const out: Candidate[] = [];
  if (intl) {
    for (const [id, ds] of numbers) if (ds.has(intl) && byId.has(id)) out.push({ account: byId.get(id)!, how: [`phone +${intl}`], evidence: { tier: 3, savedBy: 0, display: false } });
    return out;
  }
  // a national number: 0 then the subscriber number, in the case's country
  const tt = t.trim();
  if (!PHONE_CHARS.test(tt)) return [];
  const digits = tt.replace(/\D/g, '');
  if (!digits.startsWith('0') || digits.startsWith('00') || digits.length < 7) return [];
  const national = digits.slice(1);
  const codes = new Map<string, number>();
  for (const ds of numbers.values()) for (const d of ds) codes.set(callingCode(d), (codes.get(callingCode(d)) ?? 0) + 1);
  // the case's country first (the calling code most of its numbers have), then any other of its countries
  for (const [country] of [...codes.entries()].sort((a, b) => b[1] - a[1])) {
    const want = country + national;
    for (const [id, ds] of numbers) if (ds.has(want) && byId.has(id)) out.push({ account: byId.get(id)!, how: [`phone +${want}`], evidence: { tier: 3, savedBy: 0, display: false } });
    if (out.length > 0) return out;
  }
  return out;
}

function nameMatches(dir: RefDirectory, persons: RefPerson[], match: (key: string) => boolean): { accounts: Candidate[]; persons: { person: RefPerson; how: string }[] } {
  const keys = new Map<string, string>();
  const keyOf = (s: string) => {
    let k = keys.get(s);
    if (k === undefined) keys.set(s, (k = nameKey(s)));
    return k;
  };
  const found = new Map<number, Candidate>();
  const byId = new Map(dir.accounts.map((a) => [a.id, a]));
  const hit = (id: number, how: string, savedBy: number, display: boolean) => {
    const a = byId.get(id);
    if (!a) return;
    const c = found.get(id);
    if (c) {
      c.how.push(how);
      c.evidence.savedBy += savedBy;
      c.evidence.display ||= display;
    } else found.set(id, { account: a, how: [how], evidence: { tier: 1, savedBy, display } });
  };
  for (const a of dir.accounts) if (a.displayName && match(keyOf(a.displayName))) hit(a.id, `display name "${a.displayName}"`, 0, true);
  for (const s of dir.saved) if (match(keyOf(s.name))) hit(s.contact, `saved as "${s.name}" by ${s.owners} phone${s.owners === 1 ? '' : 's'}`, s.owners, false);
  const ps = persons.filter((p) => match(keyOf(p.name))).map((p) => ({ person: p, how: `person "${p.name}"` }));
  return { accounts: [...found.values()], persons: ps };
}

/** Accounts of one person become the person; the likeliest first (rankSubjects). */
function collapse(
  cands: Candidate[],
  personOf: Map<number, RefPerson>,
  accountSubject: (a: RefAccount, how: string[], evidence: RefEvidence) => RefSubject,
  personSubject: (p: RefPerson, how: string[], evidence: RefEvidence) => RefSubject,
  persons: { person: RefPerson; how: string }[] = [],
): RefSubject[] {
  const byPerson = new Map<number, { person: RefPerson; how: string[]; evidence: RefEvidence }>();
  for (const p of persons) byPerson.set(p.person.id, { person: p.person, how: [p.how], evidence: { tier: 4, savedBy: 0, display: true } });
  const accounts: Candidate[] = [];
  for (const c of cands) {
    const p = personOf.get(c.account.id);
    if (!p) {
      accounts.push(c);
      continue;
    }
    const e = byPerson.get(p.id);
    const how = c.how.map((h) => `${c.account.ref}: ${h}`);
    if (e) {
      e.how.push(...how);
      e.evidence.tier = Math.max(e.evidence.tier, c.evidence.tier);
      e.evidence.savedBy += c.evidence.savedBy;
      e.evidence.display ||= c.evidence.display;
    } else byPerson.set(p.id, { person: p, how, evidence: { ...c.evidence } });
  }
  return rankSubjects([
    ...[...byPerson.values()].map((e) => personSubject(e.person, e.how, e.evidence)),
    ...accounts.map((c) => accountSubject(c.account, c.how, c.evidence)),
  ]);
}

const NO_EVIDENCE: RefEvidence = { tier: 0, savedBy: 0, display: false };

/**
 * The candidates likeliest first: the tier (a person named as such, a phone number, a reference
 * or handle, a name), then how many phones saved the name for it, then its own display name,
 * then its activity (`activity`: account id → messages and calls; a person sums its accounts'),
 * then its reference. Returns new subjects with `evidence.activity` set when known.
 */
export function rankSubjects(subjects: readonly RefSubject[], activity?: ReadonlyMap<number, number>): RefSubject[] {
  const withActivity = subjects.map((s): RefSubject => {
    const e = s.evidence ?? NO_EVIDENCE;
    if (!activity) return s;
    const n = accountsOf(s).reduce((sum, a) => sum + (activity.get(a.id) ?? 0), 0);
    return { ...s, evidence: { ...e, activity: n } } as RefSubject;
  });
  const ev = (s: RefSubject) => s.evidence ?? NO_EVIDENCE;
  return withActivity.sort((a, b) => {
    const x = ev(a);
    const y = ev(b);
    return y.tier - x.tier || y.savedBy - x.savedBy || Number(y.display) - Number(x.display) || (y.activity ?? 0) - (x.activity ?? 0) || refOf(a).localeCompare(refOf(b));
  });
}

/** What to pass instead of the term to name this subject exactly. */
export function refOf(s: RefSubject): string {
  return s.kind === 'person' ? `person:${s.person.id}` : s.account.ref;
}

/** The accounts behind a subject. */
export function accountsOf(s: RefSubject): RefAccount[] {
  return s.kind === 'person' ? s.person.accounts : [s.account];
}

export function choiceOf(s: RefSubject): RefChoice {
  const e = s.evidence;
  return {
    ref: refOf(s),
    kind: s.kind,
    label: s.label,
    handles: accountsOf(s).map((a) => a.ref),
    how: s.how.slice(0, 5),
    ...(e && e.savedBy > 0 ? { savedBy: e.savedBy } : {}),
    ...(e?.activity !== undefined ? { activity: e.activity } : {}),
  };
}

/** Exactly one subject: NOT_FOUND for none, AMBIGUOUS_REF (with the candidates) for several. */
export function expectOne(term: string, subjects: RefSubject[]): RefSubject {
  const t = term.trim().slice(0, 80);
  if (subjects.length === 0) throw new ClewError('NOT_FOUND', `no account or person "${t}" in this case`, { ref: t });
  if (subjects.length > 1) {
    const choices = subjects.slice(0, 50).map(choiceOf);
    throw new ClewError(
      'AMBIGUOUS_REF',
      `"${t}" names ${subjects.length} ${subjects.every((s) => s.kind === 'person') ? 'persons' : 'accounts or persons'}; name one by its reference`,
      { ref: t, matches: subjects.length },
      { choices },
    );
  }
  return subjects[0]!;
}
