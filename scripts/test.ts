import { spawnSync } from 'node:child_process'
import { ensureChromium } from './find-chromium.ts'

/**
 * `npm test`: every suite, from a fresh clone. The e2e suite runs against the
 * production build, so the SPA is built first.
 */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env })
  if (r.status !== 0)
    process.exit(r.status ?? 1)
}

let chromium: string
try {
  chromium = ensureChromium()
}
catch (e) {
  console.error((e as Error).message)
  process.exit(1)
}
run('npx', ['vite', 'build', '--logLevel', 'warn'])
run('npx', ['vitest', 'run', ...process.argv.slice(2)], { ...process.env, CHROMIUM_PATH: chromium })
