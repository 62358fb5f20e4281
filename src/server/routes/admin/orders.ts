import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiErrorBody } from '../../../shared/schemas/api-error.ts'
import { AdminOrderView, OrderParams, RefundBody } from '../../../shared/schemas/orders.ts'
import { adminOrderView, findOrder } from '../../db/queries/orders.ts'
import { ApiError, notFound } from '../../http/api-error.ts'
import { requireAdmin } from './admin-auth.ts'

const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 502: ApiErrorBody, 503: ApiErrorBody }

/** GET /api/admin/orders/:id and POST /api/admin/orders/:id/refund (full refund, revokes what it granted). */
export const adminOrdersRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', requireAdmin(app))

  app.get('/api/admin/orders/:id', {
    schema: { params: OrderParams, response: { 200: AdminOrderView, ...errors } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    const order = await findOrder(app.database.db, request.params.id)
    if (!order)
      throw notFound('Order')
    return adminOrderView(order)
  })

  app.post('/api/admin/orders/:id/refund', {
    // The body is optional: a bare POST refunds without a reason.
    preValidation: async (request) => {
      request.body ??= {}
    },
    schema: { params: OrderParams, body: RefundBody, response: { 200: AdminOrderView, ...errors } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    if (!app.pay)
      throw new ApiError(503, 'PAY_NOT_CONFIGURED', 'Payments are not set up on this site')
    return adminOrderView(await app.pay.refund(request.params.id, request.body.reason))
  })
}
