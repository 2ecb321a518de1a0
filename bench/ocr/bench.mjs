#!/usr/bin/env node
// OCR benchmark (issue 23 part 3): text recognition in phone-camera-like photos with Tesseract.
// Run after `npm run build:server`:
//   node bench/ocr/bench.mjs [--count 1000] [--width 2016 --height 1512] [--baseline 40] [--seed 1] [--write]
// Images: rendered by the real Chromium (Debian's chromium, through playwright-core), each a photo of a paper
// note — slightly rotated, in perspective, blurred, with uneven light and sensor noise, saved as JPEG q82 —
// holding a random ISO 6346 container number (valid check digit), a random Serbian IBAN (valid check
// digits) and a random Serbian mobile number in one of the ways people write it, among Serbian lines in
// Latin or Cyrillic. They are cached in bench/out/ocr/ (rendering is not timed).
// Measured, both on the same images, 2 processes (OMP_THREAD_LIMIT=1 each):
//   - clew: recogniseImages (header checks, stdin, TSV, word confidences, time limit), languages chosen for
//     Serbian messages (srp + srp_latn + eng);
//   - baseline, same run: bare `tesseract IMG stdout -l srp+srp_latn+eng` (plain text) on the first --baseline images.
// Recall: the planted values found by clew's own extractors (container, iban, phone with region RS) in the text.
// --write appends the figures to bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { args, mulberry32, opt, ROOT } from '../common.mjs';

const count = Number(opt('count', '1000'));
const width = Number(opt('width', '2016'));
const height = Number(opt('height', '1512'));
const nBaseline = Math.min(count, Number(opt('baseline', '40')));
const seed = Number(opt('seed', '1'));
const write = args.includes('--write');
const OUT = join(ROOT, 'bench', 'out', 'ocr', `images-${width}x${height}-seed${seed}`);
mkdirSync(OUT, { recursive: true });

const dist = (p) => join(ROOT, 'dist', p);
if (!existsSync(dist('text/ocr/tesseract.js'))) throw new Error('dist/ is missing: run npm run build:server');
const { detectTesseract, recogniseImages, chooseLanguages } = await import(dist('text/ocr/tesseract.js'));
const { iso6346CheckDigit, containerExtractor } = await import(dist('text/extract/container.js'));
const { ibanExtractor } = await import(dist('text/extract/iban.js'));
const { phoneExtractor } = await import(dist('text/extract/phone.js'));

const engine = await detectTesseract();
if (!engine) {
  console.error('tesseract is not installed: apt-get install -y tesseract-ocr tesseract-ocr-srp tesseract-ocr-srp-latn');
  process.exit(1);
}
const { langs } = chooseLanguages(engine, ['sr']);

const rand = mulberry32(seed);
const pick = (a) => a[Math.floor(rand() * a.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

function container() {
  const owner = pick(['MSC', 'MAE', 'CMA', 'HLX', 'TGH', 'CSQ', 'OOL', 'EGL', 'ZIM', 'YML']);
  const code10 = `${owner}U${digits(6)}`;
  return code10 + iso6346CheckDigit(code10);
}
function serbianIban() {
  // Serbian BBAN: bank (3) + account (13) + national check (2, ISO 7064 MOD 97-10, which ibantools verifies).
  const body = digits(16);
  const bban = body + String(98n - ((BigInt(body) * 100n) % 97n)).padStart(2, '0');
  const numeric = BigInt(`${bban}${27}${28}00`); // R=27, S=28
  const check = String(98n - (numeric % 97n)).padStart(2, '0');
  return `RS${check}${bban}`;
}
function phone() {
  const op = pick(['60', '61', '62', '63', '64', '65', '66', '69']);
  const a = digits(3);
  const b = digits(4);
  const e164 = `+381${op}${a}${b}`;
  const shown = pick([`+381 ${op} ${a} ${b}`, `0${op}/${a}-${b}`, `0${op} ${a} ${b}`, `+381${op}${a}${b}`, `00381 ${op} ${a}${b}`]);
  return { e164, shown };
}
const LATIN = ['Kontejner stiže u petak', 'Javi kumu za robu', 'Lova ide na ovaj račun', 'Zovi ovaj broj posle 22h', 'Brod kasni dva dana', 'Sve je spremno u luci'];
const CYRILLIC = ['Контејнер стиже у петак', 'Јави куму за робу', 'Лова иде на овај рачун', 'Зови овај број после 22х', 'Брод касни два дана'];

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function photoHtml(lines, o) {
  const fs = Math.round(width * o.fontScale);
  return `<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0;width:100%;height:100%;overflow:hidden}
body{background:radial-gradient(circle at 30% 20%,#8a8378,#4d4740 70%,#2e2a26);display:flex;align-items:center;justify-content:center;perspective:${width * 2}px}
.paper{background:linear-gradient(100deg,#f4f1ea 0%,#ffffff 45%,#e6e1d6 100%);padding:${fs}px ${fs * 1.4}px;box-shadow:0 ${fs / 3}px ${fs}px rgba(0,0,0,.55);
transform:rotate(${o.rotate}deg) rotateY(${o.tilt}deg);filter:blur(${o.blur}px);font:${fs}px/1.45 '${o.font}',sans-serif;color:#1d1d22;max-width:88%}
.paper p{margin:0;white-space:pre}
svg{position:fixed;inset:0;width:100%;height:100%;pointer-events:none;opacity:${o.noise}}
.shade{position:fixed;inset:0;background:linear-gradient(160deg,rgba(255,255,230,.10),rgba(0,0,20,.22));pointer-events:none}
</style></head><body><div class="paper">${lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div><div class="shade"></div>
<svg xmlns="http://www.w3.org/2000/svg"><filter id="n"><feTurbulence type="fractalNoise" baseFrequency="0.9" numOctaves="2" seed="${o.seed}"/><feColorMatrix type="saturate" values="0"/></filter><rect width="100%" height="100%" filter="url(#n)"/></svg>
</body></html>`;
}

// Plant and render (cached).
const planted = [];
for (let i = 0; i < count; i++) {
  const c = container();
  const iban = serbianIban();
  const p = phone();
  const cyr = rand() < 0.4;
  const filler = cyr ? CYRILLIC : LATIN;
  const ibanShown = rand() < 0.5 ? iban : iban.replace(/(.{4})/g, '$1 ').trim();
  const lines = [pick(filler), `${pick(['Kontejner', 'Cont.', 'Контејнер'])}: ${c}`, `IBAN ${ibanShown}`, `${pick(['Tel', 'Zovi', 'Број'])}: ${p.shown}`, pick(filler)];
  const look = {
    rotate: (rand() - 0.5) * 10,
    tilt: (rand() - 0.5) * 36,
    blur: rand() * 1.0,
    noise: 0.05 + rand() * 0.15,
    fontScale: 0.026 + rand() * 0.012,
    font: pick(['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono']),
    seed: i + 1,
  };
  planted.push({ file: join(OUT, `${String(i).padStart(5, '0')}.jpg`), container: c, iban, phone: p.e164, lines, look });
}
const toRender = planted.filter((p) => !existsSync(p.file));
if (toRender.length) {
  const CHROMIUM = process.env.CLEW_CHROMIUM ?? '/usr/bin/chromium';
  console.log(`rendering ${toRender.length} images ${width}×${height} with ${CHROMIUM}…`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width, height } });
  await page.route('**/*', (route) => route.abort('blockedbyclient'));
  for (const p of toRender) {
    await page.setContent(photoHtml(p.lines, p.look), { waitUntil: 'load' });
    writeFileSync(p.file, await page.screenshot({ type: 'jpeg', quality: 82 }));
  }
  await browser.close();
}
writeFileSync(join(OUT, 'planted.json'), JSON.stringify(planted.map(({ look: _l, ...p }) => p), null, 1));

// clew.
const t0 = performance.now();
const results = await recogniseImages(engine, planted.map((p) => ({ image: { path: p.file }, languages: ['sr'] })), { concurrency: 2 });
const clewS = (performance.now() - t0) / 1000;

const found = { container: 0, iban: 0, phone: 0 };
let failed = 0;
let confSum = 0;
let confN = 0;
const misses = [];
results.forEach((r, i) => {
  const p = planted[i];
  if (r.failed) failed++;
  if (r.confidence !== null) {
    confSum += r.confidence;
    confN++;
  }
  const has = {
    container: containerExtractor.extract(r.text, {}).some((m) => m.value === p.container),
    iban: ibanExtractor.extract(r.text, {}).some((m) => m.value === p.iban),
    phone: phoneExtractor.extract(r.text, { defaultRegion: 'RS' }).some((m) => m.value === p.phone),
  };
  for (const k of Object.keys(found)) if (has[k]) found[k]++;
  if ((!has.container || !has.iban || !has.phone) && misses.length < 6) misses.push({ file: p.file, has, text: r.text.replace(/\n+/g, ' ⏎ ') });
});

// Baseline: bare tesseract, same languages, 2 processes, plain text.
function bare(file) {
  return new Promise((resolve, reject) => {
    const c = spawn(engine.binary, [file, 'stdout', '-l', langs.join('+')], { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    c.on('error', reject);
    c.on('close', resolve);
  });
}
const subset = planted.slice(0, nBaseline);
const b0 = performance.now();
let next = 0;
await Promise.all([0, 1].map(async () => {
  while (next < subset.length) await bare(subset[next++].file);
}));
const bareS = (performance.now() - b0) / 1000;
const clewSubsetRate = count / clewS;
const bareRate = nBaseline / bareS;

const pct = (n) => `${((100 * n) / count).toFixed(1)} %`;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const load = loadavg().map((x) => x.toFixed(1)).join(' / ');
const dataVersion = engine.languages.find((l) => l.code === 'srp')?.version ?? 'unknown';
console.log(`tesseract ${engine.version} (data ${dataVersion}), langs ${langs.join('+')}, ${count} images ${width}×${height}, 2 processes`);
console.log(`clew recogniseImages: ${clewS.toFixed(1)} s, ${clewSubsetRate.toFixed(2)} images/s, failed ${failed}, mean word confidence ${(confSum / Math.max(1, confN)).toFixed(1)}`);
console.log(`baseline bare tesseract (${nBaseline} images): ${bareS.toFixed(1)} s, ${bareRate.toFixed(2)} images/s`);
console.log(`recall: container ${found.container}/${count} (${pct(found.container)}), IBAN ${found.iban}/${count} (${pct(found.iban)}), phone ${found.phone}/${count} (${pct(found.phone)})`);
for (const m of misses) console.log(`  miss ${JSON.stringify(m.has)} ${m.file}: ${m.text.slice(0, 200)}`);
console.log(`load average ${load}`);

if (write) {
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const md = `
## OCR: ${count} phone-camera-like photos with Tesseract (issue 23 part 3), ${when} UTC

\`node bench/ocr/bench.mjs --count ${count} --width ${width} --height ${height} --baseline ${nBaseline}\`: JPEG photos of a paper note
rendered by Chromium (rotated ±5°, perspective ±18°, blur 0–1 px, noise, uneven light; DejaVu Sans, Serif or Mono;
40 % with Cyrillic lines), each with a random valid container number, Serbian IBAN and Serbian mobile number.
Tesseract ${engine.version}, data ${dataVersion}, languages ${langs.join('+')} (as chosen for Serbian messages);
2 processes, one thread each. ${cpu}, 2 cores (shared with other agents), Node ${process.version};
load average ${load} (compare the ratio, not seconds).

| run | images | seconds | images/s | vs baseline |
|---|---:|---:|---:|---:|
| baseline: bare \`tesseract IMG stdout\`, plain text | ${nBaseline} | ${bareS.toFixed(1)} | ${bareRate.toFixed(2)} | 1.00× |
| clew \`recogniseImages\` (checks, stdin, TSV + confidences, time limit) | ${count} | ${clewS.toFixed(1)} | ${clewSubsetRate.toFixed(2)} | ${(bareRate / clewSubsetRate).toFixed(2)}× time |

Recall of the planted values, found by clew's extractors in the OCR text: container numbers ${found.container}/${count}
(${pct(found.container)}), IBANs ${found.iban}/${count} (${pct(found.iban)}), phone numbers ${found.phone}/${count} (${pct(found.phone)}).
Failed images: ${failed}. Mean word confidence ${(confSum / Math.max(1, confN)).toFixed(1)}.
`;
  appendFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
  console.log('appended to bench/RESULTS.md');
}
