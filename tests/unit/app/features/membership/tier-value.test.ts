import type { Product } from '../../../../../src/shared/schemas/catalogue.ts'
import { describe, expect, it } from 'vitest'
import { tierValues, tierValueText } from '../../../../../src/app/features/membership/index.ts'

function tier(id: string, title: string, priceFen: number, durationDays: number): Product {
  return { id, kind: 'membership', title, description: '', priceFen, durationDays }
}
const MONTHLY = tier('m', '月度会员', 1800, 30)
const YEARLY = tier('y', '年度会员', 16800, 365)

describe('tier value claims', () => {
  it('computes the yearly saving from the prices, rounded so it never overstates', () => {
    // ¥168 for 365 days against ¥18 per 30 days: 23.3 % less per day, ¥13.81 per 30 days.
    const values = tierValues([MONTHLY, YEARLY])
    expect(values.get('y')).toEqual({ perMonthFen: 1381, savingPercent: 23, recommended: true })
    expect(values.get('m')).toEqual({ perMonthFen: 1800, savingPercent: 0, recommended: false })
    expect(tierValueText(YEARLY, [MONTHLY, YEARLY])).toBe('折合 ¥13.81/月，比月度会员省 23%')
    expect(tierValueText(MONTHLY, [MONTHLY, YEARLY])).toBe('')
  })

  it('follows a price change and recommends nothing when no tier saves', () => {
    const dear = { ...YEARLY, priceFen: 21900 }
    expect(tierValues([MONTHLY, dear]).get('y')).toMatchObject({ savingPercent: 0, recommended: false })
    expect(tierValueText(dear, [MONTHLY, dear])).toBe('')
    expect(tierValues([MONTHLY]).get('m')?.recommended).toBe(false)
  })
})
