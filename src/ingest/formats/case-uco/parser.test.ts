import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClewRecord, MessageRecord } from '../../../model/records.js';
import type { ParseItem } from '../../parser.js';
import { collect, records, rejects, sourceFromBytes } from '../csv/test-support/source.js';
import { fileSource, jsonItem } from '../whatsapp/filesource.js';
import { detectFormat } from '../index.js';
import { caseUcoParser, sniffCase } from './parser.js';

const FIX = join(import.meta.dirname, '../../../../test/fixtures/case-uco');
const EXAMPLES = ['message', 'call_log', 'sms_and_contacts', 'device', 'location', 'mobile_device_and_sim_card', 'accounts'];

async function items(name: string): Promise<ParseItem[]> {
  return collect(caseUcoParser, fileSource(join(FIX, `${name}.json`), { timeZone: 'UTC' }));
}
const warnings = (its: ParseItem[]) => its.flatMap((i) => (i.kind === 'warning' ? [{ code: i.code, message: i.message }] : []));

describe('the public CASE examples', () => {
  for (const name of EXAMPLES) {
    it(`${name}.json yields exactly the expected items`, async () => {
      const got = (await items(name)).map(jsonItem);
      const exp = join(FIX, `${name}.json.expected.json`);
      if (process.env.CLEW_UPDATE_GOLDEN === '1' || !existsSync(exp)) writeFileSync(exp, `${JSON.stringify(got, null, 1)}\n`);
      expect(got).toEqual(JSON.parse(readFileSync(exp, 'utf8')));
    });
  }

  it('are detected as case-uco', () => {
    for (const name of EXAMPLES) expect(detectFormat(readFileSync(join(FIX, `${name}.json`)).subarray(0, 65536), `${name}.json`).parser.name, name).toBe('case-uco');
  });

  it('message.json: messages with text, sender, recipients, time, thread and attachments; threads with title and members', async () => {
    const rs = records(await items('message'));
    const m = rs.find((r): r is MessageRecord => r.type === 'message' && r.body === 'Hey bud!')!;
    expect(m).toMatchObject({ from: 'whatsapp:account-3b61cb4c-f5fd-428c-80d7-79ac841a4f87', to: ['whatsapp:account-16f128ac-7e5b-4cac-908c-11062488eb06'], channel: 'chat', ts: Date.parse('2010-01-15T17:59:43.25Z'), conversation: 'case:thread-4237ff8b-e049-4a56-bcf7-e89ed2797d83' });
    expect(m.attachments).toHaveLength(3);
    expect(rs.filter((r) => r.type === 'attachment' && r.message === m.nativeId)).toHaveLength(3);
    expect(rs.find((r) => r.type === 'conversation' && r.title === 'Best Friend Chat!!')).toMatchObject({ members: ['whatsapp:account-3b61cb4c-f5fd-428c-80d7-79ac841a4f87', 'whatsapp:account-16f128ac-7e5b-4cac-908c-11062488eb06'] });
  });

  it('call_log.json: every call with caller, callee, start and duration (one record per callee)', async () => {
    const calls = records(await items('call_log')).filter((r) => r.type === 'call');
    expect(calls.map((c) => (c.type === 'call' ? [c.from, c.to, c.duration] : []))).toEqual([
      ['phone:1235551337', 'phone:1234560000', 1862],
      ['phone:1235551337', 'phone:1234560000', 1862],
      ['phone:1235551337', 'phone:1234560000', 1862],
      ['phone:1235551337', 'phone:1235550001', 1862],
      ['phone:1235551337', 'phone:1234560000', 1862],
      ['phone:1235551337', 'phone:1235550001', 1862],
      ['phone:1235551337', 'phone:1235550002', 1862],
    ]);
  });

  it('sms_and_contacts.json: the SMS and the contact under its nickname for each of its numbers and addresses', async () => {
    const rs = records(await items('sms_and_contacts'));
    expect(rs.find((r) => r.type === 'message')).toMatchObject({ channel: 'sms', from: 'phone:11235557890', to: ['phone:1237771337'], body: 'Yo dude! This is my new number.' });
    expect(rs.filter((r) => r.type === 'contact').map((r) => (r.type === 'contact' ? [r.contact, r.name] : []))).toEqual([
      ['phone:1237771337', 'BFF Joe'],
      ['phone:1234560000', 'BFF Joe'],
      ['email:jdoe@example.com', 'BFF Joe'],
    ]);
  });

  it('mobile_device_and_sim_card.json: the phone bound to its MSISDN account with IMEI, SIM (ICCID, IMSI, carrier) and addresses', async () => {
    const dev = records(await items('mobile_device_and_sim_card')).find((r) => r.type === 'device');
    expect(dev).toEqual({
      type: 'device',
      account: 'phone:31618300XXX',
      identifiers: { device_type: 'Smart_Phone', manufacturer: 'Apple', model: 'MG472ZD/A', serial: 'F17RN4DXXXXX', imei: '35540607448XXXX', bluetooth_mac: 'DC:41:5F:44:48:24', wifi_mac: 'DC:41:5F:44:48:25', iccid: '456673345673436xxx', carrier: 'Vodafone', imsi: '12345678910112' },
    });
  });

  it('location.json and accounts.json: coordinates with the address as label; accounts with their display names', async () => {
    expect(records(await items('location'))).toEqual([{ type: 'location', kind: 'device', lat: 48.860346, lon: 2.331199, label: '38 Bad Guy Headquarters st., Paris, F-75002, France' }]);
    const acc = records(await items('accounts')).filter((r) => r.type === 'account');
    expect(acc).toContainEqual({ type: 'account', ref: 'email:willyrox@gmail.com', kind: 'email', displayName: 'William Smith' });
  });

  it('unknown classes are ignored and counted; untranslatable nodes are named', async () => {
    expect(warnings(await items('accounts'))).toEqual([{ code: 'CASE_CLASSES_IGNORED', message: 'accounts.json: CASE/UCO classes clew does not read: 1 identity:Person' }]);
    const w = warnings(await items('message'));
    expect(w[0]!.message).toContain('2 observable:Message without a message facet (a reference only)');
    const doc = { '@context': { kb: 'http://example.org/kb/', acme: 'http://acme.example/ns#', 'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/' }, '@graph': [{ '@id': 'kb:a', '@type': 'acme:Widget' }, { '@id': 'kb:b', '@type': 'acme:Widget' }, { '@id': 'kb:c', '@type': 'uco-core:Bundle' }] };
    const got = await collect(caseUcoParser, sourceFromBytes(JSON.stringify(doc), 'x.jsonld'));
    expect(records(got)).toEqual([]);
    expect(warnings(got)).toEqual([{ code: 'CASE_CLASSES_IGNORED', message: 'x.jsonld: classes outside CASE/UCO, ignored: 2 http://acme.example/ns#Widget; CASE/UCO classes clew does not read: 1 core:Bundle' }]);
  });
});

describe('case-uco: bad input', () => {
  it('broken JSON-LD keeps the nodes before the break and says where it broke', async () => {
    const text = readFileSync(join(FIX, 'sms_and_contacts.json'), 'utf8');
    const cut = text.slice(0, text.indexOf('"kb:phone_account-d0cbccc8')) + '}}}';
    const got = await collect(caseUcoParser, sourceFromBytes(cut, 'broken.json', { timeZone: 'UTC' }));
    expect(records(got).some((r) => r.type === 'message')).toBe(true);
    const rj = rejects(got);
    expect(rj.map((r) => r.code)).toEqual(['JSON_SYNTAX']);
    expect(rj[0]!.message).toMatch(/^broken\.json: broken JSON-LD at \$\["@graph"\]\[\d+\]/);
  });

  it('bad nodes are quarantined with their path, the rest ingests', async () => {
    const doc = {
      '@context': { kb: 'http://example.org/kb/', 'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/', 'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/' },
      '@graph': [
        { '@id': 'kb:m1', '@type': 'uco-observable:Message', 'uco-core:hasFacet': [{ '@type': 'uco-observable:MessageFacet', 'uco-observable:messageText': 'no time', 'uco-observable:from': { '@id': 'kb:x' } }] },
        { '@id': 'kb:m2', '@type': 42 },
        { '@id': 'kb:m3', '@type': 'uco-observable:Message', 'uco-core:hasFacet': [{ '@type': 'uco-observable:MessageFacet', 'uco-observable:messageText': 'ok', 'uco-observable:from': { '@id': 'kb:x' }, 'uco-observable:sentTime': { '@value': '2024-03-01T10:00:00Z' } }] },
      ],
    };
    const got = await collect(caseUcoParser, sourceFromBytes(JSON.stringify(doc), 'x.json'));
    expect(rejects(got).map((r) => [r.code, r.message.split(' ')[0]])).toEqual([
      ['SCHEMA', '$["@graph"][0]'],
      ['SCHEMA', '$["@graph"][1]:'],
    ]);
    expect(records(got)).toEqual([{ type: 'message', nativeId: 'm3', from: 'case:x', to: [], channel: 'chat', body: 'ok', ts: Date.parse('2024-03-01T10:00:00Z'), tzOffset: 0 }]);
  });

  it('JSON that is not JSON-LD is FORMAT_UNKNOWN; a remote context is not fetched and the standard prefixes are assumed', async () => {
    await expect(collect(caseUcoParser, sourceFromBytes('{"@graph":[{"a":1},{"b":2}]}', 'x.json'))).rejects.toMatchObject({ code: 'FORMAT_UNKNOWN' });
    const doc = { '@context': 'https://example.org/case-context.jsonld', '@graph': [{ '@id': 'urn:uuid:1', '@type': 'uco-location:Location', 'uco-core:hasFacet': { '@type': 'uco-location:LatLongCoordinatesFacet', 'uco-location:latitude': 44.8, 'uco-location:longitude': 20.46 } }] };
    const got = await collect(caseUcoParser, sourceFromBytes(JSON.stringify(doc), 'remote.json'));
    expect(records(got)).toEqual([{ type: 'location', kind: 'device', lat: 44.8, lon: 20.46 }]);
    expect(warnings(got).map((w) => w.code)).toEqual(['CASE_CONTEXT_REMOTE']);
  });

  it('sniffs CASE bundles and declines other JSON', () => {
    expect(sniffCase(readFileSync(join(FIX, 'call_log.json')), 'call_log.json')).toEqual({ ok: true, confidence: 0.97 });
    expect(sniffCase(Buffer.from('{"messages":[]}'), 'result.json')).toMatchObject({ ok: false });
    expect(sniffCase(Buffer.from('a,b\n'), 'x.csv')).toMatchObject({ ok: false });
  });
});

describe('case-uco: properties', () => {
  const CTX = { kb: 'http://example.org/kb/', 'uco-core': 'https://ontology.unifiedcyberontology.org/uco/core/', 'uco-observable': 'https://ontology.unifiedcyberontology.org/uco/observable/' };
  const account = (i: number) => ({ '@id': `kb:acc${i}`, '@type': 'uco-observable:PhoneAccount', 'uco-core:hasFacet': [{ '@type': 'uco-observable:PhoneAccountFacet', 'uco-observable:phoneNumber': `+3816412345${i}` }] });
  const message = (i: number, body: string) => ({
    '@id': `kb:msg${i}`,
    '@type': 'uco-observable:Message',
    'uco-core:hasFacet': [{ '@type': 'uco-observable:MessageFacet', 'uco-observable:messageText': body, 'uco-observable:from': { '@id': `kb:acc${i % 3}` }, 'uco-observable:to': [{ '@id': `kb:acc${(i + 1) % 3}` }], 'uco-observable:sentTime': { '@type': 'xsd:dateTime', '@value': `2024-03-01T10:00:${String(i % 60).padStart(2, '0')}Z` } }],
  });
  const key = (r: ClewRecord) => JSON.stringify(r);

  it('node order does not matter (forward references resolve), bodies survive exactly, and each message gives one record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 1_000_000 }), async (bodies, seed) => {
        const nodes: unknown[] = [0, 1, 2].map(account);
        bodies.forEach((b, i) => nodes.push(message(i, b)));
        // a deterministic shuffle from the seed
        const shuffled = nodes.map((n, i) => ({ n, k: (i * 7919 + seed) % 104729 })).sort((a, b) => a.k - b.k).map((x) => x.n);
        const a = records(await collect(caseUcoParser, sourceFromBytes(JSON.stringify({ '@context': CTX, '@graph': nodes }), 'a.json')));
        const b = records(await collect(caseUcoParser, sourceFromBytes(JSON.stringify({ '@graph': shuffled, '@context': CTX }), 'b.json')));
        expect(b.map(key).sort()).toEqual(a.map(key).sort());
        const msgs = a.filter((r): r is MessageRecord => r.type === 'message');
        expect(msgs.map((m) => m.body)).toEqual(bodies);
        expect(msgs.every((m) => m.from.startsWith('phone:+381') && m.to[0]!.startsWith('phone:+381'))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('never throws on arbitrary JSON values inside message facets: every node gives records or a rejection', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }), async (junk) => {
        const graph = junk.map((j, i) => ({ '@id': `kb:n${i}`, '@type': 'uco-observable:Message', 'uco-core:hasFacet': [{ '@type': 'uco-observable:MessageFacet', 'uco-observable:from': j, 'uco-observable:messageText': j, 'uco-observable:sentTime': j }] }));
        const got = await collect(caseUcoParser, sourceFromBytes(JSON.stringify({ '@context': CTX, '@graph': graph }), 'p.json'));
        const perNode = new Set(got.filter((i) => i.locator.path?.startsWith('$["@graph"]')).map((i) => i.locator.path));
        return perNode.size === junk.length;
      }),
      { numRuns: 60 },
    );
  });
});
