#!/usr/bin/env node
// `npm test`: everything the project checks, in order: prerequisites, lint (with import
// boundaries), type check, build, unit + integration tests (vitest), browser tests when present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(title, cmd, args, opts = {}) {
  process.stdout.write(`\n▶ ${title}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    process.stdout.write(`\n✗ ${title} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`clew needs Node.js 20 or later; this is ${process.version}`);
  process.exit(1);
}
if (!existsSync('node_modules/better-sqlite3/build/Release/better_sqlite3.node')) {
  console.error('better-sqlite3 is not built: run `npm ci` (it compiles with node-gyp; needs python3, make and g++)');
  process.exit(1);
}

run('prerequisites', process.execPath, ['scripts/prereqs.mjs']);
run('lint', 'npx', ['eslint', '.']);
run('type check', 'npm', ['run', '--silent', 'typecheck']);
run('build (CLI, server, web app)', 'npm', ['run', '--silent', 'build']);
run('tests', 'npx', ['vitest', 'run']);
