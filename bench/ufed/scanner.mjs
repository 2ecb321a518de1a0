#!/usr/bin/env node
// clew's UFED XML scanner (src/ingest/formats/ufed/scan.ts) against htmlparser2's Tokenizer in XML
// mode (what the reader used before), on the same report, same run, tokens only (no-op callbacks
// that touch the same positions). Run `node bench/ufed/bench.mjs` once first (it writes the
// report), then `npm run build:server` and: node bench/ufed/scanner.mjs [--mb 50]
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'htmlparser2';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { XmlScanner } = await import(join(ROOT, 'dist', 'ingest', 'formats', 'ufed', 'scan.js'));
const args = process.argv.slice(2);
const mb = args.includes('--mb') ? args[args.indexOf('--mb') + 1] : '50';
const text = readFileSync(join(ROOT, 'bench', 'out', 'ufed', `${mb}mb`, 'report.xml'), 'utf8');
const CHUNK = 64 * 1024;

function cpu(fn) {
  const t = process.cpuUsage();
  const n = fn();
  const u = process.cpuUsage(t);
  return { s: (u.user + u.system) / 1e6, n };
}
function clew() {
  let n = 0;
  const tick = () => void n++;
  const s = new XmlScanner({ onopentagname: tick, onattributes: tick, onopentagend: tick, onselfclosingtag: tick, onclosetag: tick, ontext: tick, ontextentity: tick, oncdata: tick, ondeclaration: tick });
  for (let i = 0; i < text.length; i += CHUNK) s.write(text.slice(i, i + CHUNK));
  s.end();
  return n;
}
function htmlparser2() {
  let n = 0;
  const tick = () => void n++;
  const t = new Tokenizer({ xmlMode: true, decodeEntities: true }, { onopentagname: tick, onattribname: tick, onattribdata: tick, onattribentity: tick, onattribend: tick, onopentagend: tick, onselfclosingtag: tick, onclosetag: tick, ontext: tick, ontextentity: tick, oncdata: tick, ondeclaration: tick, onprocessinginstruction: tick, oncomment: tick, onend: tick });
  for (let i = 0; i < text.length; i += CHUNK) t.write(text.slice(i, i + CHUNK));
  t.end();
  return n;
}
const runs = { clew: [], htmlparser2: [] };
for (let r = 0; r < 3; r++) for (const [k, f] of [['htmlparser2', htmlparser2], ['clew', clew]]) runs[k].push(cpu(f).s);
const best = (a) => Math.min(...a);
console.log(JSON.stringify({ mb: text.length / 1e6, htmlparser2: best(runs.htmlparser2), clew: best(runs.clew), speedup: best(runs.htmlparser2) / best(runs.clew) }));
