#!/usr/bin/env node
// Where an inflected-lemma search's time goes (issue 18), on the case stem-search-bench.mjs keeps (run it first):
//   node bench/text/lemma-profile.mjs [--messages 1000000] [--words kafa,brod] [--n 15]
// Per word, medians over n: the query's alternatives (parsed, kept after the vocabulary look-ups) and its
// FTS5 expression; parsing the first time (nothing remembered), again, and without stems; the look-ups; the
// page query alone (ids only, and with the messages) on the stemmed index and on the old one; the page's
// distinct senders (one account read each); store.search on both. Documents per kept token vs the old token.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BENCH_OUT, opt, ROOT } from '../common.mjs';

const dir = join(BENCH_OUT, 'stem', opt('messages', '1000000'));
const N = Number(opt('n', '15'));
const { openCase } = await import(join(ROOT, 'dist', 'api', 'case.js'));
const { parseQuery, forgetQueryExpansions } = await import(join(ROOT, 'dist', 'text', 'query', 'parse.js'));
const { toFts } = await import(join(ROOT, 'dist', 'store', 'sqlite', 'fts.js'));
const storeS = await openCase(join(dir, 'stemmed.clew'), { readonly: true });
const storeP = await openCase(join(dir, 'plain.clew'), { readonly: true });
const langs = (await storeS.languages()).flatMap((l) => (l.lang ? [l.lang] : []));
const dbS = new Database(join(dir, 'stemmed.clew'), { readonly: true });
const dbP = new Database(join(dir, 'plain.clew'), { readonly: true });
const words = opt('words', 'kafa,paket,kontejner,novac,brod,pakket,haven,livraison,paquete,package,شحنة,broj,luka,sutra').split(',');
const page = 'SELECT m.id, m.ts, m.sender, m.conversation_id, m.body, m.subject FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ? AND f.rowid < ? ORDER BY f.rowid DESC LIMIT ?';
const idsOnly = 'SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?';
const [stS, stP, iS, iP] = [dbS.prepare(page), dbP.prepare(page), dbS.prepare(idsOnly), dbP.prepare(idsOnly)];
const count = (db, fts) => db.prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?').pluck().get(fts);
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const T = async (f) => {
  const xs = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await f();
    xs.push(performance.now() - t0);
  }
  return +med(xs).toFixed(3);
};
const vocab = storeS.ftsVocabulary();
for (const w of words) {
  const qs = parseQuery(w, 'folded', { langs });
  const qp = parseQuery(w, 'folded', { langs: [] });
  const pruned = vocab.prune(qs.text);
  const [fts, ftsP] = [toFts(pruned), toFts(qp.text)];
  const kept = [pruned.tokens[0], ...(pruned.alternatives ?? [])];
  const senders = (st, e) => new Set(st.all(e, Number.MAX_SAFE_INTEGER, 21).map((r) => r.sender)).size;
  const r = {
    alternatives: (qs.text.alternatives?.length ?? 0) + 1,
    kept: kept.length,
    parseFirst: await T(() => (forgetQueryExpansions(), parseQuery(w, 'folded', { langs }))),
    parseAgain: await T(() => parseQuery(w, 'folded', { langs })),
    parseUnstemmed: await T(() => parseQuery(w, 'folded', { langs: [] })),
    lookUps: await T(() => vocab.prune(qs.text)),
    idsS: await T(() => iS.all(fts, Number.MAX_SAFE_INTEGER, 21)),
    idsP: await T(() => iP.all(ftsP, Number.MAX_SAFE_INTEGER, 21)),
    pageS: await T(() => stS.all(fts, Number.MAX_SAFE_INTEGER, 21)),
    pageP: await T(() => stP.all(ftsP, Number.MAX_SAFE_INTEGER, 21)),
    sendersS: senders(stS, fts),
    sendersP: senders(stP, ftsP),
    storeS: await T(() => storeS.search(qs, { limit: 20 })),
    storeP: await T(() => storeP.search(qp, { limit: 20 })),
  };
  console.log(w, JSON.stringify(r), 'documents', kept.map((t) => count(dbS, `"${t}"`)).join('+'), 'vs', count(dbP, ftsP));
  console.log('   ', fts.replace(/\uE000/g, '§'));
}
for (const s of [storeS, storeP]) await s.close();
