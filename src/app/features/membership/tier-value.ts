import type { Product } from '@shared/schemas/catalogue'

/** What a tier costs per 30 days and how much less per day it costs than the dearest tier. */
export interface TierValue {
  /** Fen per 30 days, rounded up (never shows a lower price than the real one). */
  perMonthFen: number
  /** Whole percent saved per day against the dearest tier, rounded down; 0 when none. */
  savingPercent: number
  /** The tier the page recommends (see tierValues). */
  recommended: boolean
}

const perDay = (t: Product) => (t.priceFen ?? 0) / (t.durationDays ?? 1)

/**
 * Claims about prices are computed from the prices, never typed into descriptions, so they stay
 * true when an operator changes a price. The recommended tier is the one with the lowest price
 * per day, when it really saves at least 1 % on the dearest tier; otherwise none is.
 */
export function tierValues(tiers: readonly Product[]): Map<string, TierValue> {
  const priced = tiers.filter(t => t.priceFen && t.durationDays)
  const dearest = Math.max(...priced.map(perDay))
  const values = new Map<string, TierValue>()
  for (const t of priced) {
    values.set(t.id, {
      perMonthFen: Math.ceil(perDay(t) * 30),
      savingPercent: Math.max(0, Math.floor((1 - perDay(t) / dearest) * 100 + 1e-9)),
      recommended: false,
    })
  }
  const best = [...values.entries()].sort((a, b) => b[1].savingPercent - a[1].savingPercent)[0]
  if (best && best[1].savingPercent >= 1)
    best[1].recommended = true
  return values
}

/** The line under a tier: `折合 ¥13.81/月，比月度会员省 23%`, or nothing for the dearest tier. */
export function tierValueText(tier: Product, tiers: readonly Product[], value = tierValues(tiers).get(tier.id)): string {
  if (!value || value.savingPercent < 1)
    return ''
  const dearest = tiers.filter(t => t.priceFen && t.durationDays).reduce((a, b) => perDay(a) >= perDay(b) ? a : b)
  const yuan = (value.perMonthFen / 100).toFixed(2).replace(/\.00$/, '')
  return `折合 ¥${yuan}/月，比${dearest.title}省 ${value.savingPercent}%`
}
