import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../csv/test-support/source.js';
import { encode } from './charsets.js';
import { FIXTURE_FILES, TEXTS } from './fixtures.js';

describe('e-mail fixtures', () => {
  it.each(Object.keys(FIXTURE_FILES))('%s matches its generator', (rel) => {
    const bytes = FIXTURE_FILES[rel]!();
    const path = join(FIXTURES, rel);
    if (process.env.REGEN_FIXTURES === '1' || !existsSync(path)) writeFileSync(path, bytes);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('encodes legacy charsets that decode back', () => {
    expect(new TextDecoder('iso-8859-2').decode(encode(TEXTS.sr, 'iso-8859-2'))).toBe(TEXTS.sr);
    expect(new TextDecoder('koi8-r').decode(encode(TEXTS.ruKoi, 'koi8-r'))).toBe(TEXTS.ruKoi);
    expect(new TextDecoder('iso-2022-jp').decode(encode(TEXTS.ja, 'iso-2022-jp'))).toBe(TEXTS.ja);
  });
});
