// Name matching across scripts: recall over every pair of variants of one name (bench/identity/names.tsv),
// and the false-match rate over pairs of different names, at the default threshold.
//
//   node bench/identity/names-bench.mjs [distDir]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] ?? 'dist');
const { nameSimilarity, NAME_MATCH_THRESHOLD } = await import(pathToFileURL(join(dist, 'identity/name-similarity.js')).href);
const rows = readFileSync(join(here, 'names.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
let pos = 0, hit = 0, neg = 0, fp = 0;
const misses = [];
for (let i = 0; i < rows.length; i++)
  for (let j = i + 1; j < rows.length; j++) {
    const s = nameSimilarity(rows[i][1], rows[j][1]);
    if (rows[i][0] === rows[j][0]) {
      pos++;
      if (s >= NAME_MATCH_THRESHOLD) hit++;
      else misses.push(`${rows[i][1]} / ${rows[j][1]} ${s.toFixed(2)}`);
    } else {
      neg++;
      if (s >= NAME_MATCH_THRESHOLD) fp++;
    }
  }
console.log(`${rows.length} variants, ${new Set(rows.map((r) => r[0])).size} names; threshold ${NAME_MATCH_THRESHOLD}`);
console.log(`recall ${(hit / pos).toFixed(3)} (${hit}/${pos} same-name pairs meet); false matches ${(fp / neg).toFixed(4)} (${fp}/${neg} different-name pairs)`);
console.log('misses:', misses.slice(0, 40).join('; '));

// Search across scripts (issue 18 part 4): does a query for one spelling find a message holding another
// spelling of the same name in another script? Every query word must match (AND), as the search does;
// messages are indexed with their language (Arabic script → ar, Cyrillic → sr, Latin → nl), the case holds
// sr, nl and ar. "before" = the query without the case's languages (no stemming, no cross-script spellings).
const { parseQuery, indexTokens } = await import(pathToFileURL(join(dist, 'text/query/parse.js')).href);
const scriptOf = (s) => (/[\u0600-\u06ff]/.test(s) ? 'Arab' : /[\u0400-\u04ff]/.test(s) ? 'Cyrl' : 'Latn');
const langOf = { Arab: 'ar', Cyrl: 'sr', Latn: 'nl' };
function matches(node, tokens) {
  switch (node.kind) {
    case 'term': {
      const alts = [node.tokens[0], ...(node.alternatives ?? [])];
      return node.prefix ? tokens.some((t) => alts.some((a) => t.startsWith(a))) : tokens.some((t) => alts.includes(t));
    }
    case 'phrase':
      return [node.tokens, ...(node.stemPhrases ?? [])].some((p) => {
        for (let i = 0; i + p.length <= tokens.length; i++) if (p.every((x, j) => tokens[i + j] === x)) return true;
        return false;
      });
    case 'and':
      return node.children.every((c) => matches(c, tokens));
    case 'or':
      return node.children.some((c) => matches(c, tokens));
    case 'not':
      return !matches(node.child, tokens);
  }
}
const searchStats = {};
const searchMisses = [];
for (let i = 0; i < rows.length; i++)
  for (let j = 0; j < rows.length; j++) {
    if (i === j || rows[i][0] !== rows[j][0]) continue;
    const [qs, ds] = [scriptOf(rows[i][1]), scriptOf(rows[j][1])];
    if (qs === ds) continue;
    const key = `${qs}→${ds}`;
    const s = (searchStats[key] ??= { n: 0, before: 0, after: 0 });
    let q0, q1;
    try {
      q0 = parseQuery(rows[i][1], 'folded');
      q1 = parseQuery(rows[i][1], 'folded', { langs: ['sr', 'nl', 'ar'] });
    } catch {
      continue;
    }
    s.n++;
    if (q0.text && matches(q0.text, indexTokens(rows[j][1], 'folded'))) s.before++;
    if (q1.text && matches(q1.text, indexTokens(rows[j][1], 'folded', { lang: langOf[ds] }))) s.after++;
    else if (searchMisses.length < 30) searchMisses.push(`${rows[i][1]} → ${rows[j][1]}`);
  }
console.log('\nsearch across scripts: query spelling → message spelling (pairs of one name in two scripts)');
console.log('| query → message | pairs | found before | found now |');
console.log('|---|---:|---:|---:|');
for (const [k, s] of Object.entries(searchStats).sort()) console.log(`| ${k} | ${s.n} | ${(s.before / s.n).toFixed(3)} | ${(s.after / s.n).toFixed(3)} |`);
console.log('search misses:', searchMisses.join('; '));
