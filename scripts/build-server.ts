import { cpSync, rmSync } from 'node:fs'
import { build } from 'esbuild'

// One ESM file for the server; npm packages stay external (installed by `npm ci`).
// The SQL migrations are read at run time from `migrations/` beside the bundle.
rmSync('dist/server', { recursive: true, force: true })
await build({
  entryPoints: ['src/server/server.ts'],
  outfile: 'dist/server/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
cpSync('src/server/db/migrations', 'dist/server/migrations', { recursive: true })
console.log('built dist/server/server.js')
