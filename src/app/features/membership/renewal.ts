import type { Product } from '@shared/schemas/catalogue.ts'
import type { MembershipStatus } from '@shared/schemas/membership.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** The expiry after buying `tier`: a renewal extends from the current expiry, a new membership from now (as the server grants it). */
export function expiryAfter(status: Pick<MembershipStatus, 'active' | 'expiresAt'>, tier: Pick<Product, 'durationDays'>, now: number = Date.now()): Date {
  const current = status.active && status.expiresAt ? Date.parse(status.expiresAt) : Number.NaN
  const from = Number.isFinite(current) && current > now ? current : now
  return new Date(from + (tier.durationDays ?? 0) * DAY_MS)
}
