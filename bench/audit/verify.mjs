#!/usr/bin/env node
// clew audit verify of a large log (issue 21, Speed: 1M entries verified in ≤ 10 s). Run after `npm run build`:
//   node bench/audit/verify.mjs [--entries 1000000] [--heads 10] [--pg postgres://USER:PW@HOST:PORT/DB] [--before DIST] [--write]
// A fresh database gets N audit entries (search-like: user, agency, case, query, 20 record ids)
// appended through openAuditLog (group commit: 10,000 requests at a time), with a signed head
// every N/heads entries. Then, timed: the baseline (the same entries read in the same chunks,
// with only SHA-256 of every leaf: what any check must at least do) and `clew audit verify`
// (a process of its own, startup included), with its entries checked in threads (the default) and
// in its main thread only (--threads 0). A second baseline reads the leaves as verify now does
// (binary COPY: bytes, not hex text) and hashes them: the floor of that reading. Without --pg a local server is started with
// clew db start in bench/out/pg and stopped at the end. --write appends the figures to bench/RESULTS.md.
// --before DIST (a compiled dist/ of an earlier clew, inside the repository so it finds node_modules): its
// verify is timed too, on the same log in the same run. Each verify's CPU seconds are given (user + system,
// threads included: /usr/bin/time), and the server's (only for the server this script started).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { args, BENCH_OUT, BIN, opt, ROOT } from '../common.mjs';
import { pgServer } from '../store/pg-server.mjs';

const n = Number(opt('entries', '1000000'));
const headCount = Number(opt('heads', '10'));
const server = pgServer(ROOT, opt('pg', null));
const name = `bench_audit_${process.pid}`;
const admin = new pg.Client({ connectionString: server.uri });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const u = new URL(server.uri);
u.pathname = `/${name}`;
const url = u.toString();
mkdirSync(BENCH_OUT, { recursive: true });
const keyFile = join(BENCH_OUT, `audit-key-${process.pid}.pem`);

const { openAuditLog } = await import(join(ROOT, 'dist', 'api', 'audit.js'));
const { TupleChunker } = await import(join(ROOT, 'dist', 'store', 'postgres', 'copy-tuples.js'));
const secs = (t) => Number(process.hrtime.bigint() - t) / 1e9;

try {
  const log = await openAuditLog(url, { keyFile });
  let t = process.hrtime.bigint();
  const every = Math.ceil(n / headCount);
  const window = 10_000;
  const base = Date.UTC(2026, 0, 1);
  for (let from = 0; from < n; from += window) {
    const size = Math.min(window, n - from);
    await Promise.all(
      Array.from({ length: size }, (_, k) => {
        const i = from + k;
        return log.append({
          user: `user${i % 20}`,
          agency: ['NL-Politie', 'FR-PJ', 'RS-MUP'][i % 3],
          case: i % 2 ? 'op_alpha' : 'op_beta',
          action: 'search',
          query: `kafa from:sky:${i % 997} after:2021-01-01`,
          filters: { limit: 20, mode: 'folded' },
          records: Array.from({ length: 20 }, (_, r) => i * 20 + r),
          at: base + i * 50,
        });
      }),
    );
    if (Math.floor((from + size) / every) > Math.floor(from / every) || from + size === n) await log.signNow();
    if ((from / window) % 20 === 0) process.stdout.write(`\rappended ${from + size}/${n}`);
  }
  const appendSeconds = secs(t);
  await log.close();
  process.stdout.write(`\rappended ${n} entries in ${appendSeconds.toFixed(1)} s (${Math.round(n / appendSeconds)}/s)\n`);

  // baseline: read every leaf in the same chunks, hash it, nothing else
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  t = process.hrtime.bigint();
  let next = 0;
  let bytes = 0;
  for (;;) {
    const r = await c.query(`SELECT idx, leaf, leaf_hash FROM audit_entries WHERE idx >= $1 ORDER BY idx LIMIT 20000`, [next]);
    for (const row of r.rows) {
      createHash('sha256').update(Buffer.from([0])).update(row.leaf).digest();
      bytes += row.leaf.length;
    }
    if (r.rows.length < 20000) break;
    next = Number(r.rows[r.rows.length - 1].idx) + 1;
  }
  const baseline = secs(t);

  // the second baseline: the leaves by binary COPY, hashed, nothing else
  t = process.hrtime.bigint();
  const chunker = new TupleChunker(2, 1 << 20);
  let copied = 0;
  const hashAll = (chunk) => {
    const b = Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength);
    for (let k = 0; k < chunk.count; k++) {
      const off = chunk.fields[4 * k + 2];
      createHash('sha256').update(Buffer.from([0])).update(b.subarray(off, off + chunk.fields[4 * k + 3])).digest();
    }
    copied += chunk.count;
  };
  for await (const data of c.query(copyTo('COPY (SELECT idx, leaf FROM audit_entries ORDER BY idx) TO STDOUT (FORMAT binary)'))) chunker.push(data).forEach(hashAll);
  const last = chunker.end();
  if (last) hashAll(last);
  if (copied !== n) throw new Error(`the binary baseline read ${copied} entries`);
  const binaryBaseline = secs(t);
  await c.end();

  // the verify's own CPU seconds (all its threads) by /usr/bin/time, where there is one
  const timeFile = join(BENCH_OUT, `audit-verify-time-${process.pid}.txt`);
  const timed = existsSync('/usr/bin/time');
  const runVerify = (extra, bin = BIN) => {
    const t0 = process.hrtime.bigint();
    const s0 = server.serverCpuSeconds();
    const argv = [process.execPath, bin, '--json', 'audit', 'verify', '--db', url, ...extra];
    const out = timed ? execFileSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 }) : execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = secs(t0);
    const s1 = server.serverCpuSeconds();
    const report = JSON.parse(out);
    if (!report.ok || report.entries !== n) throw new Error(`verify did not pass: ${out}`);
    const cpu = timed ? readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number).reduce((a, b) => a + b, 0) : null;
    return { seconds, report, cpu, serverCpu: s0 === null || s1 === null ? null : s1 - s0 };
  };
  const beforeBin = opt('before', null) && join(opt('before', null), 'cli', 'bin.js');
  const before = beforeBin ? [runVerify(['--threads', '0'], beforeBin), runVerify([], beforeBin)] : null;
  const oneThread = runVerify(['--threads', '0']);
  const threaded = runVerify([]);
  const { seconds: verify, report } = threaded;
  rmSync(timeFile, { force: true });
  const cpuCols = (r) => `${r.cpu === null ? '' : r.cpu.toFixed(2)} | ${r.serverCpu === null ? '' : r.serverCpu.toFixed(2)}`;

  const cpu = cpus()[0]?.model ?? '?';
  const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
  const lines = [
    `| baseline: read every leaf and SHA-256 it (same chunks, no checks) | ${n} | ${baseline.toFixed(2)} | 1.00× | | |`,
    `| baseline 2: read every leaf by binary COPY and SHA-256 it (no checks) | ${n} | ${binaryBaseline.toFixed(2)} | ${(binaryBaseline / baseline).toFixed(2)}× | | |`,
    ...(before
      ? [
          `| before (${opt('before', '')}): \`clew audit verify --threads 0\` | ${n} | ${before[0].seconds.toFixed(2)} | ${(before[0].seconds / baseline).toFixed(2)}× | ${cpuCols(before[0])} |`,
          `| before: \`clew audit verify\` (${availableParallelism()} threads) | ${n} | ${before[1].seconds.toFixed(2)} | ${(before[1].seconds / baseline).toFixed(2)}× | ${cpuCols(before[1])} |`,
        ]
      : []),
    `| \`clew audit verify --threads 0\` (process start, every check in the main thread, ${report.heads} heads, consistency proofs) | ${n} | ${oneThread.seconds.toFixed(2)} | ${(oneThread.seconds / baseline).toFixed(2)}× | ${cpuCols(oneThread)} |`,
    `| \`clew audit verify\` (the same, entries checked in ${availableParallelism()} threads) | ${n} | ${verify.toFixed(2)} | ${(verify / baseline).toFixed(2)}× | ${cpuCols(threaded)} |`,
  ];
  const header = '| run | entries | seconds | vs baseline | verify CPU s | server CPU s |\n|---|---:|---:|---:|---:|---:|';
  console.log(`mean leaf ${Math.round(bytes / n)} bytes; ${cpus().length} cores (${cpu}), Node ${process.version}, load average ${load}`);
  console.log(header);
  console.log(lines.join('\n'));
  console.log(`verify: ${verify.toFixed(2)} s for ${n} entries (target ≤ 10 s for 1M); its own timer: ${(report.ms / 1000).toFixed(2)} s`);
  if (args.includes('--write'))
    appendFileSync(
      join(ROOT, 'bench', 'RESULTS.md'),
      `\n## Audit log: clew audit verify (${new Date().toISOString().slice(0, 10)})\n\n` +
        `\`node bench/audit/verify.mjs --entries ${n}\`: ${n} search-like entries (mean leaf ${Math.round(bytes / n)} bytes) appended through openAuditLog ` +
        `(group commit, 10,000 requests at a time: ${Math.round(n / appendSeconds)} entries/s), a signed head every ${every}. ` +
        `${cpu}, ${cpus().length} cores (shared with other agents), Node ${process.version}, local PostgreSQL (clew db start); load average ${load} (compare the ratio, not seconds).\n\n` +
        `${header}\n${lines.join('\n')}\n`,
    );
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => {});
  await admin.end();
  rmSync(keyFile, { force: true });
  rmSync(`${keyFile}.pub`, { force: true });
  server.stop();
}
