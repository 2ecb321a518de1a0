/**
 * JSON tokens from stream-json's tokenizer, normalised to structural events with caps: keys,
 * strings and numbers arrive in chunks and are assembled here, so a hostile multi-gigabyte
 * string never sits in memory: past its cap the value becomes TOO_LONG.
 *
 * Everything is synchronous per input chunk (no stream or promise per token): the tokenizer
 * is stream-json's core `jsonParser`, fed with text from a StringDecoder.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { jsonParser } from 'stream-json/core/parser.js';

export const TOO_LONG: unique symbol = Symbol('TOO_LONG');
export type Scalar = string | number | boolean | null | typeof TOO_LONG;

export type JsonEvent =
  | { t: 'startObject' }
  | { t: 'endObject' }
  | { t: 'startArray' }
  | { t: 'endArray' }
  | { t: 'key'; key: string }
  | { t: 'value'; value: Scalar };

interface Token {
  name: string;
  value?: unknown;
}

// stream-chain's protocol values (registered symbols)
const NONE = Symbol.for('object-stream.none');
const MANY = Symbol.for('object-stream.many');

const EV_START_OBJECT: JsonEvent = { t: 'startObject' };
const EV_END_OBJECT: JsonEvent = { t: 'endObject' };
const EV_START_ARRAY: JsonEvent = { t: 'startArray' };
const EV_END_ARRAY: JsonEvent = { t: 'endArray' };

/** Tokens to events, with per-value caps. */
export class EventAssembler {
  private buf = '';
  private len = 0;
  private over = false;
  private cap = 0;
  private lastKey: string | null = null;

  constructor(private readonly maxString: (key: string | null) => number) {}

  private start(cap: number): void {
    this.buf = '';
    this.len = 0;
    this.over = false;
    this.cap = cap;
  }

  feed(tok: Token): JsonEvent | null {
    switch (tok.name) {
      case 'startObject':
        return EV_START_OBJECT;
      case 'endObject':
        return EV_END_OBJECT;
      case 'startArray':
        return EV_START_ARRAY;
      case 'endArray':
        return EV_END_ARRAY;
      case 'startKey':
        this.start(4096);
        return null;
      case 'startString':
        this.start(this.maxString(this.lastKey));
        return null;
      case 'startNumber':
        this.start(64);
        return null;
      case 'stringChunk':
      case 'numberChunk': {
        const v = tok.value as string;
        this.len += v.length;
        if (!this.over) {
          if (this.len > this.cap) {
            this.over = true;
            this.buf = '';
          } else this.buf += v;
        }
        return null;
      }
      case 'endKey':
        this.lastKey = this.over ? '\uFFFD' : this.buf;
        return { t: 'key', key: this.lastKey };
      case 'endString':
        return { t: 'value', value: this.over ? TOO_LONG : this.buf };
      case 'endNumber':
        return { t: 'value', value: this.over ? TOO_LONG : Number(this.buf) };
      case 'nullValue':
        return { t: 'value', value: null };
      case 'trueValue':
        return { t: 'value', value: true };
      case 'falseValue':
        return { t: 'value', value: false };
      default:
        return null;
    }
  }
}

/** A chunked JSON tokenizer: text in, tokens out (throws on invalid JSON). */
export class Tokenizer {
  private readonly fn = jsonParser({ packValues: false, streamValues: true }) as unknown as (x: unknown) => unknown;
  private readonly decoder = new StringDecoder('utf8');
  private first = true;

  private run(x: unknown): Token[] {
    const r = this.fn(x) as { [MANY]?: number; values?: Token[] } | symbol | Token;
    if (r === NONE || typeof r === 'symbol') return [];
    if ((r as { [MANY]?: number })[MANY] === 1) return (r as { values: Token[] }).values;
    return [r as Token];
  }

  write(chunk: Buffer): Token[] {
    let text = this.decoder.write(chunk);
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text.length > 0 ? this.run(text) : [];
  }

  end(): Token[] {
    const rest = this.decoder.end();
    return [...(rest ? this.run(rest) : []), ...this.run(NONE)];
  }
}

/** Events of a whole stream, chunk by chunk (arrays per chunk keep the per-token cost low). */
export async function* jsonEventChunks(stream: Readable, maxString: (key: string | null) => number): AsyncGenerator<JsonEvent[]> {
  const tok = new Tokenizer();
  const asm = new EventAssembler(maxString);
  const convert = (tokens: Token[]): JsonEvent[] => {
    const out: JsonEvent[] = [];
    for (const t of tokens) {
      const e = asm.feed(t);
      if (e) out.push(e);
    }
    return out;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) yield convert(tok.write(chunk));
  yield convert(tok.end());
}
