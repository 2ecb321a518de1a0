/**
 * JSON tokens from stream-json, normalised to structural events with caps: keys, strings and
 * numbers arrive in chunks and are assembled here, so a hostile multi-gigabyte string never
 * sits in memory: past `maxString` characters the value becomes TOO_LONG (its length counted).
 */
import type { Readable } from 'node:stream';
import { parser } from 'stream-json';

export const TOO_LONG: unique symbol = Symbol('TOO_LONG');
export type Scalar = string | number | boolean | null | typeof TOO_LONG;

export type JsonEvent =
  | { t: 'startObject' }
  | { t: 'endObject' }
  | { t: 'startArray' }
  | { t: 'endArray' }
  | { t: 'key'; key: string }
  | { t: 'value'; value: Scalar; raw?: string };

interface Token {
  name: string;
  value?: unknown;
}

export async function* jsonEvents(stream: Readable, opts: { maxString: (key: string | null) => number }): AsyncGenerator<JsonEvent> {
  const tokens = stream.pipe(parser.asStream({ packValues: false, streamValues: true }));
  stream.on('error', (e) => tokens.destroy(e));
  let buf = '';
  let len = 0;
  let over = false;
  let cap = 0;
  let lastKey: string | null = null;
  for await (const tok of tokens as AsyncIterable<Token>) {
    switch (tok.name) {
      case 'startObject':
      case 'endObject':
      case 'startArray':
      case 'endArray':
        yield { t: tok.name } as JsonEvent;
        break;
      case 'startKey':
        buf = '';
        len = 0;
        over = false;
        cap = 4096;
        break;
      case 'startString':
        buf = '';
        len = 0;
        over = false;
        cap = opts.maxString(lastKey);
        break;
      case 'startNumber':
        buf = '';
        len = 0;
        over = false;
        cap = 64;
        break;
      case 'stringChunk':
      case 'numberChunk': {
        const v = tok.value as string;
        len += v.length;
        if (!over) {
          if (len > cap) {
            over = true;
            buf = '';
          } else buf += v;
        }
        break;
      }
      case 'endKey':
        lastKey = over ? '\uFFFD' : buf;
        yield { t: 'key', key: lastKey };
        break;
      case 'endString':
        yield { t: 'value', value: over ? TOO_LONG : buf };
        break;
      case 'endNumber':
        yield { t: 'value', value: over ? TOO_LONG : Number(buf), raw: over ? '' : buf };
        break;
      case 'nullValue':
        yield { t: 'value', value: null };
        break;
      case 'trueValue':
        yield { t: 'value', value: true };
        break;
      case 'falseValue':
        yield { t: 'value', value: false };
        break;
      default:
        break;
    }
  }
}
