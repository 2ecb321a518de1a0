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
