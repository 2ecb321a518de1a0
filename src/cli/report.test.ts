import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withCase } from '../api/case.js';
import { ingestFile } from '../api/ingest.js';
import { search } from '../api/search.js';
import { jsonl, msg, useTmp } from '../api/test-support/tmp.js';
import { revealBidi } from '../text/display/bidi.js';
import { runCli as run } from './test-support/run.js';

const tmp = useTmp();
afterEach(() => vi.restoreAllMocks());

const SCRIPT = '<script>window.__xss=1</script> kafa';
const STYLE = '</style><img src=x onerror=window.__xss=2> kafa';
const RLO = 'kafa \u202egpj.exe\u202c ‮ stiže';
const ARABIC = 'الشحنة وصلت kafa';

/** A case whose bodies, names and file name are hostile; returns the ids of its messages, oldest first. */
async function hostileCase(dir: string): Promise<{ casePath: string; src: string; ids: number[]; sha: string }> {
  const src = join(dir, 'src <b onclick=x>.jsonl');
  writeFileSync(
    src,
    jsonl([
      { type: 'account', ref: 'skyecc:AAA111', kind: 'pin', display_name: '<i onmouseover=alert(1)>Kum</i>' },
      { type: 'account', ref: 'skyecc:BBB222', kind: 'pin', display_name: 'أبو خالد' },
      msg('skyecc:AAA111', 'skyecc:BBB222', '2021-03-01T10:00:00Z', 'dobro jutro', { conversation: 'chat-1' }),
      msg('skyecc:BBB222', 'skyecc:AAA111', '2021-03-01T10:01:00Z', SCRIPT, { conversation: 'chat-1' }),
      msg('skyecc:AAA111', 'skyecc:BBB222', '2021-03-01T10:02:00Z', STYLE, { conversation: 'chat-1' }),
      msg('skyecc:BBB222', 'skyecc:AAA111', '2021-03-01T10:03:00Z', RLO, { conversation: 'chat-1' }),
      msg('skyecc:AAA111', 'skyecc:BBB222', '2021-03-01T10:04:00Z', ARABIC, { conversation: 'chat-1' }),
      msg('skyecc:BBB222', 'skyecc:AAA111', '2021-03-01T10:05:00Z', 'laku noć', { conversation: 'chat-1' }),
    ]),
  );
  const casePath = join(dir, 'c.clew');
  await withCase(casePath, { create: true, threadedWriter: false }, (s) => ingestFile(s, src, { analyse: false, timeZone: 'Europe/Belgrade' }));
  const hits = await withCase(casePath, { readonly: true }, (s) => search(s, { query: 'after:2000-01-01', limit: 20 }));
  const ids = hits.hits.sort((a, b) => a.ts - b.ts).map((h) => h.id);
  return { casePath, src, ids, sha: createHash('sha256').update(readFileSync(src)).digest('hex') };
}

const elements = (n: ChildNode): Element[] => ('children' in n ? [...(n.type === 'tag' || n.type === 'script' || n.type === 'style' ? [n as Element] : []), ...n.children.flatMap(elements)] : []);
const textOf = (n: ChildNode): string => (n.type === 'text' ? (n as unknown as { data: string }).data : 'children' in n ? n.children.map(textOf).join('') : '');

/** The report's elements and its text, as a browser's parser sees them. */
function parse(html: string) {
  const doc = parseDocument(html);
  const els = elements(doc as unknown as ChildNode);
  return { els, text: textOf(doc as unknown as ChildNode), items: els.filter((e) => e.name === 'section' && e.attribs.class === 'item') };
}

describe('clew report', () => {
  it('reports tagged messages with provenance, raw record, thread and annotations; hostile text stays inert; the manifest rebuilds it byte for byte', async () => {
    const dir = tmp();
    const { casePath, ids, sha } = await hostileCase(dir);
    const cited = [ids[1]!, ids[3]!, ids[2]!];
    for (const id of cited) expect((await run(['tag', 'add', '--case', casePath, '--author', '<b>ana</b>', `message:${id}`, 'evidence'])).code).toBe(0);
    expect((await run(['note', 'add', '--case', casePath, '--author', 'marko', `message:${ids[1]}`, '</style><script>window.__xss=3</script> brat'])).code).toBe(0);
    expect((await run(['star', 'add', '--case', casePath, '--author', 'ana', `message:${ids[3]}`])).code).toBe(0);

    const out = join(dir, 'report.html');
    let r = await run(['--json', 'report', '--case', casePath, '--tag', 'EVIDENCE', '--out', out, '--context', '1', '--figure', 'rank:degree:top=2', '--figure', 'rank:pagerank:seed=7:scope=tag:evidence']);
    expect(r.code, r.err).toBe(0);
    const made = JSON.parse(r.out) as { report: { sha256: string; manifest: string; manifestSha256: string; items: number } };
    expect(made.report.items).toBe(3);
    expect(made.report.manifest).toBe(join(dir, 'report.manifest.json'));
    const html = readFileSync(out, 'utf8');
    expect(createHash('sha256').update(html).digest('hex')).toBe(made.report.sha256);
    const manifest = JSON.parse(readFileSync(made.report.manifest, 'utf8')) as Record<string, unknown> & { items: { id: number }[]; sources: { sha256: string; timeZone: string }[] };
    expect(manifest.items.map((i) => i.id)).toEqual(cited);
    expect(manifest.sources[0]!.sha256).toBe(sha);
    expect(manifest.sources[0]!.timeZone).toBe('Europe/Belgrade');
    expect(manifest.reportSha256).toBe(made.report.sha256);
    expect(manifest).not.toHaveProperty('builtAt');
    expect(manifest.figures).toEqual([
      { kind: 'rank', measure: 'degree', top: 2, scope: null, seed: 1, samples: 512 },
      { kind: 'rank', measure: 'pagerank', top: 10, scope: 'tag:evidence', seed: 7, samples: 512 },
    ]);

    // inert: no script, no event handler, nothing fetched, one <style> (ours)
    const { els, text, items } = parse(html);
    expect(els.filter((e) => e.name === 'script')).toHaveLength(0);
    expect(els.filter((e) => e.name === 'style')).toHaveLength(1);
    expect(els.filter((e) => e.name === 'img' || e.name === 'i' || e.name === 'iframe')).toHaveLength(0);
    expect(els.flatMap((e) => Object.keys(e.attribs)).filter((a) => a.startsWith('on'))).toEqual([]);
    expect(els.filter((e) => e.attribs.src !== undefined || (e.attribs.href !== undefined && !e.attribs.href.startsWith('#')))).toEqual([]);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    // the hostile strings are there as text, bodies in their own direction
    for (const s of [SCRIPT, STYLE, revealBidi(RLO), '<i onmouseover=alert(1)>Kum</i>', '</style><script>window.__xss=3</script> brat', '<b>ana</b>']) expect(text).toContain(s);
    expect(els.some((e) => e.attribs.dir === 'auto' && textOf(e) === revealBidi(RLO))).toBe(true);
    // direction controls are shown as markers, never applied (bodies, names, raw records)
    expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('kafa ⟨RLO⟩gpj.exe⟨PDF⟩');

    // each cited message, in order, with its provenance, raw record, annotations and marked thread context
    expect(items).toHaveLength(3);
    cited.forEach((id, i) => {
      const t = textOf(items[i]!);
      expect(t).toContain(`Item ${i + 1}: message ${id}`);
      expect(t).toContain('src <b onclick=x>.jsonl');
      expect(t).toContain(sha);
      expect(t).toMatch(/line \d+, bytes \d+\+\d+/);
      expect(t).toContain('▶ CITED');
      expect(t).toContain('#evidence');
      expect(t).toContain('<b>ana</b>');
    });
    const first = textOf(items[0]!);
    expect(first).toContain(JSON.stringify(SCRIPT)); // the raw JSONL line, as in the file
    expect(first).toContain('dobro jutro'); // context before
    expect(first).toContain(STYLE); // context after
    expect(first).not.toContain(revealBidi(RLO)); // --context 1
    expect(first).toContain('marko');
    expect(textOf(items[1]!)).toContain('★ starred');
    expect(text).toContain('Europe/Belgrade');
    expect(text).toContain(made.report.manifestSha256);
    expect(text).toMatch(/clew \d+\.\d+\.\d+, commit ([0-9a-f]{40}|unknown)/);
    // the figures, with their parameters and the accounts ranked
    const figures = els.filter((e) => e.name === 'section' && e.attribs.class === 'figure').map(textOf);
    expect(figures).toHaveLength(2);
    expect(figures[0]).toContain('key players by degree, top 2');
    expect(figures[0]).toContain('the whole contact network');
    expect(figures[0]).toContain('<i onmouseover=alert(1)>Kum</i> <skyecc:AAA111>');
    expect(figures[1]).toMatch(/tag:evidence: tagged "evidence": the accounts of 3 messages; 2 of 2 nodes/);
    expect(figures[1]).toContain('Seed7');
    expect(figures[1]).toContain("--scope 'tag:evidence' --seed 7");
    // each with its chart, inline SVG drawn here: one bar per ranked account, names as text
    const charts = els.filter((e) => e.name === 'svg');
    expect(charts).toHaveLength(2);
    expect(elements(charts[0]!).filter((e) => e.name === 'rect')).toHaveLength(2);
    expect(elements(charts[0]!).filter((e) => e.name === 'text').map(textOf)).toContain('<i onmouseover=alert(1)>Kum</i>');

    // the manifest rebuilds the same bytes
    const again = join(dir, 'again.html');
    r = await run(['--json', 'report', '--case', casePath, '--manifest', made.report.manifest, '--out', again]);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { rebuilt: { identical: boolean; changes: string[] } }).rebuilt).toMatchObject({ identical: true, changes: [] });
    expect(readFileSync(again)).toEqual(readFileSync(out));
    // and refuses to overwrite itself
    expect((await run(['report', '--case', casePath, '--manifest', made.report.manifest, '--out', made.report.manifest])).code).toBe(2);

    // a changed annotation gives a different report, and the rebuild says what changed
    expect((await run(['note', 'add', '--case', casePath, '--author', 'ana', `message:${ids[3]}`, 'later thought'])).code).toBe(0);
    r = await run(['report', '--case', casePath, '--manifest', made.report.manifest, '--out', again]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('DIFFERS');
    expect(r.out).toContain(`the annotations on message:${ids[3]} changed`);
    expect(readFileSync(again)).not.toEqual(readFileSync(out));
    expect(readFileSync(again, 'utf8')).toContain('later thought');

    // a manifest edited by hand is refused
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, readFileSync(made.report.manifest, 'utf8').replace('"tag": "EVIDENCE"', '"tag": "innocent"'));
    r = await run(['report', '--case', casePath, '--manifest', edited, '--out', join(dir, 'x.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('was changed after it was written');
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });

  it('cites calls: --tag picks the tagged calls with the messages, --items takes call:ID; each with its parties, duration, raw record and context; the manifest rebuilds it byte for byte', async () => {
    const dir = tmp();
    const { casePath, ids } = await hostileCase(dir);
    const calls = join(dir, 'calls.jsonl');
    writeFileSync(calls, jsonl([{ type: 'call', id: 'k-1', from: 'skyecc:AAA111', to: 'skyecc:BBB222', ts: '2021-03-01T10:01:30Z', duration: 95 }]));
    await withCase(casePath, { threadedWriter: false }, (s) => ingestFile(s, calls, { analyse: false }));
    const [k] = await withCase(casePath, { readonly: true }, async (s) => s.callsOf([(await s.resolveAccounts('skyecc:AAA111'))[0]!.id], { limit: 5 }));
    expect((await run(['tag', 'add', '--case', casePath, `call:${k!.id}`, 'poziv'])).code).toBe(0);
    expect((await run(['tag', 'add', '--case', casePath, `message:${ids[0]}`, 'poziv'])).code).toBe(0);

    const out = join(dir, 'calls.html');
    let r = await run(['report', '--case', casePath, '--tag', 'poziv', '--out', out, '--context', '1']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('(1 message, 1 call,');
    const { items: sections, els } = parse(readFileSync(out, 'utf8'));
    expect(sections.map((x) => /Item \d+: (call|message) (\d+)/.exec(textOf(x))!.slice(1).join(':'))).toEqual([`call:${k!.id}`, `message:${ids[0]}`]);
    const t = textOf(sections[0]!);
    for (const want of ['Duration1 min 35 s (95 s)', 'Direction', '"id":"k-1"', 'tag #poziv', `▶ CITED · call ${k!.id}`, `context · message ${ids[1]}`, `context · message ${ids[2]}`]) expect(t).toContain(want);
    expect(t).toContain('<i onmouseover=alert(1)>Kum</i>');
    expect(els.filter((e) => e.name === 'script' || e.name === 'i')).toHaveLength(0);

    // the same report from its manifest, byte for byte
    const again = join(dir, 'again.html');
    r = await run(['--json', 'report', '--case', casePath, '--manifest', join(dir, 'calls.manifest.json'), '--out', again]);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { rebuilt: { identical: boolean } }).rebuilt.identical).toBe(true);
    expect(readFileSync(again)).toEqual(readFileSync(out));

    // an items file naming the call
    const items = join(dir, 'items.txt');
    writeFileSync(items, `${ids[2]}\ncall:${k!.id}  the call before the delivery\n`);
    r = await run(['report', '--case', casePath, '--items', items, '--out', join(dir, 'i.html')]);
    expect(r.code, r.err).toBe(0);
    const listed = parse(readFileSync(join(dir, 'i.html'), 'utf8')).items;
    expect(textOf(listed[1]!)).toContain('the call before the delivery');
  });

  it('--items FILE: order, commentary and queries; unknown ids, bad lines and a changed source file', async () => {
    const dir = tmp();
    const { casePath, src, ids, sha } = await hostileCase(dir);
    const items = join(dir, 'items.txt');
    writeFileSync(items, `# chosen\nquery: kafa from:Kum <script>x</script>\nmessage:${ids[4]}  Arabic \u202econfirms\u202c the delivery </style>\n${ids[0]}\n`);
    const out = join(dir, 'r.html');
    let r = await run(['report', '--case', casePath, '--items', items, '--out', out, '--manifest-out', join(dir, 'm.json')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('2 messages');
    const { text, items: sections, els } = parse(readFileSync(out, 'utf8'));
    expect(sections.map((s) => /message (\d+)/.exec(textOf(s))![1])).toEqual([String(ids[4]), String(ids[0])]);
    expect(text).toContain('kafa from:Kum <script>x</script>');
    expect(textOf(sections[0]!)).toContain('Arabic ⟨RLO⟩confirms⟨PDF⟩ the delivery </style>');
    expect(els.some((e) => e.attribs.class === 'commentary' && e.attribs.dir === 'auto')).toBe(true);
    expect(text).toContain('No tags, notes or star.');
    expect(els.filter((e) => e.name === 'script')).toHaveLength(0);

    // every bad line at once, with numbers; an id the case does not hold
    writeFileSync(items, `abc\ncall:5\ncall:5\n`);
    r = await run(['report', '--case', casePath, '--items', items, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 1: .*is not message:ID, call:ID.*line 3: call 5 is listed twice/);
    writeFileSync(items, `call:987654\n`);
    expect((await run(['report', '--case', casePath, '--items', items, '--out', out])).code).toBe(5);
    writeFileSync(items, `${ids[0]}\n999\n`);
    r = await run(['report', '--case', casePath, '--items', items, '--out', join(dir, 'n.html')]);
    expect(r.code).toBe(5);
    expect(existsSync(join(dir, 'n.html'))).toBe(false);
    expect((await run(['report', '--case', casePath, '--items', join(dir, 'none.txt'), '--out', out])).code).toBe(4);
    expect((await run(['report', '--case', casePath, '--tag', 'nothing', '--out', out])).code).toBe(2);
    expect((await run(['report', '--case', casePath, '--out', out])).code).toBe(2);
    r = await run(['report', '--case', casePath, '--items', items, '--out', out, '--figure', 'rank:nonsense']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('the measure is one of');
    expect((await run(['report', '--case', casePath, '--items', items, '--out', out, '--figure', 'rank:degree:top=0'])).code).toBe(2);
    expect((await run(['report', '--case', casePath, '--tag', 'a', '--items', items, '--out', out])).code).toBe(2);

    // a source file changed since ingest: the report says so with both hashes, and shows no raw bytes from it
    writeFileSync(items, `${ids[1]}\n`);
    writeFileSync(src, readFileSync(src, 'utf8').replace('dobro', 'DOBRO'));
    const now = createHash('sha256').update(readFileSync(src)).digest('hex');
    r = await run(['report', '--case', casePath, '--items', items, '--out', out]);
    expect(r.code, r.err).toBe(0);
    const changed = parse(readFileSync(out, 'utf8')).text;
    expect(changed).toContain(`The source file changed since ingest: SHA-256 at ingest ${sha}, now ${now}.`);
    expect(changed).toContain('CHANGED since ingest');
    expect(changed).not.toContain(JSON.stringify(SCRIPT));
  });
});
