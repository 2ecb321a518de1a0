import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResume, collect, FIXTURES, records, rejects, sourceFromBytes, sourceFromFixture } from '../csv/test-support/source.js';
import { bandicootParser, bandicootRef, ownerFromName, sniffBandicoot } from './bandicoot.js';

const EGO = 'bandicoot:ego';

describe('bandicootParser', () => {
  const antennas = join(FIXTURES, 'cdr/bandicoot/antennas.csv');
  const input = sourceFromFixture('cdr/bandicoot/ego.csv', { timeZone: 'America/New_York', csvMapping: { antennas } });

  it('turns interactions into calls and texts with directions and antenna locations', async () => {
    const items = await collect(bandicootParser, input);
    const t1 = Date.UTC(2014, 2, 2, 12, 13, 30);
    const t2 = Date.UTC(2014, 2, 2, 13, 0, 0);
    expect(records(items)).toEqual([
      { type: 'call', from: 'bandicoot:770000001', to: EGO, duration: 247, ts: t1, tzOffset: null, tsLocal: '2014-03-02 07:13:30', channel: 'call', lat: 42.3555, lon: -71.0998 },
      { type: 'location', kind: 'antenna', lat: 42.3555, lon: -71.0998, ts: t1, account: EGO, label: '1' },
      { type: 'message', from: EGO, to: ['bandicoot:770000002'], channel: 'sms', body: '', ts: t2, tzOffset: null, tsLocal: '2014-03-02 08:00:00' },
      { type: 'location', kind: 'antenna', lat: 42.36, lon: -71.09, ts: t2, account: EGO, label: '2' },
      { type: 'call', from: EGO, to: 'bandicoot:770000001', duration: 30, ts: Date.UTC(2014, 2, 2, 14), tzOffset: null, tsLocal: '2014-03-02 09:00:00', channel: 'call' },
    ]);
    expect(rejects(items)).toEqual([{ code: 'SCHEMA', line: 5, message: 'line 5: unknown interaction "fax"' }]);
  });

  it('honours every resume point', async () => {
    await checkResume(bandicootParser, input);
  });

  it('takes the owner from an option, and phone-like ids to E.164', async () => {
    const csv = 'interaction,direction,correspondent_id,datetime,call_duration,antenna_id\ncall,out,+32475123456,2014-03-02T07:13:30Z,5,\n';
    const items = await collect(bandicootParser, sourceFromBytes(csv, 'records.txt', { csvMapping: { owner: '+381641234567' } }));
    expect(records(items)).toEqual([
      { type: 'call', from: 'phone:+381641234567', to: 'phone:+32475123456', duration: 5, ts: Date.UTC(2014, 2, 2, 7, 13, 30), tzOffset: 0, channel: 'call' },
    ]);
    await expect(collect(bandicootParser, sourceFromBytes(csv, 'records.txt'))).rejects.toMatchObject({ code: 'CSV_MAPPING' });
  });

  it('names owners and refs', () => {
    expect(ownerFromName('ego.csv')).toBe('ego');
    expect(ownerFromName('notes.txt')).toBeNull();
    expect(bandicootRef('0612345678', 'NL')).toBe('phone:+31612345678');
    expect(bandicootRef('770000001')).toBe('bandicoot:770000001');
  });

  it('sniffs its header only', () => {
    expect(sniffBandicoot(Buffer.from('interaction,direction,correspondent_id,datetime,call_duration,antenna_id\n'), 'u.csv')).toEqual({ ok: true, confidence: 0.95 });
    expect(sniffBandicoot(Buffer.from('MSISDN_A,MSISDN_B,START_TIME,DURATION,CELL_ID,CALL_TYPE\n'), 'u.csv')).toMatchObject({ ok: false });
  });
});
