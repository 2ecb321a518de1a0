import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJsonSchema } from './canonical-schema.js';

describe('canonical JSON Schema', () => {
  it('is generated from the zod schema and committed up to date (npm run build && node scripts/gen-schema.mjs)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../docs/formats/canonical.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(canonicalJsonSchema());
  });
});
