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

describe('a few bad bytes do not make a file binary', () => {
  const HOSTILE = join(FIX, 'hostile');

  it('recognises a WhatsApp export with a NUL byte and invalid UTF-8 in its first lines', () => {
    expect(detectFormat(head(join(HOSTILE, 'whatsapp-nul.txt')), 'whatsapp-nul.txt').parser.name).toBe('whatsapp');
  });

  it('refuses a file that is not text as a whole as BINARY_FILE, with the reason', () => {
    try {
      detectFormat(head(join(HOSTILE, 'random.bin')), 'random.bin');
      throw new Error('expected BINARY_FILE');
    } catch (e) {
      expect((e as { code: string }).code).toBe('BINARY_FILE');
      expect((e as Error).message).toMatch(/random\.bin is not a text file: .*NUL bytes.*control bytes.*invalid UTF-8 in the first 2,048 bytes/);
      expect((e as { details: { reason: string } }).details.reason).toMatch(/invalid UTF-8/);
    }
  });
});
