import { defineConfig } from 'vitest/config'

// Each test file gets its own database (a PGlite folder, or a fresh PostgreSQL database
// when DATABASE_URL is set: see test/helpers/test-db.ts), so files may run in parallel.
// The machine has 2 cores: more workers than that only adds contention.
// DATAVAKT_HEAVY_TESTS=0 leaves out the heavy suites (*.heavy.test.ts: fuzzing, fault
// injection, browser runs); CI runs them in one leg only. `npm test` alone runs everything.
const heavy = process.env.DATAVAKT_HEAVY_TESTS === '0' ? ['test/**/*.heavy.test.ts', 'test/**/*.heavy.test.tsx'] : []
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/bench/**', 'node_modules/**', ...heavy],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
