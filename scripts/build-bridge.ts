// Bundles the WeChat bridge emulator into one classic script for injection before page scripts
// (Playwright `page.addInitScript({ path })`, or a <script> the dev server puts first in <head>).
// Usage: `tsx scripts/build-bridge.ts` → dist/simulator/bridge.iife.js
import { resolve } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..')

export const BRIDGE_ENTRY = resolve(repoRoot, 'src/simulator/bridge/entry-iife.ts')
export const BRIDGE_BUNDLE = resolve(repoRoot, 'dist/simulator/bridge.iife.js')

/** Builds the bundle and returns its absolute path. */
export async function buildBridgeBundle(outfile: string = BRIDGE_BUNDLE): Promise<string> {
  await build({
    entryPoints: [BRIDGE_ENTRY],
    outfile,
    bundle: true,
    format: 'iife',
    // The browser platform makes any Node built-in import a build error, not a runtime surprise.
    platform: 'browser',
    target: 'es2020',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: '/* WeChat simulator: WeixinJSBridge emulator (dev/test only, never ship to users) */' },
  })
  return outfile
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildBridgeBundle().then(
    path => console.log(`bridge bundle: ${path}`),
    (err: unknown) => {
      console.error(err)
      process.exitCode = 1
    },
  )
}
