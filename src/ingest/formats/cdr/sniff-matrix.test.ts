/** Every parser of this contributor against every fixture: the right one wins, the others refuse or bid lower. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormatParser } from '../../parser.js';
import { csvParser } from '../csv/csv.js';
import { FIXTURES } from '../csv/test-support/source.js';
import { deviceDumpParser } from '../device/device.js';
import { emlParser, mboxParser } from '../email/email.js';
import { bandicootParser } from './bandicoot.js';
import { cdrParser } from './cdr.js';

const PARSERS: FormatParser[] = [csvParser, cdrParser, bandicootParser, mboxParser, emlParser, deviceDumpParser];

const CASES: Array<[string, string]> = [
  ['csv/calls.csv', 'csv'],
  ['csv/messages-semicolon.csv', 'csv'],
  ['csv/canonical-names.tsv', 'csv'],
  ['cdr/operator-a.csv', 'cdr'],
  ['cdr/benelux.csv', 'cdr'],
  ['cdr/bandicoot/ego.csv', 'bandicoot'],
  ['email/mailbox.mbox', 'mbox'],
  ['email/iso-2022-jp.eml', 'eml'],
  ['email/multipart-utf8.eml', 'eml'],
  ['device/skyecc-4F2A9C.json', 'device-dump'],
  ['attachments/gps.jpg', 'none'],
];

describe('sniff matrix', () => {
  it.each(CASES)('%s -> %s', (rel, want) => {
    const bytes = readFileSync(join(FIXTURES, rel)).subarray(0, 65536);
    const name = rel.split('/').pop()!;
    const bids = PARSERS.map((p) => ({ name: p.name, r: p.sniff(bytes, name) }));
    for (const b of bids) if (!b.r.ok) expect(b.r.reason.length).toBeGreaterThan(5);
    const accepted = bids.filter((b) => b.r.ok).sort((a, b) => (b.r.ok && a.r.ok ? b.r.confidence - a.r.confidence : 0));
    expect(accepted[0]?.name ?? 'none').toBe(want);
    if (accepted.length > 1 && accepted[0]!.r.ok && accepted[1]!.r.ok) expect(accepted[0]!.r.confidence).toBeGreaterThan(accepted[1]!.r.confidence);
  });
});
