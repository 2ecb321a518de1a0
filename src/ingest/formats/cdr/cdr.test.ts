import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResume, collect, FIXTURES, records, rejects, sourceFromBytes, sourceFromFixture } from '../csv/test-support/source.js';
import { cdrParser, sniffCdr } from './cdr.js';
import { presetForHeader } from './presets.js';

const A = 'phone:+381641234567';
const B = 'phone:+31612345678';

describe('cdrParser: operator-a', () => {
  const input = sourceFromFixture('cdr/operator-a.csv', { timeZone: 'Europe/Belgrade', csvMapping: { antennas: join(FIXTURES, 'cdr/cells.csv') } });

  it('maps MSISDNs to E.164, locates known cells, rejects impossible times', async () => {
    const items = await collect(cdrParser, input);
    const t1 = Date.UTC(2021, 1, 3, 9, 15);
    expect(records(items)).toEqual([
      { type: 'call', from: A, to: B, duration: 74, ts: t1, tzOffset: null, tsLocal: '2021-02-03 10:15:00', channel: 'call', lat: 44.8125, lon: 20.4612 },
      { type: 'location', kind: 'antenna', lat: 44.8125, lon: 20.4612, ts: t1, account: A, label: 'C-101' },
      { type: 'call', from: A, to: B, duration: 0, ts: Date.UTC(2021, 1, 3, 9, 20), tzOffset: null, tsLocal: '2021-02-03 10:20:00', channel: 'sms' },
    ]);
    expect(rejects(items)).toEqual([{ code: 'TIMESTAMP_INVALID', line: 4, message: expect.stringContaining('impossible') }]);
  });

  it('honours every resume point', async () => {
    await checkResume(cdrParser, input);
  });
});

describe('cdrParser: benelux', () => {
  it('reads semicolons, split date/time, HH:mm:ss durations', async () => {
    const items = await collect(cdrParser, sourceFromFixture('cdr/benelux.csv', { timeZone: 'Europe/Brussels' }));
    expect(records(items)).toEqual([
      {
        type: 'call',
        from: 'phone:+32475123456',
        to: 'phone:+32476999888',
        duration: 74,
        ts: Date.UTC(2021, 1, 3, 9, 15, 7),
        tzOffset: null,
        tsLocal: '03-02-2021 10:15:07',
        channel: 'call',
      },
      {
        type: 'call',
        from: 'phone:+32476999888',
        to: 'phone:+32475123456',
        duration: 0,
        ts: Date.UTC(2021, 1, 3, 22, 59, 59),
        tzOffset: null,
        tsLocal: '03-02-2021 23:59:59',
        channel: 'sms',
      },
    ]);
    expect(rejects(items)).toEqual([{ code: 'TIMESTAMP_INVALID', line: 4, message: expect.stringContaining('31-04-2021') }]);
  });
});

describe('cdr sniffing and presets', () => {
  it('recognises preset headers and refuses others', () => {
    expect(sniffCdr(Buffer.from('MSISDN_A,MSISDN_B,START_TIME,DURATION,CELL_ID,CALL_TYPE\n'), 'x.csv')).toEqual({ ok: true, confidence: 0.9 });
    expect(sniffCdr(Buffer.from('a_nummer;b_nummer;datum;tijd;duur;soort;cell_id\n'), 'x.csv')).toMatchObject({ ok: true });
    expect(sniffCdr(Buffer.from('caller,callee,start,secs\n'), 'x.csv')).toMatchObject({ ok: false, reason: expect.stringContaining('no CDR preset') });
    expect(sniffCdr(Buffer.from('{"a":1}'), 'x.json')).toMatchObject({ ok: false });
    expect(presetForHeader(['MSISDN_A', 'MSISDN_B'])).toBeUndefined();
  });

  it('refuses an unknown preset name and a non-matching header', async () => {
    const csv = 'x,y\n1,2\n';
    await expect(collect(cdrParser, sourceFromBytes(csv, 'x.csv', { csvMapping: { preset: 'nope' } }))).rejects.toMatchObject({ code: 'CSV_MAPPING' });
    await expect(collect(cdrParser, sourceFromBytes(csv, 'x.csv'))).rejects.toMatchObject({ code: 'FORMAT_UNKNOWN' });
  });
});
