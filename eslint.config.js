// Lint, and the import boundaries between src/ domains.
// Each domain lists the domains it may import; anything else under src/ is an error.
import tseslint from 'typescript-eslint';

const DOMAINS = {
  model: [],
  text: ['model'],
  graph: ['model'],
  audit: ['model'],
  synth: ['model', 'text'],
  ingest: ['model', 'text'],
  store: ['model', 'text', 'audit'],
  identity: ['model', 'text', 'graph'],
  report: ['model', 'text', 'graph', 'store', 'identity'],
  api: ['model', 'text', 'graph', 'store', 'ingest', 'identity', 'synth', 'report', 'audit'],
  server: ['model', 'api'],
  cli: ['model', 'text', 'api', 'server'],
};

function boundary(domain, allowed) {
  const forbidden = Object.keys(DOMAINS).filter((d) => d !== domain && !allowed.includes(d));
  return {
    files: [`src/${domain}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((d) => ({
            group: [`**/${d}/*`, `**/${d}`],
            message: `src/${domain} may import only ${allowed.length ? allowed.join(', ') : 'nothing from src/'}; not ${d}.`,
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'bench/out/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...Object.entries(DOMAINS).map(([d, allowed]) => boundary(d, allowed)),
);
