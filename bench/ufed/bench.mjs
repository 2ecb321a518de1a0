#!/usr/bin/env node
// UFED report ingest against the same records as canonical JSON Lines, in the same run (issue 19:
// "a UFED report ingests within 1.5x the time of the same records as canonical JSON Lines, in
// constant memory"). Run after `npm run build:server`:
//   node bench/ufed/bench.mjs [--mb 50,100] [--write]
// For each size: a synthetic report.xml (Device Info, WhatsApp/Telegram chats of InstantMessages,
// SMS, calls, contacts), written in the element structure of real UFED reports (see
// docs/formats/ufed.md), and a canonical .jsonl holding the same records; both are ingested by
// `clew ingest --no-analyse` into fresh cases, timed with /usr/bin/time (wall, CPU, peak RSS).
// --write appends the figures to bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'bench', 'out', 'ufed');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const sizes = opt('mb', '50').split(',').map(Number);
const write = args.includes('--write');
if (!existsSync(BIN)) throw new Error('build first: npm run build:server');
mkdirSync(OUT, { recursive: true });

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const WORDS = 'kontejner stiže u petak novac kod kuma luka antwerpen sutra ujutru brate javi se kad stigneš roba paket kafa'.split(' ');
let seed = 1;
const rnd = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const body = () => Array.from({ length: 4 + rnd(12) }, () => WORDS[rnd(WORDS.length)]).join(' ');
const phone = (i) => `3816${String(40000000 + ((i * 7919) % 9000000)).padStart(8, '0')}`;
const iso = (t) => new Date(t).toISOString().replace('Z', '+00:00');

const field = (name, type, v) => `<field name="${name}" type="${type}"><value type="${type}"><![CDATA[${v}]]></value></field>`;
const party = (id, ident, role, owner, name) =>
  `<model type="Party" id="${id}" deleted_state="Unknown" decoding_confidence="High" isrelated="False" extractionId="0">${field('Identifier', 'String', ident)}${role ? field('Role', 'PartyRole', role) : ''}${name ? field('Name', 'String', name) : ''}${field('IsPhoneOwner', 'Boolean', owner ? 'True' : 'False')}</model>`;

/** Writes report.xml and records.jsonl for about `mb` MB of report; returns counts. */
async function generate(mb, xmlPath, jsonlPath) {
  const xml = createWriteStream(xmlPath);
  const jl = createWriteStream(jsonlPath);
  const w = async (s, out) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const target = mb * 1e6;
  let bytes = 0;
  const X = async (s) => {
    bytes += Buffer.byteLength(s);
    await w(s, xml);
  };
  const J = (o) => w(`${JSON.stringify(o)}\n`, jl);
  const OWNER = phone(0);
  await X(`<?xml version="1.0" encoding="utf-8"?>\n<project id="bench" name="clew UFED bench" reportVersion="7.60.0.5" extractionType="FileSystem" xmlns="http://pa.cellebrite.com/report/2.0">\n`);
  await X(`<metadata section="Device Info"><item name="IMEI"><![CDATA[356938035643809]]></item><item name="IMSI"><![CDATA[220011234567890]]></item><item name="MSISDN"><![CDATA[+${OWNER}]]></item></metadata>\n<decodedData>\n`);
  await J({ type: 'device', account: `phone:+${OWNER}`, identifiers: { imei: '356938035643809', imsi: '220011234567890', msisdn: `+${OWNER}` } });
  await J({ type: 'account', ref: `phone:+${OWNER}`, kind: 'phone' });
  let messages = 0;
  let calls = 0;
  let t = Date.UTC(2024, 0, 1);
  let chat = 0;
  await X('<modelType type="Chat">\n');
  while (bytes < target * 0.85) {
    chat++;
    const members = [0, 1 + rnd(300), 1 + rnd(300)].filter((x, i, a) => a.indexOf(x) === i);
    const app = chat % 4 === 0 ? 'Telegram' : 'WhatsApp';
    const ref = (m) => (app === 'WhatsApp' ? `phone:+${phone(m)}` : `telegram:${100000 + m}`);
    const ident = (m) => (app === 'WhatsApp' ? `${phone(m)}@s.whatsapp.net` : String(100000 + m));
    const cid = `${app === 'WhatsApp' ? `${phone(members[0])}-${chat}@g.us` : `chat${chat}`}`;
    await X(`<model type="Chat" id="chat-${chat}" deleted_state="Intact" decoding_confidence="High" isrelated="False" extractionId="0">${field('Source', 'String', app)}${field('Id', 'String', cid)}${field('Name', 'String', `grupa ${chat}`)}<multiModelField name="Participants" type="Party">${members.map((m, i) => party(`p${chat}-${i}`, ident(m), null, m === 0)).join('')}</multiModelField><multiModelField name="Messages" type="InstantMessage">\n`);
    const convRef = `${app.toLowerCase()}:${cid}`;
    await J({ type: 'conversation', ref: convRef, title: `grupa ${chat}`, members: members.map(ref) });
    for (const m of members) await J({ type: 'account', ref: ref(m), kind: app === 'WhatsApp' ? 'phone' : 'username' });
    const n = 200 + rnd(800);
    for (let k = 0; k < n; k++) {
      messages++;
      t += 1000 + rnd(60000);
      const from = members[rnd(members.length)];
      const b = body();
      const id = `im-${messages}`;
      const deleted = rnd(50) === 0;
      await X(`<model type="InstantMessage" id="${id}" deleted_state="${deleted ? 'Deleted' : 'Intact'}" decoding_confidence="High" isrelated="False" source_index="${messages}" extractionId="0">${field('Source', 'String', app)}<modelField name="From" type="Party">${party(`pf-${messages}`, ident(from), 'From', from === 0)}</modelField><multiModelField name="To" type="Party" />${field('Body', 'String', esc(b))}${field('Identifier', 'String', `3EB0${messages}`)}<field name="TimeStamp" type="TimeStamp"><value type="TimeStamp" format="TimeStampKnown">${iso(t)}</value></field>${field('Status', 'MessageStatus', 'Read')}<multiModelField name="Attachments" type="Attachment" /></model>\n`);
      const rec = { type: 'message', id, from: ref(from), to: members.filter((x) => x !== from).map(ref), conversation: convRef, ts: iso(t), body: b, channel: 'chat' };
      if (deleted) rec.deleted = true;
      await J(rec);
    }
    await X('</multiModelField></model>\n');
  }
  await X('</modelType>\n<modelType type="SMS">\n');
  while (bytes < target * 0.95) {
    messages++;
    t += 5000 + rnd(60000);
    const other = 1 + rnd(500);
    const inbox = rnd(2) === 0;
    const b = body();
    await X(`<model type="SMS" id="sms-${messages}" deleted_state="Intact" decoding_confidence="High" isrelated="False" extractionId="0">${field('Source', 'String', 'Native Messages')}${field('Folder', 'String', inbox ? 'Inbox' : 'Sent')}<multiModelField name="Parties" type="Party">${party(`ps-${messages}`, `+${phone(other)}`, inbox ? 'From' : 'To', false)}</multiModelField>${field('Body', 'String', esc(b))}<field name="TimeStamp" type="TimeStamp"><value type="TimeStamp">${iso(t)}</value></field></model>\n`);
    await J({ type: 'message', id: `sms-${messages}`, from: inbox ? `phone:+${phone(other)}` : `phone:+${OWNER}`, to: [inbox ? `phone:+${OWNER}` : `phone:+${phone(other)}`], ts: iso(t), body: b, channel: 'sms' });
  }
  await X('</modelType>\n<modelType type="Call">\n');
  while (bytes < target) {
    calls++;
    t += 5000 + rnd(60000);
    const other = 1 + rnd(500);
    const incoming = rnd(2) === 0;
    const secs = rnd(600);
    const dur = `00:${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
    await X(`<model type="Call" id="call-${calls}" deleted_state="Intact" decoding_confidence="High" isrelated="False" extractionId="0">${field('Source', 'String', 'Phone')}${field('Direction', 'CallDirection', incoming ? 'Incoming' : 'Outgoing')}${field('Status', 'CallStatus', 'Established')}<field name="TimeStamp" type="TimeStamp"><value type="TimeStamp">${iso(t)}</value></field>${field('Duration', 'TimeSpan', dur)}<multiModelField name="Parties" type="Party">${party(`pc-${calls}`, `+${phone(other)}`, incoming ? 'From' : 'To', false)}</multiModelField></model>\n`);
    await J({ type: 'call', id: `call-${calls}`, from: incoming ? `phone:+${phone(other)}` : `phone:+${OWNER}`, to: incoming ? `phone:+${OWNER}` : `phone:+${phone(other)}`, ts: iso(t), duration: secs, channel: 'call' });
  }
  await X('</modelType>\n</decodedData>\n</project>\n');
  xml.end();
  jl.end();
  await Promise.all([once(xml, 'finish'), once(jl, 'finish')]);
  return { messages, calls, chats: chat };
}

function timed(argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  const last = r.stderr.trim().split('\n').pop().split(' ');
  return { seconds: Number(last[0]), rssMb: Number(last[1]) / 1024, cpuSeconds: Number(last[2]) + Number(last[3]), stdout: r.stdout };
}

const rows = [];
for (const mb of sizes) {
  const dir = join(OUT, `${mb}mb`);
  mkdirSync(dir, { recursive: true });
  const xmlPath = join(dir, 'report.xml');
  const jsonlPath = join(dir, 'records.jsonl');
  console.log(`generating ~${mb} MB report.xml and the same records as JSON Lines…`);
  const counts = await generate(mb, xmlPath, jsonlPath);
  const run = (file, format) => {
    const c = join(dir, `${format}.clew`);
    rmSync(c, { force: true });
    for (const ext of ['-wal', '-shm']) rmSync(c + ext, { force: true });
    const r = timed([BIN, '--json', 'ingest', '--no-analyse', '--format', format, '--case', c, file]);
    const s = JSON.parse(r.stdout).ingested[0];
    return { ...r, added: s.added, rejected: s.rejected ?? s.quarantined };
  };
  // alternate the order over two rounds so that neither always runs on a warmer machine
  const j1 = run(jsonlPath, 'canonical');
  const u1 = run(xmlPath, 'ufed');
  const u2 = run(xmlPath, 'ufed');
  const j2 = run(jsonlPath, 'canonical');
  const best = (a, b) => (a.seconds <= b.seconds ? a : b);
  const j = best(j1, j2);
  const u = best(u1, u2);
  const row = { mb, xmlMb: statSync(xmlPath).size / 1e6, jsonlMb: statSync(jsonlPath).size / 1e6, ...counts, canonical: j, ufed: u, ratio: u.seconds / j.seconds, cpuRatio: u.cpuSeconds / j.cpuSeconds };
  console.log(JSON.stringify({ ...row, canonical: { s: j.seconds, cpu: j.cpuSeconds, rssMb: j.rssMb, added: j.added }, ufed: { s: u.seconds, cpu: u.cpuSeconds, rssMb: u.rssMb, added: u.added } }));
  rows.push(row);
}

if (write) {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`;
  let md = `\n## UFED report ingest vs canonical JSON Lines (\`bench/ufed/bench.mjs\`) — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC\n\n`;
  md += `Machine: ${machine}; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')} (shared with other agents). Command: \`node bench/ufed/bench.mjs --mb ${sizes.join(',')} --write\`.\n`;
  md += 'A synthetic report.xml (Device Info; WhatsApp and Telegram chats of InstantMessages; SMS; calls) and a canonical .jsonl with the same records, each ingested by `clew ingest --no-analyse` into a fresh case; best of two runs each, alternated. Time and peak RSS of the whole process from /usr/bin/time.\n\n';
  md += '| report MB | jsonl MB | messages | calls | canonical s (CPU s) | ufed s (CPU s) | ufed / canonical time | CPU ratio | peak RSS MB canonical / ufed |\n|---|---|---|---|---|---|---|---|---|\n';
  for (const r of rows)
    md += `| ${r.xmlMb.toFixed(0)} | ${r.jsonlMb.toFixed(0)} | ${r.messages} | ${r.calls} | ${r.canonical.seconds.toFixed(1)} (${r.canonical.cpuSeconds.toFixed(1)}) | ${r.ufed.seconds.toFixed(1)} (${r.ufed.cpuSeconds.toFixed(1)}) | ${r.ratio.toFixed(2)}× | ${r.cpuRatio.toFixed(2)}× | ${r.canonical.rssMb.toFixed(0)} / ${r.ufed.rssMb.toFixed(0)} |\n`;
  appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
}
