import Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TextNode } from '../../text/query/ast.js';
import { indexTokens, parseQuery } from '../../text/query/parse.js';
import { stemToken } from '../../text/stem/stem.js';
import { normalise } from '../../text/normalise/normalise.js';
import { toFts } from '../sqlite/fts.js';
import { FTS_TOKENIZER } from '../sqlite/schema.js';
import { anyPhraseTsquery, lexiconTsquery, quoteLexeme, toTsquery } from './fts.js';
import { ftsVector } from './writer.js';
import { testPg } from './test-support/pg-case.js';

describe('toTsquery', () => {
  it('quotes every lexeme and puts operators only where the parsed query has them', () => {
    const none = { langs: [] };
    expect(toTsquery(parseQuery('kafa OR "novi broj"', 'folded', none).text!)).toBe("('kafa' | ('novi' <-> 'broj'))");
    expect(toTsquery(parseQuery('kont* -test', 'folded', none).text!)).toBe("(('kont':*) & !'test')");
    expect(toTsquery(parseQuery('Ђорђе', 'folded', none).text!)).toBe("'djordje'");
  });

  it('matches a word or its stem token, a phrase or its stem form, as toFts does', () => {
    const sr = { langs: ['sr'] };
    const k = stemToken('kafu', 'sr')!;
    expect(toTsquery(parseQuery('kafu', 'folded', sr).text!)).toBe(`('kafu' | '${k}')`);
    expect(toTsquery(parseQuery('kafu*', 'folded', sr).text!)).toBe(`('kafu':* | '${k.slice(0, 3)}kafu':* | '${k}':*)`);
    const [a, b] = indexTokens('kafu sutra', 'folded', { lang: 'sr' });
    expect(toTsquery(parseQuery('"kafu sutra"', 'folded', sr).text!)).toBe(`(('kafu' <-> 'sutra') | ('${a}' <-> '${b}'))`);
  });

  it('drops exclusions when an exact check applies them later, and reads NOT outside an AND as FTS5 does', () => {
    expect(toTsquery(parseQuery('a -b', 'folded', { langs: [] }).text!, true)).toBe("('a')");
    expect(toTsquery(parseQuery('a (b OR -c)', 'folded', { langs: [] }).text!)).toBe("('a' & ('b' | 'c'))");
  });

  it('refuses an AND of exclusions only (FTS5 cannot run it either)', () => {
    expect(() => toTsquery(parseQuery('a (-b -c)').text!)).toThrow(expect.objectContaining({ code: 'QUERY_SYNTAX' }) as Error);
  });

  it('builds the lexicon and statement prefilters from folded tokens', () => {
    // each token: its stem-prefix, or (a stemmed message) its stem token or that prefix in a stemmer's namespace
    const kaf = stemToken('kafa', 'sr')!;
    expect(lexiconTsquery('Kafa bela')).toMatch(/^\('kaf':\* \| .*\) & \('bel':\* \| .*\)$/u);
    expect(lexiconTsquery('Kafa')).toContain(`'${kaf}':*`);
    expect(lexiconTsquery('led je')).toMatch(/^\('led' \| .*\) & \('je'\)$/u);
    expect(lexiconTsquery('kafom')).toMatch(/^\('kaf':\* \| /u);
    expect(lexiconTsquery('!!!')).toBeNull();
    // each phrase as any language's message holds it
    const q = anyPhraseTsquery(['novi broj', 'Ђоко', '...'])!;
    expect(q.startsWith("('novi' <-> 'broj') | ")).toBe(true);
    expect(q).toContain(`('${stemToken('novi', 'sr')}' <-> '${stemToken('broj', 'sr')}')`);
    expect(q).toContain("'djoko'");
    expect(anyPhraseTsquery([])).toBeNull();
  });

  it('matches nothing for a phrase without tokens, as FTS5 matches nothing for ""', () => {
    expect(toTsquery({ kind: 'phrase', raw: '\u0301', tokens: [] })).toBe("' '");
  });

  it('escapes quotes and backslashes in a lexeme literal', () => {
    expect(quoteLexeme("a'b\\c")).toBe("'a''b\\\\c'");
  });
});

/** PostgreSQL's node count of the tsquery a parsed query compiles to (operands and operators). */
function nodes(n: TextNode, dropNegatives = false): number {
  switch (n.kind) {
    case 'term':
      return 2 * (1 + (n.alternatives?.length ?? 0)) - 1;
    case 'phrase': {
      const seqs = [n.tokens, ...(n.stemPhrases ?? [])];
      return seqs.reduce((s, t) => s + Math.max(1, 2 * t.length - 1), 0) + seqs.length - 1;
    }
    case 'or':
      return n.children.reduce((s, c) => s + nodes(c, dropNegatives), 0) + n.children.length - 1;
    case 'not':
      return nodes(n.child, dropNegatives);
    case 'and': {
      const pos = n.children.filter((c) => c.kind !== 'not');
      const neg = dropNegatives ? [] : n.children.filter((c): c is Extract<TextNode, { kind: 'not' }> => c.kind === 'not');
      return pos.reduce((s, c) => s + nodes(c, dropNegatives), 0) + pos.length - 1 + neg.reduce((s, c) => s + nodes(c.child) + 2, 0);
    }
  }
}

describe('tsquery text in PostgreSQL', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client(testPg().url);
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  // what users type: words, quotes, operators, tsquery syntax, filters and anything at all
  const piece = fc.oneof(
    fc.constantFrom('kafa', 'KAFA', 'Ђорђе', '"novi broj"', 'OR', 'AND', 'NOT', '-', '(', ')', '*', "'", "''", '\\', ':*', '&', '|', '!', '<->', '<2>', ':A', 'a:b', 'x*', '"'),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
  );
  const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(' '));

  it('runs whatever the user typed as exactly the query the parser built: no text becomes an operator', async () => {
    const samples = fc.sample(text, { numRuns: 400, seed: 15 });
    let ran = 0;
    for (const q of samples) {
      for (const mode of ['folded', 'exact'] as const) {
        let tree: TextNode | null;
        try {
          tree = parseQuery(q, mode).text;
        } catch {
          continue; // the parser refused it (QUERY_SYNTAX): nothing reaches the store
        }
        if (tree === null) continue;
        let tsq: string;
        try {
          tsq = toTsquery(tree, mode === 'exact');
        } catch (e) {
          expect((e as { code?: string }).code).toBe('QUERY_SYNTAX');
          continue;
        }
        const r = await client.query<{ n: number }>('SELECT numnode($1::tsquery) AS n', [tsq]);
        expect(r.rows[0]!.n, `${q} → ${tsq}`).toBe(nodes(tree, mode === 'exact'));
        ran++;
      }
    }
    expect(ran).toBeGreaterThan(200);
  });

  it('reads a quoted lexeme back as exactly its text, whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.oneof(fc.constantFrom("'", '\\', ':', '*', '&', '|', '!', '(', ')', ' ', '<', '>'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 20 }),
        async (token) => {
          const r = await client.query<{ hit: boolean; miss: boolean; n: number }>(
            `SELECT array_to_tsvector(ARRAY[$2::text]) @@ $1::tsquery AS hit, array_to_tsvector(ARRAY[$2::text || 'x']) @@ $1::tsquery AS miss, numnode($1::tsquery) AS n`,
            [quoteLexeme(token), token],
          );
          expect(r.rows[0]).toEqual({ hit: true, miss: false, n: 1 });
        },
      ),
      { numRuns: 200, seed: 15 },
    );
  });

  it('matches phrases in the writer\'s documents as adjacent words only, subject before body', async () => {
    const doc = ftsVector('Ponuda', 'Novi broj, stari broj: kafa');
    const q = async (tsq: string) => (await client.query<{ m: boolean }>('SELECT $1::tsvector @@ $2::tsquery AS m', [doc, tsq])).rows[0]!.m;
    expect(await q(toTsquery(parseQuery('"novi broj"').text!))).toBe(true);
    expect(await q(toTsquery(parseQuery('"ponuda novi"').text!))).toBe(true);
    expect(await q(toTsquery(parseQuery('"broj novi"').text!))).toBe(false);
    expect(await q(toTsquery(parseQuery('"stari broj kafa"').text!))).toBe(true);
    expect(await q(toTsquery(parseQuery('sta*').text!))).toBe(true);
    expect(ftsVector(null, '... !!')).toBe('');
  });

  it('finds the same documents as SQLite FTS5 for the same query', async () => {
    const words = ['kafa', 'Kafa', 'kafu', 'кафа', 'novi', 'broj', 'Đorđe', 'djordje', 'Ђорђе', 'ka', 'kontejner', 'kontejnera', 'čaj', 'caj', '1234', 'x'];
    const docs = fc.sample(fc.array(fc.constantFrom(...words, ',', '-', '.'), { minLength: 1, maxLength: 8 }).map((a) => a.join(' ')), { numRuns: 60, seed: 7 });
    const queries = fc.sample(
      fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom('OR', 'AND', '-', 'NOT', '(', ')', 'ka*', 'kon*', '"novi broj"', '"broj novi"', '"kafa novi broj"')), { minLength: 1, maxLength: 6 }).map((a) =>
        a.join(' ').replaceAll('- ', '-'),
      ),
      { numRuns: 300, seed: 8 },
    );
    const lite = new Database(':memory:');
    lite.exec(`CREATE VIRTUAL TABLE f USING fts5(text, content = '', tokenize = '${FTS_TOKENIZER}')`);
    const ins = lite.prepare('INSERT INTO f (rowid, text) VALUES (?, ?)');
    docs.forEach((d, i) => ins.run(i + 1, normalise(d)));
    const match = lite.prepare('SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid').pluck();
    await client.query('CREATE TEMP TABLE docs (id integer, v tsvector)');
    for (const [i, d] of docs.entries()) await client.query('INSERT INTO docs VALUES ($1, $2::tsvector)', [i + 1, ftsVector(null, d)]);
    let compared = 0;
    let found = 0;
    for (const q of queries) {
      let tree: TextNode | null;
      try {
        tree = parseQuery(q).text;
      } catch {
        continue;
      }
      if (tree === null) continue;
      let want: number[] | 'error';
      try {
        want = match.all(toFts(tree)) as number[];
      } catch {
        want = 'error';
      }
      let got: number[] | 'error';
      try {
        const tsq = toTsquery(tree);
        got = (await client.query<{ id: number }>('SELECT id FROM docs WHERE v @@ $1::tsquery ORDER BY id', [tsq])).rows.map((r) => r.id);
      } catch (e) {
        expect((e as { code?: string }).code).toBe('QUERY_SYNTAX');
        got = 'error';
      }
      expect(got, q).toEqual(want);
      compared++;
      if (got !== 'error' && got.length > 0 && got.length < docs.length) found++;
    }
    lite.close();
    expect(compared).toBeGreaterThan(150);
    expect(found).toBeGreaterThan(60); // many queries select some documents, not none or all
  });
});
