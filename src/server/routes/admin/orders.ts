import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AdminOrderView, OrderParams, RefundBody } from '../../../shared/schemas/orders.ts'
import { findOrder } from '../../db/queries/orders.ts'
import { listRefunds } from '../../db/queries/refunds.ts'
import { ApiError, notFound } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { adminOrderView } from '../../pay/views.ts'
import { defaultCacheControl } from '../../plugins/app/cache-control.ts'
import { ADMIN_ACTOR, requireAdmin } from './admin-auth.ts'

const errors = errorResponses(400, 401, 404, 409, 429, 502, 503)

/**
 * GET /api/admin/orders/:id (asks WeChat Pay about refunds still PROCESSING first) and
 * POST /api/admin/orders/:id/refund (full or `amountFen` of what remains; audited).
 */
export const adminOrdersRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.addHook('onRequest', requireAdmin(app))
  defaultCacheControl(app, 'no-store')

  const view = async (orderId: number) => {
    const order = await findOrder(db, orderId)
    if (!order)
      throw notFound('Order')
    return adminOrderView(order, await listRefunds(db, order.id))
  }

  app.get('/api/admin/orders/:id', {
    schema: { params: OrderParams, response: { 200: AdminOrderView, ...errors } },
  }, async (request) => {
    if (app.pay) {
      // The operator is looking: a refund's outcome is worth one query, and WeChat Pay trouble only means the stored state.
      await app.pay.syncRefunds(request.params.id).catch(err => request.log.warn({ err }, 'refund status query failed'))
    }
    return view(request.params.id)
  })

  app.post('/api/admin/orders/:id/refund', {
    // The body is optional: a bare POST refunds everything that remains, without a reason.
    preValidation: async (request) => {
      request.body ??= {}
    },
    schema: { params: OrderParams, body: RefundBody, response: { 200: AdminOrderView, ...errors } },
  }, async (request) => {
    if (!app.pay)
      throw new ApiError(503, 'PAY_NOT_CONFIGURED', 'Payments are not set up on this site')
    const order = await app.pay.refund(request.params.id, { amountFen: request.body.amountFen, reason: request.body.reason }, { actor: ADMIN_ACTOR, ip: request.ip })
    return view(order.id)
  })
}
