// Parse rate and peak memory of the chat-export parsers on generated synthetic exports.
//   telegram: a Telegram Desktop account export (result.json) of SIZE_MB (default 2048) MB
//   whatsapp: an Android _chat.txt of LINES (default 2,000,000) lines, 20% continuation lines
// Files go to $TMPDIR (default /tmp) and are deleted afterwards. One core, compiled code.
// Usage: npx tsc -p tsconfig.build.json && node bench/chat/bench-chat.mjs telegram|whatsapp [size]
//        (CLEW_DIST=/path/to/compiled/src to use another build)
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mulberry32 } from '../common.mjs';

const DIST = process.env.CLEW_DIST ?? new URL('../../dist', import.meta.url).pathname;
const { fileSource } = await import(join(DIST, 'ingest/formats/whatsapp/filesource.js'));
const which = process.argv[2] ?? 'telegram';

const rnd = mulberry32(0x5eed);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const WORDS = 'kontejner stiže u petak brate ok gde si sutra posao lova paket Antwerpen Rotterdam luka sastanak u 10 čekam poziv šaljem broj evo slike'.split(' ');
const text = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

async function write(path, gen) {
  const ws = createWriteStream(path, { highWaterMark: 1 << 20 });
  for (const s of gen()) if (!ws.write(s)) await once(ws, 'drain');
  ws.end();
  await once(ws, 'finish');
}

function* telegramDoc(bytes) {
  let written = 0;
  const w = (s) => { written += Buffer.byteLength(s); return s; };
  yield w('{\n "personal_information": {"user_id": 4000002, "first_name": "Marko", "last_name": "Test", "phone_number": "+44 7700 900123"},\n "chats": {\n  "about": "x",\n  "list": [\n');
  let chat = 0;
  let t = 1_600_000_000;
  while (written < bytes) {
    const id = 5_000_000 + chat;
    yield w(`${chat ? ',\n' : ''}   {"name": "Chat ${chat}", "type": "${chat % 3 ? 'private_group' : 'personal_chat'}", "id": ${id}, "messages": [\n`);
    for (let i = 0; i < 50_000 && written < bytes; i++) {
      t += 1 + Math.floor(rnd() * 60);
      const d = new Date(t * 1000).toISOString().slice(0, 19);
      const from = 4_000_000 + Math.floor(rnd() * 20);
      const r = rnd();
      let m;
      if (r < 0.05) m = { id: i + 1, type: 'service', date: d, date_unixtime: String(t), actor: `User ${from}`, actor_id: `user${from}`, action: 'invite_members', members: ['A', 'B'], text: '' };
      else if (r < 0.35) m = { id: i + 1, type: 'message', date: d, date_unixtime: String(t), from: `User ${from}`, from_id: `user${from}`, text: [text(4), { type: 'bold', text: 'MSCU1234565' }, ` ${text(6)}`], text_entities: [{ type: 'plain', text: text(4) }, { type: 'bold', text: 'MSCU1234565' }] };
      else if (r < 0.42) m = { id: i + 1, type: 'message', date: d, date_unixtime: String(t), from: `User ${from}`, from_id: `user${from}`, photo: `photos/photo_${i}@x.jpg`, photo_file_size: 12345, width: 1280, height: 960, text: '' };
      else m = { id: i + 1, type: 'message', date: d, date_unixtime: String(t), from: `User ${from}`, from_id: `user${from}`, reply_to_message_id: i > 2 ? i - 1 : undefined, text: text(3 + Math.floor(rnd() * 25)), text_entities: [] };
      yield w(`${i ? ',\n' : ''}    ${JSON.stringify(m)}`);
    }
    yield w('\n   ]}');
    chat++;
  }
  yield w('\n  ]\n }\n}\n');
}

function* whatsappDoc(lines) {
  const names = ['Ana Primer', 'Marko Test', '+44 7700 900123', 'Vuk Primer', 'Jovana Test'];
  let t = Date.UTC(2021, 0, 1) / 1000;
  let n = 0;
  let buf = '';
  while (n < lines) {
    t += 30 + Math.floor(rnd() * 600);
    const d = new Date(t * 1000);
    const p = (x) => String(x).padStart(2, '0');
    buf += `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${p(d.getUTCFullYear() % 100)}, ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} - ${pick(names)}: ${text(2 + Math.floor(rnd() * 15))}\n`;
    n++;
    if (rnd() < 0.25 && n < lines) { buf += `${text(5)}\n`; n++; }
    if (buf.length > 1 << 16) { yield buf; buf = ''; }
  }
  yield buf;
}

async function measure(parser, path, unit, units) {
  let items = 0;
  let peak = 0;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 200);
  const t0 = performance.now();
  for await (const it of parser.parse(fileSource(path, { timeZone: 'Europe/Belgrade', maxAttachmentBytes: 0 }, false))) {
    items++;
    if ((items & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  const size = statSync(path).size;
  console.log(JSON.stringify({ parser: parser.name, bytes: size, items, seconds: +s.toFixed(1), mb_per_s: +(size / 1e6 / s).toFixed(1), [`${unit}_per_s`]: Math.round(units / s), items_per_s: Math.round(items / s), peak_rss_mb: Math.round(peak / 1048576) }));
}

const dir = process.env.TMPDIR ?? tmpdir();
if (which === 'telegram') {
  const mb = Number(process.argv[3] ?? 2048);
  const path = join(dir, `clew-bench-${process.pid}-result.json`);
  try {
    const g0 = performance.now();
    await write(path, () => telegramDoc(mb * 1024 * 1024));
    console.error(`generated ${statSync(path).size} bytes in ${((performance.now() - g0) / 1000).toFixed(0)} s`);
    const { telegramParser } = await import(join(DIST, 'ingest/formats/telegram/parser.js'));
    await measure(telegramParser, path, 'bytes', statSync(path).size);
  } finally {
    rmSync(path, { force: true });
  }
} else {
  const lines = Number(process.argv[3] ?? 2_000_000);
  const path = join(dir, `clew-bench-${process.pid}-_chat.txt`);
  try {
    await write(path, () => whatsappDoc(lines));
    const { whatsappParser } = await import(join(DIST, 'ingest/formats/whatsapp/parser.js'));
    await measure(whatsappParser, path, 'lines', lines);
  } finally {
    rmSync(path, { force: true });
  }
}
