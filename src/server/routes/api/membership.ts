import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { MembershipStatus as Status } from '../../../shared/schemas/membership.ts'
import { MembershipStatus } from '../../../shared/schemas/membership.ts'
import { productView } from '../../catalogue/views.ts'
import { listProducts } from '../../db/queries/catalogue.ts'
import { membershipOf } from '../../db/queries/entitlements.ts'
import { errorResponses } from '../../http/error-responses.ts'

/** GET /api/membership: the reader's status and expiry, plus the tiers on sale. */
export const membershipRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.get('/api/membership', {
    config: { cacheControl: 'private, no-store' },
    schema: { response: { 200: MembershipStatus, ...errorResponses(429) } },
  }, async (request) => {
    const all = await listProducts(db, { includeInactive: true })
    const status: Status = { active: false, tiers: all.filter(p => p.kind === 'membership' && p.active).map(productView) }
    const user = await request.currentUser()
    // A membership paid for but not yet notified is found here, without the SPA's help.
    if (user && !user.isSnapshot)
      await app.pay?.recoverPending(user.id)
    const m = user ? await membershipOf(db, user.id) : null
    if (m) {
      status.active = m.expiresAt.getTime() > app.clock.now()
      status.expiresAt = m.expiresAt.toISOString()
      const tier = all.find(p => p.id === m.productId)
      if (tier)
        status.tier = { id: tier.id, title: tier.title }
    }
    return status
  })
}
