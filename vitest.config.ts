import { fileURLToPath, URL } from 'node:url'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vitest/config'

// The SPA's compile settings (vite.config.ts), for component tests in the unit project.
const WECHAT_OPEN_TAGS = new Set(['wx-open-launch-weapp', 'wx-open-launch-app', 'wx-open-subscribe', 'wx-open-audio'])
const spaPlugins = [
  vue({ template: { compilerOptions: { isCustomElement: tag => WECHAT_OPEN_TAGS.has(tag) } } }),
  AutoImport({ imports: ['vue', 'vue-router', 'pinia'], resolvers: [VantResolver()], dts: false }),
  Components({ dirs: [], resolvers: [VantResolver()], dts: false }),
]

// Three suites with different costs: unit (pure functions, simulator protocol),
// server (real HTTP handling against the simulator and a shared database per worker)
// and e2e (the built SPA in Debian's headless Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: spaPlugins,
        resolve: {
          alias: {
            '@app': fileURLToPath(new URL('./src/app', import.meta.url)),
            '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
          },
        },
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
