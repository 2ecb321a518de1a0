/**
 * Every chat parser's sniff accepts its own fixtures and rejects the other parsers' fixtures
 * and the heads of canonical JSONL, CSV and mbox files, with a reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormatParser } from '../../parser.js';
import { signalParser } from '../signal/parser.js';
import { telegramParser } from '../telegram/parser.js';
import { whatsappParser } from './parser.js';

const ROOT = join(import.meta.dirname, '../../../../test/fixtures');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const OWN: Array<[FormatParser, string[]]> = [
  [whatsappParser, files(join(ROOT, 'whatsapp')).filter((f) => /\.(txt|zip)$/.test(f) && !f.includes('no-chat'))],
  [telegramParser, files(join(ROOT, 'telegram')).filter((f) => f.endsWith('result.json'))],
  [signalParser, files(join(ROOT, 'signal')).filter((f) => f.endsWith('data.json'))],
];

const FOREIGN: Array<[string, string]> = [
  ['canonical.jsonl', '{"type":"account","ref":"skyecc:4F2A9C","kind":"pin","display_name":"Vuk"}\n{"type":"message","id":"m-1","from":"skyecc:4F2A9C","to":["skyecc:7B1D22"],"ts":"2021-02-03T10:15:00+01:00","body":"x"}\n'],
  ['calls.csv', 'start,caller,callee,duration\n2021-02-03 10:15:00,+381641234567,+31612345678,74\n'],
  ['inbox.mbox', 'From vuk@example.org Wed Feb  3 10:15:00 2021\nFrom: Vuk <vuk@example.org>\nTo: ana@example.org\nSubject: posao\nDate: Wed, 03 Feb 2021 10:15:00 +0100\n\nbody\n'],
];

const head = (p: string) => new Uint8Array(readFileSync(p).subarray(0, 65536));
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

describe('sniff matrix of the chat parsers', () => {
  for (const [parser, own] of OWN) {
    it(`${parser.name} accepts its own fixtures`, () => {
      expect(own.length).toBeGreaterThan(1);
      for (const f of own) expect(parser.sniff(head(f), base(f)), relative(ROOT, f)).toMatchObject({ ok: true });
    });
    it(`${parser.name} rejects the other parsers' fixtures and foreign formats, with a reason`, () => {
      const others = OWN.filter(([p]) => p !== parser).flatMap(([, fs]) => fs);
      for (const f of others) {
        const r = parser.sniff(head(f), base(f));
        expect(r.ok, `${parser.name} on ${relative(ROOT, f)}`).toBe(false);
        expect(!r.ok && r.reason).toBeTruthy();
      }
      for (const [name, text] of FOREIGN) {
        const r = parser.sniff(new TextEncoder().encode(text), name);
        expect(r.ok, `${parser.name} on ${name}`).toBe(false);
        expect(!r.ok && r.reason).toBeTruthy();
      }
    });
  }
});
