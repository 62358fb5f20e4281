import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv)
    return existsSync(fromEnv) ? fromEnv : null
  return CANDIDATES.find(p => existsSync(p)) ?? null
}

/**
 * The e2e suite needs Debian's Chromium (Playwright's own browser download
 * cannot work offline). As root on a Debian-like machine we install it;
 * elsewhere we say how.
 */
export function ensureChromium(): string {
  const found = findChromium()
  if (found)
    return found
  if (process.env.CHROMIUM_PATH)
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`)
  const isRoot = process.getuid?.() === 0
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('Chromium not found: installing Debian\'s chromium package (one time)…')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env })
    const installed = findChromium()
    if (installed)
      return installed
  }
  throw new Error([
    'The end-to-end tests need Chromium and none was found.',
    '  Debian/Ubuntu: sudo apt-get install chromium',
    '  macOS: install Google Chrome, then CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test',
    '  Or point CHROMIUM_PATH at any Chromium-based browser binary.',
  ].join('\n'))
}
