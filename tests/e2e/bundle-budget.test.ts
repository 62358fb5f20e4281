import { describe, expect, it } from 'vitest'
import { BUDGET, kb, measureFirstLoad } from '../../scripts/bundle-size.ts'

describe('bundle budget for the first load of /', () => {
  it('stays within the JS and CSS budgets (gzip)', () => {
    const m = measureFirstLoad()
    console.log(`first load of /: JS ${kb(m.jsGzip)} gzip (budget ${kb(BUDGET.jsGzip)}), CSS ${kb(m.cssGzip)} gzip (budget ${kb(BUDGET.cssGzip)})`)
    for (const f of m.files)
      console.log(`  ${f.file}  ${kb(f.gzip)}`)
    expect(m.jsGzip).toBeLessThan(BUDGET.jsGzip)
    expect(m.cssGzip).toBeLessThan(BUDGET.cssGzip)
  })
})
