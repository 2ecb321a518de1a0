/**
 * `clew translate --text TEXT [--from LANG] [--to en] [--keep WORD…]`: machine-translate one text offline with
 * Apertium and print it with its engine label. Needs no case.
 *
 * `clew translate --case C (QUERY | --ids FILE) [--to en] [--fresh]`: translate the messages a search finds,
 * or those whose ids FILE lists (one a line), keeping the case's code words and the entities recognised in
 * them; each is printed with its original and the label "machine translation (Apertium PAIR, VERSION)".
 * Translations are cached in the case with the engine, pair and version (src/api/translate.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { MessageTranslation, TranslateResult } from '../api/translate.js';
import { ClewError } from '../model/errors.js';
import { CASE_HELP } from './case-help.js';
import { account, jsonLine, safe, time } from './render.js';

interface TranslateCliOptions {
  text?: string;
  case?: string;
  ids?: string;
  limit: number;
  fresh?: boolean;
  from?: string;
  to: string;
  keep?: string[];
  timeout: number;
}

/** Every occurrence (case-insensitive) of each kept word, as spans. */
function keepSpans(text: string, words: readonly string[]): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const lower = text.toLowerCase();
  for (const w of words) {
    const lw = w.toLowerCase();
    if (!lw || lw.length !== w.length) continue;
    for (let i = lower.indexOf(lw); i >= 0; i = lower.indexOf(lw, i + lw.length)) spans.push({ start: i, end: i + lw.length });
  }
  return spans;
}

/** Largest ids file read. */
const MAX_IDS_FILE = 16 * 1024 * 1024;

/** The message ids a file lists, one a line (blank lines and `#` comments skipped). */
export async function readIdsFile(path: string): Promise<number[]> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new ClewError('SOURCE_NOT_FOUND', `${path} does not exist`, { path });
  }
  if (size > MAX_IDS_FILE) throw new ClewError('TOO_LARGE', `${path} is larger than ${MAX_IDS_FILE} bytes`, { path });
  const ids: number[] = [];
  (await readFile(path, 'utf8')).split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const n = Number(line);
    if (!/^\d+$/.test(line) || !Number.isSafeInteger(n) || n < 1)
      throw new ClewError('INVALID_ARGUMENT', `${path} line ${i + 1}: not a message id: ${line.slice(0, 40)}`, { path, line: i + 1 });
    ids.push(n);
  });
  if (ids.length === 0) throw new ClewError('INVALID_ARGUMENT', `${path} lists no message ids`, { path });
  return ids;
}

function renderMessage(m: MessageTranslation): string {
  const head = `#${m.id}  ${time(m.ts)}  ${account(m.sender)}${m.lang ? `  [${safe(m.lang)}]` : ''}`;
  const indent = (s: string) => safe(s, true).split('\n').map((l) => `    ${l}`).join('\n');
  const lines = [head, '  original:', indent(m.original)];
  if (m.translation) lines.push(`  ${m.label}${m.translation.cached ? ', from the case' : ''}:`, indent(m.translation.text));
  else lines.push(`  no translation: ${safe(m.failed ?? 'not translated')}`);
  return lines.join('\n');
}

export function renderTranslations(r: TranslateResult): string {
  if (r.messages.length === 0) return 'no messages to translate';
  const tail = `${r.messages.length} message(s) into ${r.to}: ${r.translated} translated now and stored in the case, ${r.cached} from the case${r.engine ? ` (Apertium ${safe(r.engine.version)})` : ''}`;
  return `${r.messages.map(renderMessage).join('\n\n')}\n\n${tail}`;
}

async function translateCase(words: string[], o: TranslateCliOptions, json: boolean): Promise<void> {
  if (o.text !== undefined) throw new ClewError('INVALID_ARGUMENT', 'give either --text or --case, not both');
  if ((words.length > 0) === (o.ids !== undefined)) throw new ClewError('INVALID_ARGUMENT', 'with --case, name the messages: a search query or --ids FILE (one of them)');
  const [{ withCase }, api] = await Promise.all([import('../api/case.js'), import('../api/translate.js')]);
  const ids = o.ids !== undefined ? await readIdsFile(o.ids) : null;
  const engine = await api.translationEngine();
  if (!engine) throw new ClewError('INTERNAL', 'translation is unavailable: Apertium is not installed (Debian: apt-get install -y apertium apertium-hbs-eng apertium-mkd-eng apertium-eng-spa)');
  await withCase(o.case!, {}, async (store) => {
    const base = { to: o.to, fresh: o.fresh, itemTimeoutMs: o.timeout };
    let result: TranslateResult;
    if (ids) {
      // in parts of the API's cap, answered as one
      result = { to: o.to, engine: null, messages: [], translated: 0, cached: 0 };
      for (let k = 0; k < ids.length; k += api.MAX_TRANSLATE_MESSAGES) {
        const r = await api.translateMessages(store, { ...base, ids: ids.slice(k, k + api.MAX_TRANSLATE_MESSAGES) }, engine);
        result = { to: r.to, engine: r.engine, messages: [...result.messages, ...r.messages], translated: result.translated + r.translated, cached: result.cached + r.cached };
      }
    } else result = await api.translateMessages(store, { ...base, query: words.join(' '), limit: o.limit }, engine);
    process.stdout.write(json ? jsonLine(result) : `${renderTranslations(result)}\n`);
  });
}

export function registerTranslate(program: Command, json: () => boolean): void {
  program
    .command('translate')
    .description('machine-translate offline with Apertium, labelled with the engine, pair and version: a text (--text), or a case\'s messages (--case with a query or --ids), cached in the case (docs/translation.md)')
    .argument('[query...]', 'with --case: the search query whose messages to translate (syntax: docs/search.md)')
    .option('--text <text>', 'the text to translate')
    .option('--case <case>', CASE_HELP)
    .option('--ids <file>', 'with --case: translate the messages whose ids this file lists, one a line')
    .option('--limit <n>', 'with a query: how many of its messages (newest first)', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 1 || n > 500) throw new InvalidArgumentError('--limit must be a whole number from 1 to 500');
      return n;
    }, 50)
    .option('--fresh', 'with --case: translate again even when the case holds a translation by the same pair and version')
    .option('--from <lang>', 'with --text: its language, ISO 639-1 (sr, hr, bs, mk, es, …); detected when omitted')
    .option('--to <lang>', 'target language', 'en')
    .option('--keep <words...>', 'with --text: code words or names not to translate (kept as written)')
    .option('--timeout <ms>', 'time limit for one text', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('--timeout must be a whole number of milliseconds ≥ 1');
      return n;
    }, 15_000)
    .action(async (words: string[], o: TranslateCliOptions) => {
      if (o.case !== undefined) return translateCase(words, o, json());
      if (o.text === undefined) throw new ClewError('INVALID_ARGUMENT', 'give --text TEXT, or --case C with a query or --ids FILE');
      if (words.length > 0 || o.ids !== undefined) throw new ClewError('INVALID_ARGUMENT', 'a query or --ids needs --case');
      const text = o.text;
      const { detectApertium, translateTexts } = await import('../text/translate/apertium.js'); // `clew --help` stays fast
      let from = o.from;
      if (!from) {
        const { loadLanguageDetector } = await import('../text/lang/detect.js');
        from = (await loadLanguageDetector()).detect(text)?.lang;
        if (!from) throw new ClewError('INVALID_ARGUMENT', 'the language of the text cannot be told (too short?): give it with --from');
      }
      const engine = await detectApertium();
      if (!engine) {
        throw new ClewError('INTERNAL', 'translation is unavailable: Apertium is not installed (Debian: apt-get install -y apertium apertium-hbs-eng apertium-mkd-eng apertium-eng-spa)');
      }
      const [t] = await translateTexts(engine, [{ text, from, protect: keepSpans(text, o.keep ?? []) }], o.to, { itemTimeoutMs: o.timeout });
      if (!t) throw new ClewError('INTERNAL', 'no translation result');
      if (t.failed) {
        const code = t.failure === 'no-pair' ? 'INVALID_ARGUMENT' : t.failure === 'too-long' ? 'TOO_LARGE' : 'INTERNAL';
        throw new ClewError(code, `no translation: ${t.failed}`, { from, to: o.to, pair: t.pair });
      }
      if (json()) process.stdout.write(jsonLine({ from, to: o.to, ...t }));
      else process.stdout.write(`${safe(t.text, true)}\n— machine translation (Apertium ${safe(t.pair ?? '')}, ${safe(t.version ?? '')}; engine ${safe(t.engineVersion)}; from ${safe(from)})\n`);
    });
}
