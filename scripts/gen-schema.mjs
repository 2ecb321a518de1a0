#!/usr/bin/env node
// Writes docs/formats/canonical.schema.json from the one declared schema (src/ingest/formats/canonical-schema.ts).
// Run after `npm run build`; a test checks the committed file is current.
import { writeFileSync } from 'node:fs';
import { canonicalJsonSchema } from '../dist/ingest/formats/canonical-schema.js';

writeFileSync(new URL('../docs/formats/canonical.schema.json', import.meta.url), `${JSON.stringify(canonicalJsonSchema(), null, 2)}\n`);
console.log('wrote docs/formats/canonical.schema.json');
