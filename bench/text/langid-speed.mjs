// Language identification speed, before (a copy of dist/ from before a change, default bench/out/dist-before) vs
// this build, in one process, on 20k generated-case messages: the detector alone and the whole analyser
// (detector + extraction), CPU µs per message, best of 5 interleaved runs.
//   cp -r dist bench/out/dist-before   # on the old build; then rebuild and:
//   node bench/text/langid-speed.mjs [--before DIR]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf('--before');
const A = resolve(i >= 0 ? process.argv[i + 1] : join(here, '../out/dist-before'));
const B = resolve(join(here, '../../dist'));
const { generateCase } = await import(pathToFileURL(`${B}/synth/index.js`).href);
const messages = [];
for (const ch of generateCase({ messages: 20000, seed: 7 }).chunks(() => {})) for (const l of ch.data.toString('utf8').split('\n')) { if (!l.includes('"type":"message"')) continue; const o = JSON.parse(l); if (typeof o.body === 'string') messages.push(o.body); }
const da = await (await import(pathToFileURL(`${A}/text/lang/detect.js`).href)).loadLanguageDetector();
const db = await (await import(pathToFileURL(`${B}/text/lang/detect.js`).href)).loadLanguageDetector();
const aa = await (await import(pathToFileURL(`${A}/text/analyse.js`).href)).createAnalyser({ defaultRegion: 'RS' });
const ab = await (await import(pathToFileURL(`${B}/text/analyse.js`).href)).createAnalyser({ defaultRegion: 'RS' });
const conv = messages.map((_, i) => `c${(i * 7919) % 500}`);
const best = { da: 1e9, db: 1e9, aa: 1e9, ab: 1e9 };
const t = (fn) => { const c0 = process.cpuUsage(); for (let i = 0; i < messages.length; i++) fn(messages[i], i); const c = process.cpuUsage(c0); return (c.user + c.system) / messages.length; };
for (let r = 0; r < 5; r++) {
  best.da = Math.min(best.da, t((m) => da.detect(m)));
  best.db = Math.min(best.db, t((m) => db.detect(m)));
  best.aa = Math.min(best.aa, t((m, i) => aa.analyse(m, conv[i])));
  best.ab = Math.min(best.ab, t((m, i) => ab.analyse(m, conv[i])));
}
console.log(`detector µs/msg before ${best.da.toFixed(2)} after ${best.db.toFixed(2)} (${(best.db / best.da).toFixed(2)}×); analyser before ${best.aa.toFixed(2)} after ${best.ab.toFixed(2)} (${(best.ab / best.aa).toFixed(2)}×)`);
