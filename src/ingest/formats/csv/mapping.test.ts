import { describe, expect, it } from 'vitest';
import { ClewError } from '../../../model/errors.js';
import { parseMapping, resolveColumns, splitSpec } from './mapping.js';

function mappingError(spec: string | object): ClewError {
  try {
    parseMapping(spec);
  } catch (e) {
    if (e instanceof ClewError) return e;
    throw e;
  }
  throw new Error('expected CSV_MAPPING');
}

describe('parseMapping', () => {
  it('reads a call mapping from the command-line form', () => {
    const m = parseMapping('from=caller,to=callee,ts=start,duration=secs');
    expect(m.type).toBe('call');
    expect(m.columns).toEqual({ from: 'caller', to: 'callee', ts: 'start', duration: 'secs' });
    expect(m.platform).toBe('phone');
    expect(m.channelDefault).toBe('call');
    expect(m.tsFormat.kind).toBe('iso');
  });

  it('reads a message mapping from JSON with options', () => {
    const m = parseMapping('{"from":"Sender","to":"Recipient","date":"Date","time":"Time","body":"Text","ts_format":"dd/MM/yyyy HH:mm:ss","delimiter":"tab","region":"rs"}');
    expect(m.type).toBe('message');
    expect(m.delimiter).toBe('\t');
    expect(m.region).toBe('RS');
    expect(m.channelDefault).toBe('sms');
    expect(m.tsFormat.kind).toBe('pattern');
  });

  it('keeps commas inside values (ts_format) and accepts objects', () => {
    expect(splitSpec('ts_format=dd.MM.yyyy, HH:mm,from=a')).toEqual({ ts_format: 'dd.MM.yyyy, HH:mm', from: 'a' });
    expect(parseMapping({ from: 'a', to: 'b', ts: 'c', body: 'd', type: 'message', platform: 'skyecc' }).channelDefault).toBe('chat');
  });

  it.each([
    ['from=a,to=b,ts=c,duration=d,colour=e', 'unknown mapping key "colour"'],
    ['from=a,to=b,ts=c', 'cannot tell calls from messages'],
    ['from=a,ts=c,duration=d', 'lacks to'],
    ['to=b,ts=c,body=d', 'lacks from'],
    ['from=a,to=b,body=d', 'lacks ts'],
    ['from=a,to=b,ts=c,body=d,duration=e', 'say type=call or type=message'],
    ['from=a,to=b,ts=c,duration=d,type=fax', 'type must be call or message'],
    ['from=a,to=b,ts=c,duration=d,lat=x', 'lacks lon'],
    ['from=a,to=b,ts=c,duration=d,ts_format=dd/MM/yy', 'ts_format: unknown token'],
    ['from=a,to=b,ts=c,duration=d,delimiter=x', 'delimiter must be'],
    ['from=a,from=b', 'appears twice'],
    ['from', 'is not key=value'],
    ['{"from": 3}', 'must be a string'],
    ['{nope', 'not valid JSON'],
  ])('%s -> CSV_MAPPING', (spec, text) => {
    const e = mappingError(spec);
    expect(e.code).toBe('CSV_MAPPING');
    expect(e.message).toContain(text);
  });

  it('resolves columns exactly, then case-insensitively, and names the missing ones', () => {
    const m = parseMapping('from=Caller,to=callee,ts=start,duration=secs');
    expect(resolveColumns(m, ['secs', 'caller', 'CALLEE', 'start'])).toEqual({ from: 1, to: 2, ts: 3, duration: 0 });
    try {
      resolveColumns(m, ['caller', 'callee']);
      expect.unreachable();
    } catch (e) {
      expect((e as ClewError).code).toBe('CSV_MAPPING');
      expect((e as ClewError).message).toContain('ts=start, duration=secs');
    }
  });
});
