import { defineConfig } from 'vitest/config'

// Three suites with different costs: unit (pure functions, simulator protocol),
// server (real HTTP handling against the simulator and a shared database per worker)
// and e2e (the built SPA in Debian's headless Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        // Component tests compile the SPA exactly as the build does: same plugins and aliases.
        extends: './vite.config.ts',
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/simulator/**/*.test.ts'],
          environment: 'node',
          // Vant's components import their CSS: let Vite (not Node) load them.
          server: { deps: { inline: ['vant'] } },
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          // Files in a worker share one migrated database (PGlite takes seconds to
          // start); tests isolate by truncating it.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
