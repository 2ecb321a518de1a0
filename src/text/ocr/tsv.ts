/**
 * Reads Tesseract's TSV output (`tesseract IMAGE stdout tsv`): one row per page, block, paragraph, line and
 * word (level 1–5) with its box and, for words, a confidence 0–100. Gives the text (words joined by spaces,
 * lines by newlines, blocks and paragraphs separated by a blank line) and the mean word confidence.
 * Rows whose text is only whitespace (Tesseract's "words" on a blank or noisy page) are not words.
 */

export interface TsvText {
  text: string;
  /** Mean confidence of the words, 0–100 (one decimal), null when there is no word. */
  confidence: number | null;
  words: number;
}

export function parseTesseractTsv(tsv: string): TsvText {
  const lines: { key: string; para: string; words: string[] }[] = [];
  let confSum = 0;
  let words = 0;
  for (const row of tsv.split('\n')) {
    const c = row.split('\t');
    if (c.length < 12 || c[0] !== '5') continue;
    const word = (c.slice(11).join('\t')).trim();
    const conf = Number(c[10]);
    if (!word || !Number.isFinite(conf) || conf < 0) continue;
    const para = `${c[1]}/${c[2]}/${c[3]}`;
    const key = `${para}/${c[4]}`;
    const last = lines[lines.length - 1];
    if (last && last.key === key) last.words.push(word);
    else lines.push({ key, para, words: [word] });
    confSum += conf;
    words++;
  }
  let text = '';
  lines.forEach((l, i) => {
    if (i > 0) text += lines[i - 1]!.para === l.para ? '\n' : '\n\n';
    text += l.words.join(' ');
  });
  return { text, confidence: words ? Math.round((confSum / words) * 10) / 10 : null, words };
}
