import { defineConfig } from 'vitest/config'

// EMPREINTE_TEST_REPORT (set by .ci/run) adds a JSON report for the CI summary line.
const report = process.env['EMPREINTE_TEST_REPORT']

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: report ? ['default', 'json'] : ['default'],
    outputFile: report ? { json: report } : undefined,
  },
})
