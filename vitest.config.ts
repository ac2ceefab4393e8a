import { defineConfig } from 'vitest/config'

// Each test file gets its own database (a PGlite folder, or a fresh PostgreSQL database
// when DATABASE_URL is set: see test/helpers/test-db.ts), so files may run in parallel.
// The machine has 2 cores: more workers than that only adds contention.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/bench/**', 'node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
