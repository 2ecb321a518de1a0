// E-mail parser benchmark: generates an mbox (UTF-8 quoted-printable text bodies, one binary
// attachment per message), parses it with the compiled mbox parser and prints messages/s.
// Usage: npx tsc -p tsconfig.build.json && node bench/ingest/bench-mbox.mjs [messages] [attachmentBytes]
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mboxParser } from '../../dist/ingest/formats/email/email.js';

const N = Number(process.argv[2] ?? 5000);
const ATT = Number(process.argv[3] ?? 8192);


const words = 'kontejner luka petak novac brod roba sutra sastanak kum brate ok gotovo lova'.split(' ');
function body(i) {
  let s = '';
  while (s.length < 800) s += `${words[(i * 7 + s.length) % words.length]} `;
  return `${s}\n`;
}

function message(i, att) {
  const b = `b_${i}`;
  const date = new Date(Date.UTC(2021, 0, 1) + i * 60_000).toUTCString().replace('GMT', '+0000');
  return [
    `From sender${i % 50}@example.org ${new Date(Date.UTC(2021, 0, 1) + i * 60_000).toUTCString()}`,
    `From: "Sender ${i % 50}" <sender${i % 50}@example.org>`,
    `To: rcpt${i % 37}@example.net`,
    `Cc: boss@example.com`,
    `Subject: =?UTF-8?B?${Buffer.from(`Pošiljka ${i}`).toString('base64')}?=`,
    `Date: ${date}`,
    `Message-ID: <msg${i}@example.org>`,
    i > 0 ? `In-Reply-To: <msg${i - 1}@example.org>` : 'X-First: yes',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    body(i).replace(/(.{70})/g, '$1=\n'),
    `--${b}`,
    `Content-Type: application/octet-stream; name="file${i}.bin"`,
    `Content-Disposition: attachment; filename="file${i}.bin"`,
    'Content-Transfer-Encoding: base64',
    '',
    att.toString('base64').replace(/(.{76})/g, '$1\n'),
    `--${b}--`,
    '',
    '',
  ].join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'clew-bench-'));
const path = join(dir, 'bench.mbox');
const parts = [];
for (let i = 0; i < N; i++) parts.push(message(i, randomBytes(ATT)));
writeFileSync(path, parts.join(''));
const size = statSync(path).size;

const input = {
  path,
  name: 'bench.mbox',
  size,
  sha256: createHash('sha256').update(path).digest('hex'),
  open: (start = 0) => createReadStream(path, { start, highWaterMark: 1 << 20 }),
  options: { maxLineBytes: 1 << 20, maxAttachmentBytes: 1 << 20, timeZone: 'UTC' },
};

const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
let messages = 0;
let attachments = 0;
let rejects = 0;
for await (const item of mboxParser.parse(input)) {
  if (item.kind === 'reject') rejects++;
  else if (item.record.type === 'message') messages++;
  else if (item.record.type === 'attachment') attachments++;
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const cu = process.cpuUsage(c0);
const cpuSecs = (cu.user + cu.system) / 1e6; // steadier than wall time on a shared machine
rmSync(dir, { recursive: true, force: true });
const cpu = cpus()[0]?.model ?? 'unknown';
console.log(
  JSON.stringify({
    messages,
    attachments,
    rejects,
    attachmentBytes: ATT,
    fileMB: +(size / 1e6).toFixed(1),
    seconds: +secs.toFixed(2),
    cpuSeconds: +cpuSecs.toFixed(2),
    messagesPerSecond: Math.round(messages / secs),
    messagesPerCpuSecond: Math.round(messages / cpuSecs),
    MBperSecond: +(size / 1e6 / secs).toFixed(1),
    node: process.version,
    cpu,
    cores: cpus().length,
  }),
);
