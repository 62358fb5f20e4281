import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import { Product } from './catalogue.ts'

/** GET /api/membership: works signed out too (then `active:false`). */
export const MembershipStatus = Type.Object({
  active: Type.Boolean(),
  /** Present once the reader has ever been a member (past expiries included). */
  expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  /** The tier of the latest purchase. */
  tier: Type.Optional(Type.Object({ id: Type.String(), title: Type.String() })),
  /** Tiers on sale; buying one while active extends from the current expiry. */
  tiers: Type.Array(Product),
})
export type MembershipStatus = Static<typeof MembershipStatus>
