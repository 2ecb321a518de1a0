/** Every fixture export is recognised as its own format from its content alone. */
import { openSync, readSync, closeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../src/ingest/formats/index.js';

const FIX = join(import.meta.dirname, 'fixtures');

function head(path: string): Buffer {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.subarray(0, n);
}

const CASES: [string, string][] = [
  ['whatsapp/WhatsApp Chat with Ana Primer.txt', 'whatsapp'],
  ['whatsapp/WhatsApp Chat - Ana Primer.zip', 'whatsapp'],
  ['whatsapp/android-ar.txt', 'whatsapp'],
  ['whatsapp/android-de-group.txt', 'whatsapp'],
  ['whatsapp/android-en-us.txt', 'whatsapp'],
  ['whatsapp/android-es.txt', 'whatsapp'],
  ['whatsapp/android-fr.txt', 'whatsapp'],
  ['whatsapp/android-nl.txt', 'whatsapp'],
  ['whatsapp/android-sr-cyrl.txt', 'whatsapp'],
  ['whatsapp/android-sr-latn.txt', 'whatsapp'],
  ['whatsapp/ios-de.txt', 'whatsapp'],
  ['whatsapp/ios-en-us.txt', 'whatsapp'],
  ['whatsapp/ambiguous.txt', 'whatsapp'],
  ['telegram/single-chat/result.json', 'telegram'],
  ['telegram/account/result.json', 'telegram'],
  ['signal/AnaPrimer/data.json', 'signal'],
  ['signal/Posao/data.json', 'signal'],
  ['device/skyecc-4F2A9C.json', 'device-dump'],
  ['email/mailbox.mbox', 'mbox'],
  ['email/multipart-utf8.eml', 'eml'],
  ['email/iso-2022-jp.eml', 'eml'],
  ['cdr/operator-a.csv', 'cdr'],
  ['cdr/benelux.csv', 'cdr'],
  ['cdr/bandicoot/ego.csv', 'bandicoot'],
  ['csv/calls.csv', 'csv'],
  ['csv/messages-semicolon.csv', 'csv'],
];

describe('format detection', () => {
  it.each(CASES)('%s is %s', (file, format) => {
    const path = join(FIX, file);
    expect(detectFormat(head(path), basename(path)).parser.name).toBe(format);
  });

  it('says which formats were tried and why each declined an unknown file', () => {
    try {
      detectFormat(Buffer.from('Dear diary,\nnothing to see here.\n'), 'diary.txt');
      throw new Error('expected FORMAT_UNKNOWN');
    } catch (e) {
      expect((e as { code: string }).code).toBe('FORMAT_UNKNOWN');
      expect((e as Error).message).toMatch(/canonical: .*whatsapp: .*csv: /s);
    }
  });
});
