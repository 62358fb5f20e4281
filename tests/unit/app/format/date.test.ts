import { describe, expect, it } from 'vitest'
import { formatDate, formatMonthDay, formatScheduled } from '../../../../src/app/format/date.ts'

// Local-time dates: built from parts, so the test holds in any time zone.
const local = (y: number, m: number, d: number, h = 9) => new Date(y, m - 1, d, h)

describe('dates', () => {
  it('formats a full date and a month-day', () => {
    expect(formatDate(local(2026, 12, 5))).toBe('2026年12月5日')
    expect(formatMonthDay(local(2026, 12, 5))).toBe('12月5日')
    expect(formatMonthDay(local(2027, 1, 31, 23))).toBe('1月31日')
  })

  it('says when a scheduled part comes out, or only that it is coming', () => {
    expect(formatScheduled(local(2026, 12, 5).toISOString())).toBe('即将更新 · 12月5日')
    expect(formatScheduled(undefined)).toBe('即将更新')
    expect(formatScheduled(null)).toBe('即将更新')
  })
})
