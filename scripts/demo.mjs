#!/usr/bin/env node
// `npm run demo`: build, generate a ~200k-message synthetic case, ingest it, print what to try
// on the command line, then serve the workspace (extra arguments go to `clew serve`, e.g. --no-open).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const DIR = process.env.CLEW_DEMO_DIR ?? 'demo';
const MESSAGES = Number(process.env.CLEW_DEMO_MESSAGES ?? 200_000);
const CASE = join(DIR, 'case.clew');
const clew = (...args) => {
  const r = spawnSync(process.execPath, ['dist/cli/bin.js', ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const step = (s) => console.log(`\n▶ ${s}`);

step('build');
const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

step(`generate a synthetic case of ${MESSAGES.toLocaleString('en-US')} messages in ${DIR}/`);
rmSync(DIR, { recursive: true, force: true });
clew('synth', '--out', DIR, '--messages', String(MESSAGES), '--seed', '1');

step(`ingest it into ${CASE}`);
clew('ingest', '--case', CASE, join(DIR, 'records.jsonl'));

step('what is in it');
clew('stats', '--case', CASE, '--top', '5');

console.log(`
Try:
  npx clew search --case ${CASE} 'pakket Antwerpen'
  npx clew search --case ${CASE} 'кафа from:Kobra'
  npx clew search --case ${CASE} '"novi broj" OR "new number"'
  npx clew show --case ${CASE} <id from a search>
  npx clew entities --case ${CASE} --type container
  npx clew graph rank --case ${CASE} --top 10
  npx clew graph disrupt --case ${CASE} --strategy cavallaro --steps 4
  npx clew identity suggest --case ${CASE}        (then merge: the network, key players and dossiers work per person)
In the workspace: Key players (tick arrests: the disruption chart), Network, Timeline, Map (shipment
routes), Dossiers, People (identity review: a merges, r rejects), Sources (upload a file to ingest).
The ground truth (leaders, roles, handles, shipments) is in ${DIR}/truth.json.`);

step('serve the workspace (Ctrl-C to stop)');
clew('serve', '--case', CASE, ...process.argv.slice(2));
