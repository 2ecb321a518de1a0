// Writes docs/openapi.json from the API's contract (src/server/openapi.ts), built into dist/ first (npm run openapi).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { openApiText } = await import('../dist/server/openapi.js');
const out = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));
writeFileSync(out, openApiText());
console.log(`wrote ${out}`);
