import { describe, expect, it } from 'vitest'
import { expiryAfter } from '../../../../../src/app/features/membership/index.ts'
import { parseYuan } from '../../../../../src/app/features/pay/index.ts'
import { pollOrder } from '../../../../../src/app/features/pay/poll-order.ts'
import { formatPrice } from '../../../../../src/app/format/price.ts'

describe('prices', () => {
  it.each([
    [1800, '¥18'],
    [16800, '¥168'],
    [600, '¥6'],
    [1250, '¥12.50'],
    [1234, '¥12.34'],
    [5, '¥0.05'],
    [100, '¥1'],
    [0, '¥0'],
  ])('shows %i fen as %s', (fen, text) => {
    expect(formatPrice(fen)).toBe(text)
  })

  it.each([
    ['5', 500],
    ['5.5', 550],
    ['5.50', 550],
    [' 12.34 ', 1234],
    ['0.01', 1],
    ['0', null],
    ['', null],
    ['1.234', null],
    ['-3', null],
    ['abc', null],
    ['1e3', null],
  ])('reads a typed amount %j as %s fen', (input, fen) => {
    expect(parseYuan(input)).toBe(fen)
  })
})

describe('membership renewal', () => {
  const now = Date.parse('2025-04-01T00:00:00Z')
  it('extends from the current expiry while active', () => {
    expect(expiryAfter({ active: true, expiresAt: '2025-04-20T00:00:00Z' }, { durationDays: 30 }, now).toISOString()).toBe('2025-05-20T00:00:00.000Z')
  })
  it('starts from now when not a member or expired', () => {
    expect(expiryAfter({ active: false }, { durationDays: 30 }, now).toISOString()).toBe('2025-05-01T00:00:00.000Z')
    expect(expiryAfter({ active: false, expiresAt: '2025-03-01T00:00:00Z' }, { durationDays: 365 }, now).toISOString()).toBe('2026-04-01T00:00:00.000Z')
  })
})

describe('polling an order', () => {
  it('retries network errors like a pending answer and stops at the first final status', async () => {
    const answers = [new Error('offline'), 'pending', 'closed'] as const
    let i = 0
    const sleeps: number[] = []
    const result = await pollOrder(async () => {
      const a = answers[i++]!
      if (a instanceof Error)
        throw a
      return { status: a } as never
    }, { sleep: async (ms) => { sleeps.push(ms) } })
    expect(result).toEqual({ status: 'closed' })
    expect(sleeps).toEqual([500, 750])
  })
})
