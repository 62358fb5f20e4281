// The WeixinJSBridge emulator is a dev/test tool: the production build in dist/app must never
// contain it (the Vite plugin that injects it is `apply: 'serve'` only). Precompressed copies
// (.br, .gz) are decompressed and scanned too, since those are the bytes actually served.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'

const DIST = resolve('dist/app')

/** Strings only the emulator has: its config global, its bundle banner, its UI and its entry point. */
const EMULATOR_MARKERS = ['__WXSIM_CONFIG__', 'WeixinJSBridge emulator', 'wxsim-pay-sheet', 'installWeChatBridge']

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile())
    .map(e => join(e.parentPath, e.name))
}

function contentOf(file: string): string {
  const raw = readFileSync(file)
  if (file.endsWith('.br'))
    return brotliDecompressSync(raw).toString('latin1')
  if (file.endsWith('.gz'))
    return gunzipSync(raw).toString('latin1')
  // latin1 keeps every byte, so binary assets are searched too without decoding errors.
  return raw.toString('latin1')
}

describe('the production build (dist/app)', () => {
  if (!existsSync(resolve(DIST, 'index.html')))
    throw new Error('dist/app is missing: `npm test` builds it first (or run `npx vite build`).')
  const files = filesUnder(DIST)
  const contents = new Map(files.map(f => [relative(DIST, f), contentOf(f)]))

  it('has the SPA in it (sanity check of what is scanned)', () => {
    const names = [...contents.keys()]
    expect(names).toContain('index.html')
    expect(names.some(n => n.endsWith('.js'))).toBe(true)
    // The SPA talks to the real client's bridge itself, so the word is legitimately there.
    expect([...contents.values()].some(c => c.includes('WeixinJSBridge'))).toBe(true)
  })

  it('never contains the WeixinJSBridge emulator', () => {
    const hits = [...contents].flatMap(([name, text]) => EMULATOR_MARKERS.filter(m => text.includes(m)).map(m => `${name}: ${m}`))
    expect(hits).toEqual([])
  })
})
