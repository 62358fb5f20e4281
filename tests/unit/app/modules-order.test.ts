import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// main.ts installs exactly what modules/index.ts lists: a new module file that is not listed
// there would silently never run.
describe('src/app/modules', () => {
  it('lists every module file in modules/index.ts', () => {
    const dir = new URL('../../../src/app/modules/', import.meta.url)
    const index = readFileSync(new URL('index.ts', dir), 'utf8')
    const files = readdirSync(dir).filter(f => f.endsWith('.ts') && f !== 'index.ts')
    expect(files.length).toBeGreaterThan(0)
    for (const f of files)
      expect(index, f).toContain(`from './${f}'`)
  })
})
