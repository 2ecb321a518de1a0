/** The lint rule that keeps src/ domains apart really fires (and stays quiet on allowed imports). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: file });
  return (r?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('forbids the graph engine from importing storage', async () => {
    const errs = await boundaryErrors('src/graph/x.ts', "import type { CaseStore } from '../store/types.js';\nexport type X = CaseStore;\n");
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/src\/graph may import only model/);
  });
  it('forbids the model from importing anything in src', async () => {
    expect(await boundaryErrors('src/model/x.ts', "import { normalise } from '../text/normalise/normalise.js';\nexport const y = normalise;\n")).toHaveLength(1);
  });
  it('forbids the CLI from reaching into the store', async () => {
    expect(await boundaryErrors('src/cli/x.ts', "import { openSqliteCase } from '../store/sqlite/store.js';\nexport const y = openSqliteCase;\n")).toHaveLength(1);
  });
  it('allows the API to use the store and the CLI to use the API', async () => {
    expect(await boundaryErrors('src/api/x.ts', "import type { CaseStore } from '../store/types.js';\nexport type X = CaseStore;\n")).toEqual([]);
    expect(await boundaryErrors('src/cli/x.ts', "import { search } from '../api/search.js';\nexport const y = search;\n")).toEqual([]);
  });
});
