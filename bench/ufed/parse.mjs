#!/usr/bin/env node
// Parsers alone (no store): UFED report.xml against the same records as canonical JSON Lines, CPU
// seconds in the same process, alternated. Run `node bench/ufed/bench.mjs --mb N` once first (it
// writes both files), then `npm run build:server` and: node bench/ufed/parse.mjs [--mb 100] [--runs 3]
// [--before DIR]: also the UFED parser of another build (DIR a copy of its dist/), alternated with this one's.
import { createReadStream, statSync } from 'node:fs';
import { join, dirname, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { ufedParser } = await import(join(ROOT, 'dist', 'ingest', 'formats', 'ufed', 'parser.js'));
const { canonicalParser } = await import(join(ROOT, 'dist', 'ingest', 'formats', 'canonical.js'));
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const beforeDir = opt('before', '');
const before = beforeDir ? (await import(join(resolve(beforeDir), 'ingest', 'formats', 'ufed', 'parser.js'))).ufedParser : null;
const mb = opt('mb', '100');
const runs = Number(opt('runs', '3'));
const only = opt('only', '');
const dir = join(ROOT, 'bench', 'out', 'ufed', `${mb}mb`);

const input = (path) => ({
  path,
  name: basename(path),
  size: statSync(path).size,
  sha256: '0'.repeat(64),
  open: (start = 0) => createReadStream(path, { start, highWaterMark: 256 * 1024 }),
  options: { maxLineBytes: 1 << 24, maxAttachmentBytes: 1 << 20 },
});

async function cpu(parser, path) {
  const t = process.cpuUsage();
  const w = Date.now();
  let n = 0;
  if (parser.parseBatches) for await (const b of parser.parseBatches(input(path))) n += b.length;
  else for await (const _ of parser.parse(input(path))) n++;
  const u = process.cpuUsage(t);
  return { cpu: (u.user + u.system) / 1e6, wall: (Date.now() - w) / 1000, items: n };
}

const res = { canonical: [], ufed: [], before: [] };
for (let r = 0; r < runs; r++) {
  if (only !== 'ufed') res.canonical.push(await cpu(canonicalParser, join(dir, 'records.jsonl')));
  // alternated, so that neither build always runs second
  if (before && r % 2 === 0) res.before.push(await cpu(before, join(dir, 'report.xml')));
  if (only !== 'canonical') res.ufed.push(await cpu(ufedParser, join(dir, 'report.xml')));
  if (before && r % 2 === 1) res.before.push(await cpu(before, join(dir, 'report.xml')));
}
const best = (a) => (a.length ? Math.min(...a.map((x) => x.cpu)) : NaN);
const out = { mb, canonical: res.canonical, ufed: res.ufed, bestCanonical: best(res.canonical), bestUfed: best(res.ufed), ratio: best(res.ufed) / best(res.canonical) };
if (before) Object.assign(out, { before: res.before, bestBefore: best(res.before), beforeRatio: best(res.before) / best(res.canonical) });
console.log(JSON.stringify(out));
