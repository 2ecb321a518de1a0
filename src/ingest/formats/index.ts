/**
 * The registry of format parsers and content sniffing. `--format NAME` picks one by name;
 * otherwise every parser looks at the file's head and the most confident one wins.
 */
import { ClewError } from '../../model/errors.js';
import { binaryReason } from '../lines.js';
import type { FormatParser } from '../parser.js';
import { canonicalParser } from './canonical.js';
import { caseUcoParser } from './case-uco/parser.js';
import { bandicootParser } from './cdr/bandicoot.js';
import { cdrParser } from './cdr/cdr.js';
import { csvParser } from './csv/csv.js';
import { deviceDumpParser } from './device/device.js';
import { emlParser, mboxParser } from './email/email.js';
import { signalParser } from './signal/parser.js';
import { telegramParser } from './telegram/parser.js';
import { ufedParser } from './ufed/parser.js';
import { whatsappParser } from './whatsapp/parser.js';

/** Every parser, most specific first (ties in sniff confidence go to the earlier one). */
export const FORMATS: readonly FormatParser[] = [
  canonicalParser,
  ufedParser,
  caseUcoParser,
  whatsappParser,
  telegramParser,
  signalParser,
  deviceDumpParser,
  mboxParser,
  emlParser,
  bandicootParser,
  cdrParser,
  csvParser,
];

export function formatByName(name: string): FormatParser {
  const p = FORMATS.find((f) => f.name === name);
  if (!p) throw new ClewError('INVALID_ARGUMENT', `unknown format "${name}"; known: ${FORMATS.map((f) => f.name).join(', ')}`);
  return p;
}

export interface Detection {
  parser: FormatParser;
  /** Why every other parser declined, for the summary. */
  rejected: { format: string; reason: string }[];
}

/** Pick the parser for a file from its first bytes (up to 64 KiB) and its name. */
export function detectFormat(head: Uint8Array, name: string): Detection {
  const rejected: { format: string; reason: string }[] = [];
  let best: { parser: FormatParser; confidence: number } | null = null;
  for (const parser of FORMATS) {
    const r = parser.sniff(head, name);
    if (!r.ok) rejected.push({ format: parser.name, reason: r.reason });
    else if (!best || r.confidence > best.confidence) best = { parser, confidence: r.confidence };
  }
  if (best) return { parser: best.parser, rejected };
  if (head.length === 0) throw new ClewError('EMPTY_FILE', `${name} is empty`);
  const tried = rejected.map((r) => `${r.format}: ${r.reason}`).join('; ');
  const binary = binaryReason(head);
  if (binary) throw new ClewError('BINARY_FILE', `${name} is not a text file: ${binary}; no parser recognises it (tried ${tried})`, { tried, reason: binary });
  throw new ClewError('FORMAT_UNKNOWN', `${name}: no parser recognised the format (tried ${tried}); pass --format`, { tried });
}
