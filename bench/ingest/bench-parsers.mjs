// CSV (calls) and device-dump (messages) parser throughput on generated files.
// Usage: npx tsc -p tsconfig.build.json && node bench/ingest/bench-parsers.mjs [rows]
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParser } from '../../dist/ingest/formats/csv/csv.js';
import { deviceDumpParser } from '../../dist/ingest/formats/device/device.js';

const N = Number(process.argv[2] ?? 200000);
const dir = mkdtempSync(join(tmpdir(), 'clew-bench-'));
const source = (path, extra = {}) => ({
  path,
  name: path.split('/').pop(),
  size: statSync(path).size,
  sha256: 'bench',
  open: (start = 0) => createReadStream(path, { start, highWaterMark: 1 << 20 }),
  options: { maxLineBytes: 1 << 20, maxAttachmentBytes: 1 << 20, timeZone: 'UTC', defaultRegion: 'RS', ...extra },
});
async function run(label, parser, input) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let n = 0;
  for await (const _ of parser.parse(input)) n++;
  const s = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6; // CPU seconds: steadier than wall time on a shared machine
  console.log(
    JSON.stringify({
      parser: label,
      items: n,
      seconds: +s.toFixed(2),
      cpuSeconds: +cpu.toFixed(2),
      itemsPerSecond: Math.round(n / s),
      itemsPerCpuSecond: Math.round(n / cpu),
      MBperSecond: +(input.size / 1e6 / s).toFixed(1),
    }),
  );
}

const rows = ['caller,callee,start,secs'];
for (let i = 0; i < N; i++)
  rows.push(`+38164${String(1000000 + (i % 5000)).slice(0, 7)},+3161234${String(1000 + (i % 900))},2021-02-03T10:${String(i % 60).padStart(2, '0')}:00+01:00,${i % 300}`);
const csvPath = join(dir, 'calls.csv');
writeFileSync(csvPath, `${rows.join('\n')}\n`);
await run('csv', csvParser, source(csvPath, { csvMapping: { from: 'caller', to: 'callee', ts: 'start', duration: 'secs' } }));

const msgs = [];
for (let i = 0; i < N / 2; i++) msgs.push({ id: `m${i}`, from: i % 2 ? 'A' : 'B', ts: 1612343700 + i, body: 'Kontejner stiže u petak, novac kod kuma. '.repeat(2) });
const devPath = join(dir, 'dump.json');
writeFileSync(devPath, JSON.stringify({ format: 'clew-device-dump', version: 1, device: { platform: 'skyecc', owner: 'A' }, conversations: [{ id: 'c', participants: ['A', 'B'], messages: msgs }] }));
await run('device-dump', deviceDumpParser, source(devPath));
rmSync(dir, { recursive: true, force: true });
