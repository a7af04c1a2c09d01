// Layer rule (docs/architecture.md): web → http → app → core; io and store implement app/ports.ts.
// Each folder may import only downward; the message says which layer to use instead.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
})
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'], message: 'src/core is pure: take data as arguments; I/O belongs in src/io or src/store.' }
const noAdapters = (from) => ({
  group: ['**/io/**', '**/store/**', '**/http/**', '**/cli/**'],
  message: `${from} must not import adapters: declare a port in src/app/ports.ts and let src/main.ts wire it.`,
})

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'bench/out/**', 'coverage/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['src/core/**/*.ts'], [
    nodeBuiltins,
    { group: ['**/app/**', '**/io/**', '**/store/**', '**/http/**', '**/cli/**', '**/main', '**/config'], message: 'src/core imports only src/core.' },
    { group: ['@duckdb/*', 'postgres'], message: 'src/core is pure: no database drivers.' },
  ]),
  layer(['src/app/**/*.ts'], [noAdapters('src/app'), { group: ['@duckdb/*', 'postgres'], message: 'src/app talks to storage through ports.' }]),
  layer(['src/io/**/*.ts', 'src/store/**/*.ts'], [
    { group: ['**/http/**', '**/cli/**', '**/main'], message: 'io and store implement src/app/ports.ts and import nothing above it.' },
  ]),
  layer(['src/http/**/*.ts', 'src/cli/**/*.ts'], [
    { group: ['**/io/**', '**/store/**'], message: 'http and cli call src/app operations; only src/main.ts builds store and io.' },
  ]),
  {
    // The dashboard talks to the server over HTTP only: `import type` from src/ for the typed client, nothing else.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**'],
              allowTypeImports: true,
              message: 'web/ reaches the server through web/src/api.ts; import only types from src/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
)
