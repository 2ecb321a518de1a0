import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import type { AccountView, CallView, MessageView } from '../store/types.js';
import { durationText, itemCount, renderReport, type ReportContent } from './html.js';
import { MANIFEST_FORMAT, REPORT_FORMAT_VERSION, sealManifest } from './manifest.js';

const elements = (n: ChildNode): Element[] => ('children' in n ? [...(n.type === 'tag' || n.type === 'script' || n.type === 'style' ? [n as Element] : []), ...n.children.flatMap(elements)] : []);

/** Every element and attribute the report's templates write: anything else came from the data. */
const ELEMENTS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'p', 'code', 'span', 'bdi', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'nav', 'a', 'b', 'div', 'pre', 'br', 'svg', 'g', 'rect', 'text', 'line', 'circle']);
const ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'dir', 'title', 'role', 'viewbox', 'width', 'height', 'x', 'y', 'text-anchor', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'stroke-width']);

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('<script>', '</style>', '<img src=x onerror=alert(1)>', '"', "'", '&', '\u202e', '\u2067', '\u0000', '<!--', 'a', ' ', '\n', '</pre>', '</bdi>', 'javascript:'), { maxLength: 12 }).map((a) => a.join('')),
);

const account = (ref: string, name: string): AccountView => ({ id: 1, ref, platform: 'skyecc', handle: ref, kind: null, displayName: name });

function message(id: number, body: string, name: string): MessageView {
  return {
    id,
    ts: 1_614_592_800_000 + id,
    tzOffset: 60,
    tsLocal: null,
    channel: 'chat',
    sender: account(`skyecc:${name.slice(0, 5)}`, name),
    recipients: [account('skyecc:B', body.slice(0, 8))],
    conversationId: 4,
    conversationTitle: name,
    body,
    subject: body.length % 2 ? body : null,
    flags: { edited: false, deleted: false },
    duplicateOf: null,
    duplicates: [],
    lang: null,
    attachments: [{ filename: name, mime: body.slice(0, 10), size: 3, sha256: null, takenAt: body.slice(0, 25) || null }],
    provenance: { sourceId: 1, path: '/x', sha256: 'a'.repeat(64), format: 'canonical', locator: { line: 2, entry: name, path: body.slice(0, 20) } },
  };
}

function callOf(id: number, name: string, locatorPath: string): CallView {
  return {
    id,
    ts: 1_614_592_860_000 + id,
    tzOffset: -300,
    tsLocal: null,
    channel: 'call',
    caller: account(`skyecc:${name.slice(0, 5)}`, name),
    callee: { ...account('skyecc:B', locatorPath.slice(0, 8)), label: name },
    duration: id === 9 ? 74 : 0,
    lat: id === 9 ? 42.1 : null,
    lon: id === 9 ? 19.1 : null,
    duplicateOf: null,
    provenance: { sourceId: 2, path: '/calls', sha256: 'c'.repeat(64), format: 'canonical', locator: { line: 3, path: locatorPath } },
  };
}

describe('renderReport', () => {
  it('whatever the case and the analyst wrote, the report has only its own elements and attributes, and no script', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (body, name, note, commentary) => {
        const m = sealManifest({
          format: MANIFEST_FORMAT,
          version: REPORT_FORMAT_VERSION,
          case: { kind: 'sqlite', name, locator: name },
          clew: { version: '0.1.0', commit: 'unknown' },
          introduction: commentary,
          selection: { tag: note.slice(0, 200), itemsFile: null },
          queries: [commentary],
          context: { before: 1, after: 1 },
          items: [
            { type: 'message', id: 7, commentary },
            { type: 'call', id: 9, commentary: name },
          ],
          figures: [{ kind: 'rank', measure: 'pagerank', top: 5, scope: name, seed: 1, samples: 512 }],
          sources: [],
          annotations: [],
        });
        const content: ReportContent = {
          figures: [
            {
              heading: name,
              parameters: [{ name: body, value: note }],
              columns: ['#', name],
              rows: [[['1'], [body, name]], [['2'], [note]]],
              chart: { title: name, bars: [{ label: body, value: 2 }, { label: note, value: 1 }] },
              graph: { title: note, seed: 3, nodes: [{ label: name, ring: 0 }, { label: body, ring: 1 }, { label: note, ring: 2 }], edges: [{ a: 0, b: 1, weight: 4 }, { a: 1, b: 2, weight: 1 }], of: { nodes: 9, edges: 12 } },
            },
          ],
          sources: [{ id: 1, name, size: 10, sha256: 'a'.repeat(64), format: name, status: 'complete', startedAt: 0, finishedAt: 1, records: 1, timeZone: name, onDisk: { status: 'changed', sha256: 'b'.repeat(64) } }],
          items: [
            {
              message: message(7, body, name),
              thread: { messages: [message(6, note, body), message(7, body, name)], moreBefore: true, moreAfter: false, title: name },
              raw: { text: body, unavailable: null },
              annotations: [
                { kind: 'note', value: note, by: name, at: 5 },
                { kind: 'tag', value: name, by: note, at: 6 },
                { kind: 'star', value: '', by: body, at: 7 },
              ],
            },
            {
              call: callOf(9, name, body),
              context: {
                entries: [
                  { kind: 'message', message: message(6, note, body) },
                  { kind: 'call', call: callOf(9, name, body) },
                  { kind: 'call', call: callOf(10, body, note) },
                ],
                moreBefore: false,
                moreAfter: true,
              },
              raw: { text: null, unavailable: body },
              annotations: [{ kind: 'tag', value: note, by: name, at: 8 }],
            },
          ],
        };
        const html = renderReport(m, content);
        const els = elements(parseDocument(html) as unknown as ChildNode);
        for (const e of els) {
          expect(ELEMENTS.has(e.name), e.name).toBe(true);
          for (const a of Object.keys(e.attribs)) expect(ATTRIBUTES.has(a), a).toBe(true);
          if (e.attribs.href !== undefined) expect(e.attribs.href).toMatch(/^#item-\d+$/);
        }
        expect(els.filter((e) => e.name === 'style')).toHaveLength(1);
        expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
        // pure: the same input, the same bytes
        expect(renderReport(m, content)).toBe(html);
      }),
      { numRuns: 200 },
    );
  });

  it('a call item: its parties, time, duration, direction, provenance, raw record and its context between the two parties', () => {
    const m = sealManifest({
      format: MANIFEST_FORMAT,
      version: REPORT_FORMAT_VERSION,
      case: { kind: 'sqlite', name: 'c', locator: 'c.clew' },
      clew: { version: '0.1.0', commit: 'unknown' },
      introduction: null,
      selection: { tag: 'dokaz', itemsFile: null },
      queries: [],
      context: { before: 1, after: 1 },
      items: [{ type: 'call', id: 9, commentary: 'the call <b>before</b>' }],
      figures: [],
      sources: [],
      annotations: [],
    });
    const call = callOf(9, '<script>Kum</script>', '$.calls[0]');
    const html = renderReport(m, {
      figures: [],
      sources: [],
      items: [{ call, context: { entries: [{ kind: 'message', message: message(6, 'zovi me', 'Brat') }, { kind: 'call', call }], moreBefore: true, moreAfter: false }, raw: { text: '{"type":"call"}', unavailable: null }, annotations: [] }],
    });
    const doc = parseDocument(html) as unknown as ChildNode;
    const item = elements(doc).find((e) => e.attribs.class === 'item')!;
    const text = (n: ChildNode): string => (n.type === 'text' ? (n as unknown as { data: string }).data : 'children' in n ? n.children.map(text).join('') : '');
    const t = text(item);
    for (const want of [
      'Item 1: call 9',
      'the call <b>before</b>',
      'Started2021-03-01 10:01:00Z (caller\'s time 2021-03-01 05:01:00-05:00)',
      'Caller<script>Kum</script> <skyecc:<scri>',
      'Duration1 min 14 s (74 s)',
      'Position42.10000, 19.10000',
      `SHA-256 at ingest${'c'.repeat(64)}`,
      'Locatorline 3, JSON $.calls[0]',
      '{"type":"call"}',
      '… earlier calls and messages not shown',
      'context · message 6',
      '▶ CITED · call 9',
    ])
      expect(t).toContain(want);
    expect(html).not.toContain('<script>Kum');
    expect(text(doc)).toContain('1 call: the messages and calls tagged dokaz');
  });

  it('counts items and writes durations without locale', () => {
    expect(itemCount([{ type: 'message' }, { type: 'message' }])).toBe('2 messages');
    expect(itemCount([{ type: 'call' }])).toBe('1 call');
    expect(itemCount([{ type: 'message' }, { type: 'call' }, { type: 'call' }])).toBe('1 message and 2 calls');
    expect([durationText(0), durationText(59), durationText(74), durationText(3605), durationText(2.5)]).toEqual(['unanswered (0 s)', '59 s', '1 min 14 s (74 s)', '1 h 0 min 5 s (3605 s)', '3 s (2.5 s)']);
  });
});
