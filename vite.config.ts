import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath, URL } from 'node:url'
import { VantResolver } from '@vant/auto-import-resolver'
import vue from '@vitejs/plugin-vue'
import pxToViewport from 'postcss-px-to-viewport-8-plugin'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'
import { precompress } from './scripts/vite-precompress.ts'

/** `vant/es/<component>/style/index` for every Vant component (what the auto-import resolver adds). */
function vantStyleEntries(): string[] {
  const es = fileURLToPath(new URL('./node_modules/vant/es', import.meta.url))
  if (!existsSync(es))
    return []
  return readdirSync(es).filter(d => existsSync(`${es}/${d}/style/index.mjs`)).map(d => `vant/es/${d}/style/index`)
}

// WeChat's open tags are rendered by the client, not by Vue.
const WECHAT_OPEN_TAGS = new Set(['wx-open-launch-weapp', 'wx-open-launch-app', 'wx-open-subscribe', 'wx-open-audio'])

export default defineConfig({
  resolve: {
    alias: {
      '@app': fileURLToPath(new URL('./src/app', import.meta.url)),
      '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)),
    },
  },
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: tag => WECHAT_OPEN_TAGS.has(tag) } } }),
    // Framework APIs and Vant are auto-imported; the kit's own modules are imported explicitly.
    AutoImport({
      imports: ['vue', 'vue-router', 'pinia'],
      resolvers: [VantResolver()],
      dts: 'src/app/types/auto-imports.d.ts',
    }),
    Components({
      dirs: [],
      resolvers: [VantResolver()],
      dts: 'src/app/types/components.d.ts',
    }),
    precompress(),
  ],
  css: {
    postcss: {
      plugins: [
        // The design is 375 px wide (Vant's too). In landscape (desktops, tablets)
        // sizes follow the viewport height instead, so the page stays a phone-sized column.
        {
          postcssPlugin: 'px-to-viewport-per-file',
          // One instance per file: the plugin (1.2.5) keeps its landscape rules in one array for
          // the whole build, so every file's landscape block got (and took away) the rules of the
          // files processed before it, under the wrong scope ids, growing the first-load CSS.
          prepare: () => pxToViewport({
            viewportWidth: 375,
            unitPrecision: 4,
            minPixelValue: 1,
            selectorBlackList: ['.no-vw'],
            landscape: true,
            landscapeUnit: 'vh',
            landscapeWidth: 812,
          }),
        },
      ],
    },
  },
  build: {
    outDir: 'dist/app',
    // Lets the bundle budget find lazily loaded chunks that every page needs (the JS-SDK).
    manifest: true,
    emptyOutDir: true,
    target: ['es2019', 'safari13', 'chrome80'],
    assetsInlineLimit: 2048,
    reportCompressedSize: false,
  },
  // The first visit to each page must not reload: Vant's components and styles are imported by
  // the auto-import plugins as pages load, which the dependency scanner cannot see, so Vite
  // would discover them one page at a time ("optimized dependencies changed", reload, and a
  // `504 Outdated Optimize Dep` for a lazy chunk in flight). Pre-bundle all of them up front.
  optimizeDeps: {
    entries: ['index.html', 'src/app/**/*.vue'],
    include: ['vue', 'vue-router', 'pinia', 'vant', 'vant/es', ...vantStyleEntries(), 'weixin-js-sdk', 'qrcode'],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
  },
})
