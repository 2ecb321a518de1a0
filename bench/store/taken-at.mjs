#!/usr/bin/env node
// The capture-time backfill of a SQLite case migrated to schema 8 (src/store/sqlite/taken-at.ts), and what
// checking for it adds to every open. Run after `npm run build:server`:
//   node bench/store/taken-at.mjs [--photos 2000] [--kb 200] [--opens 200]
// A case is written with `photos` distinct JPEGs of about `kb` kB, each with an EXIF capture time, then
// taken back to schema 7 (no attachments.taken_at). Printed: the backfill (clew case migrate's path:
// migration + reading every photo once + writing the times) against a baseline measured in the same run,
// reading every photo's bytes from the case once (the least any backfill from the stored files does);
// and `opens` opens + closes of the current case through store/open.ts (with the check) against
// opening the SQLite store directly (without it), wall and CPU time.
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BENCH_OUT, opt, ROOT } from '../common.mjs';

const photos = Number(opt('photos', '2000'));
const kb = Number(opt('kb', '200'));
const opens = Number(opt('opens', '200'));
const dist = (p) => join(ROOT, 'dist', p);
const { openCase, migrateCase } = await import(dist('store/open.js'));
const { openSqliteCase } = await import(dist('store/sqlite/store.js'));

/** A JPEG-shaped file of `bytes` bytes carrying an EXIF capture time (only its APP1 segment is read). */
function photo(i, bytes) {
  const time = `2021:02:${String(1 + (i % 28)).padStart(2, '0')} 10:15:${String(i % 60).padStart(2, '0')}\0`;
  // TIFF: header | IFD0 (ExifIFD pointer) | Exif IFD (DateTimeOriginal) | the ASCII value
  const t = Buffer.alloc(8 + 18 + 18 + 20);
  t.write('II*\0', 0, 'latin1');
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(1, 8);
  t.writeUInt16LE(0x8769, 10); t.writeUInt16LE(4, 12); t.writeUInt32LE(1, 14); t.writeUInt32LE(26, 18);
  t.writeUInt32LE(0, 22);
  t.writeUInt16LE(1, 26);
  t.writeUInt16LE(0x9003, 28); t.writeUInt16LE(2, 30); t.writeUInt32LE(20, 32); t.writeUInt32LE(44, 36);
  t.writeUInt32LE(0, 40);
  t.write(time, 44, 'latin1');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(payload.length + 2, 2);
  const body = Buffer.alloc(Math.max(0, (bytes - payload.length - 8) & ~3));
  for (let k = 0; k < body.length; k += 4) body.writeUInt32LE((i * 2654435761 + k) >>> 0, k);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, payload, body, Buffer.from([0xff, 0xd9])]);
}

const dir = join(BENCH_OUT, 'taken-at');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const path = join(dir, 'photos.clew');
const s = await openCase(path, { create: true, threadedWriter: false });
const w = await s.beginSource({ path: '/evidence/photos.jsonl', name: 'photos.jsonl', size: 1, sha256: 'e'.repeat(64), format: 'canonical', options: { tz: 'UTC' } });
const ids = Array.from({ length: photos }, (_, i) => `a${i}`);
const records = [
  { type: 'message', nativeId: 'm1', from: 'sky:a', to: ['sky:b'], channel: 'chat', ts: Date.UTC(2021, 1, 3), tzOffset: 0, body: 'slike', attachments: ids },
  ...ids.map((id, i) => ({ type: 'attachment', nativeId: id, message: 'm1', filename: `IMG_${i}.jpg`, mime: 'image/jpeg', content: photo(i, kb * 1024) })),
];
await w.writeBatch(records.map((record, i) => ({ kind: 'record', record, locator: { line: i + 1 } })), { offset: null, line: records.length + 1, itemsDone: records.length });
await w.finish();
await s.close();
const db = new Database(path);
db.exec('ALTER TABLE attachments DROP COLUMN taken_at');
db.pragma('user_version = 7');
db.close();

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
function measure(fn) {
  return async () => { const c = cpu(); const t = process.hrtime.bigint(); const r = await fn(); return { s: Number(process.hrtime.bigint() - t) / 1e9, cpu: cpu() - c, r }; };
}
// baseline: every photo's bytes read from the case once
const base = await measure(async () => {
  const d = new Database(path, { readonly: true });
  const get = d.prepare('SELECT data FROM blobs WHERE sha256 = ?').pluck();
  let n = 0;
  for (const sha of d.prepare('SELECT DISTINCT sha256 FROM attachments').pluck().all()) n += get.get(sha).length;
  d.close();
  return n;
})();
const back = await measure(() => migrateCase(path))();
const check = new Database(path, { readonly: true });
const filled = check.prepare('SELECT count(*) FROM attachments WHERE taken_at IS NOT NULL').pluck().get();
check.close();
if (filled !== photos) throw new Error(`backfill filled ${filled} of ${photos}`);

const direct = await measure(async () => { for (let i = 0; i < opens; i++) await openSqliteCase(path, { readonly: true, threadedWriter: false }).close(); })();
const viaOpen = await measure(async () => { for (let i = 0; i < opens; i++) await (await openCase(path, { readonly: true, threadedWriter: false })).close(); })();

const mb = (base.r / 1e6).toFixed(0);
console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${photos} photos, ${mb} MB`);
console.log(`| step | wall s | CPU s | ratio to baseline (wall) |`);
console.log(`|---|---:|---:|---:|`);
console.log(`| baseline: read every photo once | ${base.s.toFixed(2)} | ${base.cpu.toFixed(2)} | 1.00 |`);
console.log(`| backfill (migrate to 8, read EXIF, write times) | ${back.s.toFixed(2)} | ${back.cpu.toFixed(2)} | ${(back.s / base.s).toFixed(2)} |`);
console.log(`| ${opens} opens, SQLite store directly | ${direct.s.toFixed(2)} | ${direct.cpu.toFixed(2)} | 1.00 |`);
console.log(`| ${opens} opens through store/open.ts (with the check) | ${viaOpen.s.toFixed(2)} | ${viaOpen.cpu.toFixed(2)} | ${(viaOpen.s / direct.s).toFixed(2)} |`);
rmSync(dir, { recursive: true, force: true });
