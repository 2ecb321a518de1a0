import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClewRecord } from '../../../model/records.js';
import { collect, records, sourceFromBytes } from '../csv/test-support/source.js';
import { ufedParser } from '../ufed/parser.js';
import { fileSource } from '../whatsapp/filesource.js';
import { caseBundle } from './bundle.js';
import { JsonLdContext, shortName } from './context.js';
import { caseUcoParser } from './parser.js';
import { CLASSES, CO, expandedTerms, PROPERTIES, undeclared } from './test-support/vocabulary.js';


async function sample(): Promise<ClewRecord[]> {
  // the UFED fixture: every kind of record clew has, from a realistic extraction
  const rs = records(await collect(ufedParser, fileSource(join(import.meta.dirname, '../../../../test/fixtures/ufed/report.xml'), { timeZone: 'UTC' })));
  return rs.map((r) => (r.type === 'attachment' ? { ...r, content: undefined } : r)).map((r) => JSON.parse(JSON.stringify(r)) as ClewRecord);
}

/** Every class and property a bundle uses, as `module:Local` (or `?iri` outside UCO/CASE). */
function terms(bundle: { '@context': unknown; '@graph': unknown[] }): { classes: Set<string>; properties: Set<string> } {
  const ctx = new JsonLdContext(bundle['@context']);
  const classes = new Set<string>();
  const properties = new Set<string>();
  const walk = (v: unknown, isValue: boolean): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, isValue));
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const valueObject = '@value' in o;
    for (const [k, x] of Object.entries(o)) {
      if (k === '@type') {
        // a node's class; the @type of a value object is a datatype, not checked here
        if (!valueObject) for (const t of Array.isArray(x) ? x : [x]) classes.add(shortName(ctx.expand(t as string)) ?? `?${t as string}`);
        continue;
      }
      if (k.startsWith('@')) continue;
      properties.add(shortName(ctx.expand(k)) ?? `?${k}`);
      walk(x, true);
    }
    void isValue;
  };
  walk(bundle['@graph'], false);
  return { classes, properties };
}

describe('records to a CASE bundle', () => {
  it('uses only classes and properties that UCO 1.x declares', async () => {
    const b = caseBundle(await sample());
    const { classes, properties } = terms(b);
    expect([...classes].filter((c) => !CLASSES.has(c.replace(/^(\w+):/, '$1:')))).toEqual([]);
    expect([...properties].filter((p) => !PROPERTIES.has(p) && !CO.has(p))).toEqual([]);
    // the check can fail: a made-up term is caught
    const bad = { ...b, '@graph': [...b['@graph'], { '@id': 'kb:x', '@type': 'uco-observable:Messagee', 'uco-observable:messageTxt': 'x' }] };
    const t = terms(bad);
    expect([...t.classes].filter((c) => !CLASSES.has(c))).toEqual(['observable:Messagee']);
    expect([...t.properties].filter((p) => !PROPERTIES.has(p) && !CO.has(p))).toEqual(['observable:messageTxt']);
  });

  it('expanded by a JSON-LD processor (jsonld.js), names only UCO terms', async () => {
    const t = await expandedTerms(caseBundle(await sample()));
    expect(t.nodes).toBeGreaterThan(20);
    expect(undeclared(t)).toEqual({ classes: [], properties: [] });
  });

  it('keeps system events: kind, text, time, actor, subject and thread', async () => {
    const A = 'whatsapp:Ana Primer';
    const B = 'phone:+381642222222';
    const rs: ClewRecord[] = [
      { type: 'conversation', ref: 'g', title: 'Grupa', members: [A, B] },
      { type: 'event', kind: 'added', ts: Date.UTC(2021, 0, 1), tzOffset: 0, actor: A, subject: B, conversation: 'g', text: 'Ana added +381 64 2222222' },
      { type: 'event', kind: 'security_code_changed', ts: Date.UTC(2021, 0, 2), tzOffset: 0, subject: B, text: 'code changed' },
    ];
    const bundle = caseBundle(rs);
    expect(undeclared(await expandedTerms(bundle))).toEqual({ classes: [], properties: [] });
    const back = records(await collect(caseUcoParser, sourceFromBytes(JSON.stringify(bundle), 'b.jsonld', { timeZone: 'UTC' })));
    const conv = back.find((r) => r.type === 'conversation');
    const events = back.filter((r) => r.type === 'event');
    expect(events).toEqual([
      { type: 'event', kind: 'added', ts: Date.UTC(2021, 0, 1), tzOffset: 0, actor: A, subject: B, conversation: conv?.type === 'conversation' ? conv.ref : 'missing', text: 'Ana added +381 64 2222222' },
      { type: 'event', kind: 'security_code_changed', ts: Date.UTC(2021, 0, 2), tzOffset: 0, subject: B, text: 'code changed' },
    ]);
  });

  it('keeps whose address book a contact is in, and text-message call records', async () => {
    const rs: ClewRecord[] = [
      { type: 'contact', owner: 'phone:+381641111111', contact: 'phone:+381642222222', name: 'Kum' },
      { type: 'call', from: 'phone:+381641111111', to: 'phone:+381642222222', ts: Date.UTC(2021, 0, 1), tzOffset: 0, duration: 0, channel: 'sms' },
      { type: 'call', from: 'phone:+381642222222', to: 'phone:+381641111111', ts: Date.UTC(2021, 0, 2), tzOffset: 0, duration: 30 },
    ];
    const back = records(await collect(caseUcoParser, sourceFromBytes(JSON.stringify(caseBundle(rs)), 'b.jsonld', { timeZone: 'UTC' })));
    expect(back.filter((r) => r.type === 'contact')).toEqual([{ type: 'contact', owner: 'phone:+381641111111', contact: 'phone:+381642222222', name: 'Kum' }]);
    expect(back.flatMap((r) => (r.type === 'call' ? [r.channel] : []))).toEqual(['sms', 'call']);
  });

  it('round-trips through the CASE reader: same messages, calls, contacts, locations, files and devices', async () => {
    const orig = await sample();
    const bundle = caseBundle(orig);
    const back = records(await collect(caseUcoParser, sourceFromBytes(JSON.stringify(bundle), 'export.jsonld', { timeZone: 'UTC' })));
    const project = (rs: ClewRecord[]) => ({
      messages: rs.flatMap((r) => (r.type === 'message' ? [[r.from, [...r.to].sort(), r.channel, r.body, r.ts, r.subject ?? null]] : [])).map((x) => JSON.stringify(x)).sort(),
      calls: rs.flatMap((r) => (r.type === 'call' ? [[r.from, r.to, r.ts, r.duration]] : [])).map((x) => JSON.stringify(x)).sort(),
      contacts: rs.flatMap((r) => (r.type === 'contact' ? [[r.contact, r.name]] : [])).map((x) => JSON.stringify(x)).sort(),
      locations: rs.flatMap((r) => (r.type === 'location' ? [[r.lat, r.lon]] : [])).map((x) => JSON.stringify(x)).sort(),
      files: rs.flatMap((r) => (r.type === 'attachment' ? [[r.filename, r.sha256 ?? null, r.size ?? null, r.takenAt ?? null]] : [])).map((x) => JSON.stringify(x)).sort(),
      devices: rs.flatMap((r) => (r.type === 'device' ? [[r.account, r.identifiers.imei ?? null]] : [])).map((x) => JSON.stringify(x)).sort(),
      threads: rs.flatMap((r) => (r.type === 'conversation' ? [[r.title ?? null, [...(r.members ?? [])].sort()]] : [])).map((x) => JSON.stringify(x)).sort(),
    });
    const a = project(orig);
    const b = project(back);
    expect(b.messages).toEqual(a.messages);
    expect(b.calls).toEqual(a.calls);
    expect(b.contacts).toEqual(a.contacts);
    expect(b.files).toEqual(a.files);
    expect(a.files.some((f) => !f.endsWith(',null]'))).toBe(true); // a photo with its capture time went through
    expect(b.devices).toEqual(a.devices);
    expect(b.threads).toEqual(a.threads);
    // locations: the exif and device ones (shared locations belong to messages, not exported alone)
    expect(b.locations).toEqual(a.locations);
    // messages keep their thread
    const conv = back.find((r) => r.type === 'conversation' && r.title === 'Posao 🚤');
    expect(back.filter((r) => r.type === 'message' && conv && r.conversation === (conv.type === 'conversation' ? conv.ref : ''))).toHaveLength(2);
  });

  it('is deterministic: the same records give the same bundle', async () => {
    const rs = await sample();
    expect(JSON.stringify(caseBundle(rs))).toBe(JSON.stringify(caseBundle(rs)));
  });
});
