/** `clew identity suggest|merge|split|reject|list`: from handles to persons (docs/identity.md). */
import type { Command } from 'commander';
import type { DecideResult, IdentityListResult, IdentitySuggestResult } from '../api/identity.js';
import { ClewError } from '../model/errors.js';
import { account, num, safe, time, jsonLine } from './render.js';
import { CASE_HELP } from './case-help.js';

function fraction(v: string, name: string): number {
  const n = Number(v);
  if (v.trim() === '' || !(n >= 0 && n <= 1)) throw new ClewError('INVALID_ARGUMENT', `${name} must be a number in [0, 1]`);
  return n;
}

function whole(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new ClewError('INVALID_ARGUMENT', `${name} must be a whole number ≥ 1`);
  return n;
}

export function renderSuggestions(r: IdentitySuggestResult): string {
  const shown = r.suggestions.length < r.total ? `showing ${num(r.suggestions.length)} of ${num(r.total)} suggestions (more with --limit)` : `${num(r.total)} suggestions`;
  const head = `${shown} at score ≥ ${r.threshold} (${num(r.pairsScored)} candidate pairs scored of ${num(r.allPairs)}; ${num(r.handles)} handles; ${r.seconds.toFixed(1)} s)`;
  const rows = r.suggestions.map((s, i) => {
    const ev = s.evidence.map((e) => `    ${e.contribution >= 0 ? '+' : ''}${e.contribution.toFixed(1)} ${e.signal.padEnd(11)} ${safe(e.summary)}${e.messages?.length ? ` [messages ${e.messages.slice(0, 5).join(', ')}]` : ''}`);
    return [`${String(i + 1).padStart(3)}. ${s.score.toFixed(3)}  ${account(s.a)}  ⇄  ${account(s.b)}`, ...ev].join('\n');
  });
  return [head, ...rows].join('\n');
}

export function renderDecision(r: DecideResult): string {
  switch (r.action) {
    case 'merge':
      return `person ${r.person.id} "${safe(r.person.name)}": ${r.person.accounts.map(account).join(', ')}`;
    case 'split':
      return `${account(r.account)} taken out of person ${r.person}${r.remaining === 0 ? ' (person dissolved)' : ` (${r.remaining} accounts left)`}`;
    case 'reject':
      return `rejected: ${account(r.a)} and ${account(r.b)} are different people (decision ${r.decision}); never suggested again`;
    case 'unreject':
      return r.removed ? `rejection lifted: ${account(r.a)} / ${account(r.b)}` : 'no such rejection';
  }
}

export function renderList(r: IdentityListResult): string {
  const persons = r.persons.length === 0 ? ['no persons yet'] : r.persons.map((p) => `person ${p.id} "${safe(p.name)}": ${p.accounts.map(account).join(', ')}`);
  const log = r.decisions.map((d) => `  #${d.id} ${time(d.at)} ${safe(d.by)} ${d.action} ${d.accounts.join(', ')}${d.person !== null ? ` → person ${d.person}` : ''}${d.why ? `: ${safe(d.why)}` : ''}`);
  return [...persons, ...(log.length ? ['decisions (newest first):', ...log] : [])].join('\n');
}

// The API loads when a command runs (it brings the store and more): `clew --help` stays fast.
const load = async () => ({ ...(await import('../api/case.js')), ...(await import('../api/identity.js')) });
const withApi = <T>(fn: (api: Awaited<ReturnType<typeof load>>) => T | Promise<T>): Promise<T> => load().then(fn);

export function registerIdentity(program: Command, json: () => boolean): void {
  const out = (value: unknown, human: () => string) => process.stdout.write(json() ? jsonLine(value) : `${human()}\n`);
  const id = program.command('identity').description('identity resolution: which handles are one person (suggest, merge, split, reject, list)');
  id.command('suggest')
    .description('ranked merge suggestions, each with its score and evidence')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--threshold <p>', 'suggest pairs scoring at least this (0..1)', '0.5')
    .option('--limit <n>', 'how many', '50')
    .action((o: { case: string; threshold: string; limit: string }) =>
      withApi(({ withCase, identitySuggest }) => withCase(o.case, { readonly: true }, async (store) => {
        const r = await identitySuggest(store, { threshold: fraction(o.threshold, '--threshold'), limit: whole(o.limit, '--limit') });
        out(r, () => renderSuggestions(r));
      })),
    );
  const decision = (c: Command) =>
    c.requiredOption('--case <case>', CASE_HELP).option('--by <who>', 'who decides (default: the OS user)').option('--why <reason>', 'why (stored in the decision log)');
  decision(id.command('merge').description('the two accounts are one person (reversible: split)').argument('<a>', 'account (reference, handle, display name or #id)').argument('<b>', 'account'))
    .option('--person <name>', 'name of the person')
    .action((a: string, b: string, o: { case: string; by?: string; why?: string; person?: string }) =>
      withApi(({ withCase, decideIn, defaultUser }) => withCase(o.case, { threadedWriter: false }, async (store) => {
        const r = await decideIn(store, { action: 'merge', a, b, name: o.person }, { by: o.by ?? defaultUser(), why: o.why });
        out(r, () => renderDecision(r));
      })),
    );
  decision(id.command('split').description('take an account out of its person (undoes a merge)').argument('<account>', 'account'))
    .action((a: string, o: { case: string; by?: string; why?: string }) =>
      withApi(({ withCase, decideIn, defaultUser }) => withCase(o.case, { threadedWriter: false }, async (store) => {
        const r = await decideIn(store, { action: 'split', account: a }, { by: o.by ?? defaultUser(), why: o.why });
        out(r, () => renderDecision(r));
      })),
    );
  decision(id.command('reject').description('the two accounts are different people: never suggest the pair again').argument('<a>', 'account').argument('<b>', 'account'))
    .option('--undo', 'lift an earlier rejection')
    .action((a: string, b: string, o: { case: string; by?: string; why?: string; undo?: boolean }) =>
      withApi(({ withCase, decideIn, defaultUser }) => withCase(o.case, { threadedWriter: false }, async (store) => {
        const r = await decideIn(store, { action: o.undo ? 'unreject' : 'reject', a, b }, { by: o.by ?? defaultUser(), why: o.why });
        out(r, () => renderDecision(r));
      })),
    );
  id.command('list')
    .description('persons with their accounts, and the decision log')
    .requiredOption('--case <case>', CASE_HELP)
    .option('--decisions <n>', 'how many decisions to show', '50')
    .action((o: { case: string; decisions: string }) =>
      withApi(({ withCase, identityList }) => withCase(o.case, { readonly: true }, async (store) => {
        const r = await identityList(store, { decisions: whole(o.decisions, '--decisions') });
        out(r, () => renderList(r));
      })),
    );
}
