#!/usr/bin/env node
// Independent check of the text extractors against the synthetic case generator (src/synth, written by
// another contributor): every message with planted entities is run through `extractAll`, and each planted
// entity counts as found when a mention of the same type covers the same span (exact) or overlaps it.
// Only planted entities are labelled, so template words that are real entities ("municija", "luka" …)
// count as unplanted predictions: reported separately, not as errors.
//
//   npx tsc -p tsconfig.build.json && node bench/text/evaluate-synth.mjs [messages=20000] [seed=11] [--errors]
import { pathToFileURL } from 'node:url';
import { generateCase } from '../../dist/synth/index.js';
import { extractAll } from '../../dist/text/extract/pipeline.js';

/** Run the check; returns per-type rows and the mentions found in messages with nothing planted. */
export function runSynth(messages = 20000, seed = 11, showErrors = false) {
const c = generateCase({ messages, seed });
const planted = new Map();
const bodies = new Map();
const unplantedBodies = [];
for (const ch of c.chunks((p) => planted.set(p.message, p))) {
  for (const l of ch.data.toString('utf8').split('\n')) {
    if (!l.includes('"type":"message"')) continue;
    const o = JSON.parse(l);
    if (planted.has(o.id)) bodies.set(o.id, o.body);
    else if (typeof o.body === 'string') unplantedBodies.push(o.body);
  }
}
const stats = {};
const st = (t) => (stats[t] ??= { planted: 0, exact: 0, overlap: 0, unplanted: 0 });
const errors = [];
for (const [id, p] of planted) {
  const body = bodies.get(id);
  if (body === undefined) continue;
  const found = extractAll(body, {});
  const used = new Set();
  for (const e of p.entities) {
    const s = st(e.type);
    s.planted++;
    const k = found.findIndex((m, i) => !used.has(i) && m.type === e.type && m.start < e.end && e.start < m.end);
    if (k >= 0) {
      used.add(k);
      const m = found[k];
      if (m.start === e.start && m.end === e.end) s.exact++;
      else {
        s.overlap++;
        if (showErrors) errors.push(`SPAN ${e.type} planted ${JSON.stringify(e.raw)} found ${JSON.stringify(m.raw)}: ${body}`);
      }
    } else if (showErrors) errors.push(`MISS ${e.type} ${JSON.stringify(e.raw)} (${p.topic}): ${body}`);
  }
  found.forEach((m, i) => {
    if (!used.has(i)) st(m.type).unplanted++;
  });
}
const rows = Object.entries(stats)
  .sort()
  .map(([type, s]) => ({ type, planted: s.planted, 'recall (exact span)': s.planted ? (s.exact / s.planted).toFixed(3) : '-', 'recall (overlap)': s.planted ? ((s.exact + s.overlap) / s.planted).toFixed(3) : '-', 'unplanted predictions': s.unplanted }));
const header = `synthetic case: ${messages} messages, seed ${seed}, ${planted.size} with planted entities`;
// Messages with nothing planted (chat, background, some hard negatives): every mention is a likely false
// positive, unless the template text itself holds an entity the generator did not record.
const extra = {};
const extraSamples = [];
for (const body of unplantedBodies) {
  for (const m of extractAll(body, {})) {
    extra[m.type] = (extra[m.type] ?? 0) + 1;
    if (extraSamples.length < 300) extraSamples.push(`EXTRA ${m.type} ${JSON.stringify(m.raw)}: ${body}`);
  }
}
return { header, rows, unplanted: unplantedBodies.length, extra, errors: [...errors.slice(0, 400), ...extraSamples] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const r = runSynth(Number(args[0] ?? 20000), Number(args[1] ?? 11), process.argv.includes('--errors'));
  console.log(r.header);
  console.table(r.rows);
  console.log(`${r.unplanted} messages with nothing planted; mentions found in them (likely false positives):`, r.extra);
  if (process.argv.includes('--errors')) console.log(r.errors.join('\n'));
}
