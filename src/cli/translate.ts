/**
 * `clew translate --text TEXT [--from LANG] [--to en] [--keep WORD…]`: machine-translate one text offline with
 * Apertium and print it with its engine label. Needs no case; translating a case's messages (stored with
 * the engine and version) comes with the case storage for translations.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ClewError } from '../model/errors.js';
import { jsonLine, safe } from './render.js';

interface TranslateCliOptions {
  text: string;
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

export function registerTranslate(program: Command, json: () => boolean): void {
  program
    .command('translate')
    .description('machine-translate a text offline with Apertium, labelled with the engine, pair and version (docs/translation.md)')
    .requiredOption('--text <text>', 'the text to translate')
    .option('--from <lang>', 'its language, ISO 639-1 (sr, hr, bs, mk, es, …); detected when omitted')
    .option('--to <lang>', 'target language', 'en')
    .option('--keep <words...>', 'code words or names not to translate (kept as written)')
    .option('--timeout <ms>', 'time limit for the translation', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('--timeout must be a whole number of milliseconds ≥ 1');
      return n;
    }, 15_000)
    .action(async (o: TranslateCliOptions) => {
      const { detectApertium, translateTexts } = await import('../text/translate/apertium.js'); // `clew --help` stays fast
      let from = o.from;
      if (!from) {
        const { loadLanguageDetector } = await import('../text/lang/detect.js');
        from = (await loadLanguageDetector()).detect(o.text)?.lang;
        if (!from) throw new ClewError('INVALID_ARGUMENT', 'the language of the text cannot be told (too short?): give it with --from');
      }
      const engine = await detectApertium();
      if (!engine) {
        throw new ClewError('INTERNAL', 'translation is unavailable: Apertium is not installed (Debian: apt-get install -y apertium apertium-hbs-eng apertium-mkd-eng apertium-eng-spa)');
      }
      const [t] = await translateTexts(engine, [{ text: o.text, from, protect: keepSpans(o.text, o.keep ?? []) }], o.to, { itemTimeoutMs: o.timeout });
      if (!t) throw new ClewError('INTERNAL', 'no translation result');
      if (t.failed) {
        const code = t.failure === 'no-pair' ? 'INVALID_ARGUMENT' : t.failure === 'too-long' ? 'TOO_LARGE' : 'INTERNAL';
        throw new ClewError(code, `no translation: ${t.failed}`, { from, to: o.to, pair: t.pair });
      }
      if (json()) process.stdout.write(jsonLine({ from, to: o.to, ...t }));
      else process.stdout.write(`${safe(t.text, true)}\n— machine translation (Apertium ${safe(t.pair ?? '')}, ${safe(t.version ?? '')}; engine ${safe(t.engineVersion)}; from ${safe(from)})\n`);
    });
}
