/** `clew dossier <ref>`: everything the case holds about an account, as text or JSON. */
import { type Command, InvalidArgumentError } from 'commander';
import type { DossierResult } from '../api/dossier.js';
import { account, num, safe, time, jsonLine } from './render.js';
import { CASE_HELP } from './case-help.js';

const t = (ts: number | null) => (ts === null ? '—' : time(ts));

export function renderDossier(d: DossierResult): string {
  const out: string[] = [];
  const a = d.activity;
  out.push(d.subject.kind === 'person' ? `Dossier: person ${safe(d.subject.label)} <${d.subject.ref}>: ${d.accounts.map(account).join(', ')}` : `Dossier: ${d.subject.label !== d.accounts[0]?.handle ? `${safe(d.subject.label)} ` : ''}<${safe(d.subject.ref)}>`);
  for (const h of d.handles ?? []) out.push(`  handle ${account(h.account)}: ${t(h.first)} … ${t(h.last)}, ${num(h.sent)} sent, ${num(h.received)} received`);
  for (const x of d.accounts) out.push(`  ${safe(x.platform)} handle ${safe(x.handle)}${x.kind ? ` (${safe(x.kind)})` : ''}${x.displayName ? `, name ${safe(x.displayName)}` : ''}`);
  out.push(`  active ${t(a.first)} … ${t(a.last)}`);
  out.push(`  ${num(a.sent)} messages sent, ${num(a.received)} received; ${num(a.callsMade)} calls made, ${num(a.callsReceived)} received`);
  for (const c of a.channels) out.push(`    ${c.channel.padEnd(6)} ${num(c.sent)} sent, ${num(c.received)} received`);
  if (d.savedAs.length) {
    out.push('', 'Saved by others as:');
    for (const s of d.savedAs) out.push(`  ${safe(s.name)}  (${num(s.owners)} phone${s.owners === 1 ? '' : 's'}: ${s.by.map(account).join(', ')})`);
  }
  if (d.devices.length) {
    out.push('', 'Devices and identifiers:');
    for (const x of d.devices) {
      const seen = [x.accounts.length > 1 ? `${x.accounts.length} accounts` : '', x.sources > 1 ? `seen in ${x.sources} sources` : '', x.spellings.length ? `written ${x.spellings.map((w) => safe(w)).join(', ')}` : '']
        .filter(Boolean)
        .join('; ');
      out.push(`  ${safe(x.key)} ${safe(x.value)}${seen ? `  (${seen})` : ''}`);
    }
  }
  out.push('', `Contacts (${num(d.contacts.length)} of ${num(d.contactsTotal)}, by messages and calls both ways):`);
  for (const c of d.contacts)
    out.push(`  ${num(c.total).padStart(7)}  ${account(c.account)}  sent ${num(c.sent)}, received ${num(c.received)}, calls ${num(c.calls)}; ${t(c.first)} … ${t(c.last)}`);
  if (d.conversations.length) {
    out.push('', `Conversations (${num(d.conversations.length)} of ${num(d.conversationsTotal)}):`);
    for (const c of d.conversations) out.push(`  ${safe(c.title ?? c.ref)}  ${num(c.members)} members, ${num(c.sent)} sent${c.first !== null ? `, ${t(c.first)} … ${t(c.last)}` : ''}`);
  }
  if (d.entities.length) {
    out.push('', 'Entities in the messages sent:');
    for (const e of d.entities) {
      out.push(`  ${e.type} (${num(e.total)})`);
      for (const r of e.rows) out.push(`    ${safe(r.value)}  ${num(r.mentions)} mentions in ${num(r.messages)} messages, ${t(r.first)} … ${t(r.last)}`);
    }
  }
  if (d.places.length) {
    out.push('', 'Recorded positions:');
    for (const p of d.places) out.push(`  ${p.kind} ${safe(p.label ?? '')} ${p.lat.toFixed(4)},${p.lon.toFixed(4)}  ×${num(p.count)}`);
  }
  out.push('', `Messages: clew search --case C ${d.from}`);
  return out.join('\n');
}

function positive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError(`${name} must be a whole number from 1 to 1000`);
    return n;
  };
}

export function registerDossier(program: Command, json: () => boolean): void {
  const out = (value: unknown, human: () => string) => process.stdout.write(json() ? jsonLine(value) : `${human()}\n`);
  program
    .command('dossier')
    .description('everything the case holds about an account: names, devices, contacts, conversations, entities, places, activity')
    .requiredOption('--case <case>', CASE_HELP)
    .argument('[ref]', 'account reference (or a handle / display name naming one account), or person:<id or name>; without it, the most active accounts')
    .option('--contacts <n>', 'how many contacts', positive('--contacts'), 50)
    .option('--entities <n>', 'entities per type', positive('--entities'), 20)
    .action(async (ref: string | undefined, o: { case: string; contacts: number; entities: number }) => {
      // the API loads when the command runs: `clew --help` stays fast
      const [{ withCase }, { dossier, findAccounts }] = await Promise.all([import('../api/case.js'), import('../api/dossier.js')]);
      return withCase(o.case, { readonly: true }, async (store) => {
        if (ref === undefined) {
          const r = await findAccounts(store, '', 25);
          out(r, () => r.top.map((x) => `${num(x.sent + x.received).padStart(9)}  ${account(x.account)}`).join('\n') || 'no accounts');
          return;
        }
        // person:<id or name>: a person of identity resolution (all its accounts)
        const d = await dossier(store, ref.startsWith('person:') ? { person: ref.slice('person:'.length) } : { account: ref }, { contacts: o.contacts, entitiesPerType: o.entities });
        out(d, () => renderDossier(d));
      });
    });
}
