import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import type { AccountView, MessageView } from '../store/types.js';
import { renderReport, type ReportContent } from './html.js';
import { MANIFEST_FORMAT, REPORT_FORMAT_VERSION, sealManifest } from './manifest.js';

const elements = (n: ChildNode): Element[] => ('children' in n ? [...(n.type === 'tag' || n.type === 'script' || n.type === 'style' ? [n as Element] : []), ...n.children.flatMap(elements)] : []);

/** Every element and attribute the report's templates write: anything else came from the data. */
const ELEMENTS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'p', 'code', 'span', 'bdi', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'nav', 'a', 'b', 'div', 'pre', 'br', 'svg', 'g', 'rect', 'text']);
const ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'dir', 'title', 'role', 'viewbox', 'width', 'height', 'x', 'y', 'text-anchor']);

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
    attachments: [{ filename: name, mime: body.slice(0, 10), size: 3, sha256: null }],
    provenance: { sourceId: 1, path: '/x', sha256: 'a'.repeat(64), format: 'canonical', locator: { line: 2, entry: name, path: body.slice(0, 20) } },
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
          items: [{ type: 'message', id: 7, commentary }],
          figures: [{ kind: 'rank', measure: 'pagerank', top: 5, scope: name, seed: 1, samples: 512 }],
          sources: [],
          annotations: [],
        });
        const content: ReportContent = {
          figures: [{ heading: name, parameters: [{ name: body, value: note }], columns: ['#', name], rows: [[['1'], [body, name]], [['2'], [note]]], chart: { title: name, bars: [{ label: body, value: 2 }, { label: note, value: 1 }] } }],
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
});
