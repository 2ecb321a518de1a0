// Messages/s of the text pipeline on synthetic chat messages: normalise alone, language alone,
// extraction alone (every registered extractor), and all together. One core, compiled code.
// "analyser" is the whole per-message step of analysed ingest (createAnalyser: language with the conversation
// fallback, 13 extractors, a 20-word code-word lexicon).
// Usage: npx tsc -p tsconfig.build.json && node bench/text/bench-pipeline.mjs [messages=100000] [--dist DIR] [--only analyser] [--corpus chat|synth]
// --corpus synth: messages of a generated case (src/synth) rather than the 40 templates below.
// --dist: another compiled tree (e.g. a copy of dist/ from before a change) to compare in the same run.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { mulberry32 } from '../common.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const distDir = resolve(opt('--dist') ?? new URL('../../dist', import.meta.url).pathname);
const only = opt('--only');
const corpus = opt('--corpus') ?? 'chat';
const from = (p) => import(pathToFileURL(`${distDir}/${p}`).href);
const { normalise, normaliseWithMap } = await from('text/normalise/normalise.js');
const { loadLanguageDetector } = await from('text/lang/detect.js');
const { extractAll } = await from('text/extract/pipeline.js');
const { EXTRACTORS } = await from('text/extract/registry.js');
const { createAnalyser } = await from('text/analyse.js');

const N = Number(args[0] ?? 100_000);

const rnd = mulberry32(0x5eed);
const pick = (a) => a[Math.floor(rnd() * a.length)];

const CHAT = [
  'Brate gde si, jel stigla roba?', 'Đe si brate, javi se kad stigneš', 'Ђе си брате, јел стигла роба?',
  'Sutra u 8 kod pumpe, ne kasni', 'Koliko ti treba? Imam 5 komada', 'Gde je Dragan, ne javlja se ceo dan',
  'Hoe laat kom je morgen naar de haven?', 'Ik bel je straks, niet via de telefoon', 'Où est le colis, on se voit demain',
  'Le bateau arrive jeudi à Anvers', '¿Dónde está el paquete? Llega mañana', 'Onde está a encomenda, chega amanhã?',
  'أين الشحنة يا أخي', 'الشحنة وصلت الميناء', 'Ku je vëlla, malli arrin nesër', 'Yarın limanda buluşuyoruz kardeşim',
  'where is the package bro, call me', 'ok', 'da', '👍', 'ajde', 'Ne mogu sad, zovem te kasnije', 'Wacht even',
  'Moram da idem, vidimo se večeras u gradu', 'Pazi šta pišeš, telefoni su možda ozvučeni',
];
const ENTITY = [
  'zovi me na 064 123 4567', 'novi broj +381 64 1234567', 'nieuw nummer 0031612345678', 'uplati na RS35 2600 0560 1001 6113 79',
  'IBAN NL91ABNA0417164300 op naam van Jan', 'kontejner CSQU3054383 u Baru', 'MV MSC GAYANE IMO 9074729 stiže u ponedeljak',
  'evo lokacija https://maps.google.com/?q=44.8125,20.4612', 'tu sam 44.8125, 20.4612', 'BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
  'USDT TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'mail mi je boss@example.com', 'pošalji 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '5000 eur do petka', 'datum 12.05.2024 u 14:30',
];
const messages = [];
for (let i = 0; i < N; i++) {
  const r = rnd();
  if (r < 0.7) messages.push(pick(CHAT));
  else if (r < 0.9) messages.push(`${pick(CHAT)} ${pick(ENTITY)}`);
  else messages.push(`${pick(CHAT)} ${pick(ENTITY)}. ${pick(CHAT)} ${pick(ENTITY)}`);
}
// --corpus synth: the messages of a synthetic case (src/synth: many templates, names, places, entities) instead
if (corpus === 'synth') {
  const { generateCase } = await from('synth/index.js');
  messages.length = 0;
  for (const ch of generateCase({ messages: N, seed: 7 }).chunks(() => {})) {
    for (const l of ch.data.toString('utf8').split('\n')) {
      if (!l.includes('"type":"message"')) continue;
      const o = JSON.parse(l);
      if (typeof o.body === 'string' && messages.length < N) messages.push(o.body);
    }
  }
  while (messages.length < N) messages.push(messages[messages.length % Math.max(1, messages.length)] ?? 'ok');
}
// make every message a distinct string object (no interning advantages for caches keyed on identity)
for (let i = 0; i < N; i++) messages[i] = (messages[i] + ' ').slice(0, -1);

const detector = await loadLanguageDetector();
const ctx = { defaultRegion: 'RS' };
const LEXICON = ['kafa', 'sladoled', 'brasno', 'papir', 'lopta', 'karte', 'koverta', 'pakovanje', 'majica', 'gume',
  'zeleni', 'bela', 'auto', 'riba', 'jaje', 'dete', 'mleko', 'secer', 'cigla', 'doktor'].map((term, i) => ({ term, means: `m${i}` }));
const analyser = await createAnalyser({ defaultRegion: 'RS', lexicon: LEXICON });
const conversations = Array.from({ length: N }, (_, i) => `c${(i * 7919) % 500}`);

// Wall time and process CPU time: on a shared machine the CPU-time figure is the per-core cost.
function run(name, fn) {
  if (only && !name.includes(only)) return 0;
  for (let i = 0; i < Math.min(N, 5000); i++) fn(messages[i], i); // warm up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < N; i++) sink += fn(messages[i], i) ? 1 : 0;
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const fmt = (s) => Math.round(N / s).toLocaleString('en').padStart(11);
  console.log(`${name.padEnd(28)} ${fmt(cpu)} msg/s per CPU-second (${((cpu * 1e6) / N).toFixed(2).padStart(6)} µs/msg)   wall: ${fmt(wall)} msg/s`);
  return sink;
}

console.log(`dist: ${distDir}`);
console.log(`${N.toLocaleString('en')} synthetic messages (corpus ${corpus}), ${EXTRACTORS.length} extractors: ${EXTRACTORS.map((x) => x.name).join(', ')}`);
run('normalise', (m) => normalise(m));
run('normaliseWithMap', (m) => normaliseWithMap(m));
run('language', (m) => detector.detect(m));
run('extraction (extractAll)', (m) => extractAll(m, ctx));
run('all together', (m) => {
  const n = normalise(m);
  const l = detector.detect(m);
  const e = extractAll(m, ctx);
  return n.length + (l ? 1 : 0) + e.length;
});
run('analyser (full pipeline)', (m, i) => analyser.analyse(m, conversations[i]).mentions.length + 1);
for (const x of EXTRACTORS) run(`  extractor ${x.name}`, (m) => x.extract(m, ctx));
