/**
 * A case with two handle rotations, for the identity routes and the review view: OLD (January)
 * rotates to NEW (late January) with the same contacts, names in two scripts, the same IMEI and
 * an announcement; SAILOR1 rotates to SAILOR2 the same way with other contacts (and a hostile
 * nickname). Every contact also has three partners of its own; the two groups never talk to each other.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCase } from '../case.js';
import { ingestFile } from '../ingest.js';

/** A hostile name (the same as the server test case's). */
export const XSS = '<img src=x onerror=window.__xss=1>';

export const OLD = 'skyecc:A00001';
export const NEW = 'skyecc:A00002';
export const SAILOR1 = 'skyecc:S00001';
export const SAILOR2 = 'skyecc:S00002';
export const KUM_CONTACTS = ['skyecc:C00001', 'skyecc:C00002', 'skyecc:C00003', 'skyecc:C00004'];
export const SAILOR_CONTACTS = ['skyecc:D00001', 'skyecc:D00002', 'skyecc:D00003', 'skyecc:D00004'];
/** Messages each of OLD and NEW sends to each of its contacts. */
export const OLD_PER_CONTACT = 20;
export const NEW_PER_CONTACT = 8;

const msg = (from: string, to: string, day: number, hour: number, body: string) =>
  JSON.stringify({ type: 'message', from, to: [to], ts: new Date(Date.UTC(2021, 0, day, hour)).toISOString(), body });

function rotation(lines: string[], a: string, b: string, contacts: string[], nameA: string, nameB: string, imei: string, hour: number, announce: string): void {
  lines.push(JSON.stringify({ type: 'device', account: a, identifiers: { imei } }), JSON.stringify({ type: 'device', account: b, identifiers: { imei } }));
  for (const c of contacts) {
    lines.push(JSON.stringify({ type: 'contact', owner: c, contact: a, name: nameA }), JSON.stringify({ type: 'contact', owner: c, contact: b, name: nameB }));
    for (let d = 1; d <= OLD_PER_CONTACT; d++) lines.push(msg(a, c, d, hour, `poruka ${d} za kafu ${c}`));
    for (let d = 24; d < 24 + NEW_PER_CONTACT; d++) lines.push(msg(b, c, d, hour, `poruka ${d} za kafu ${c}`));
    lines.push(msg(c, a, 2, hour, `ok ${c}`));
    // each contact has a life of its own: a few partners nobody else talks to
    for (let k = 1; k <= 3; k++) for (let d = 1; d <= 3; d++) lines.push(msg(c, `${c}${k}`, d * 7 + k, (hour + 8 + k) % 24, `hej ${k} ${d}`));
  }
  lines.push(msg(b, contacts[0]!, 24, hour, announce));
}

export async function buildIdentityCase(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const lines = [
    JSON.stringify({ type: 'account', ref: OLD, kind: 'pin', display_name: 'Kum Đorđević' }),
    JSON.stringify({ type: 'account', ref: NEW, kind: 'pin' }),
    JSON.stringify({ type: 'account', ref: SAILOR1, kind: 'pin', display_name: `Mornar ${XSS}` }),
    JSON.stringify({ type: 'account', ref: SAILOR2, kind: 'pin' }),
  ];
  rotation(lines, OLD, NEW, KUM_CONTACTS, 'Kum Đorđević', 'Кум Ђорђевић', '356938035643809', 14, 'Brate ovo je moj novi broj');
  rotation(lines, SAILOR1, SAILOR2, SAILOR_CONTACTS, `Mornar ${XSS}`, `Mornar ${XSS}`, '490154203237518', 3, 'nieuw nummer van mij');
  const src = join(dir, 'rotations.jsonl');
  writeFileSync(src, lines.join('\n') + '\n');
  const casePath = join(dir, 'case.clew');
  await withCase(casePath, { create: true, threadedWriter: false }, (s) => ingestFile(s, src));
  return casePath;
}
