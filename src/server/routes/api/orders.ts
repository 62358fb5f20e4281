import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CreateOrderBody, CreateOrderResponse, OrderList, OrderParams, OrderView } from '../../../shared/schemas/orders.ts'
import { findOrder, listOrdersOfUser } from '../../db/queries/orders.ts'
import { ApiError, notFound } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { orderView } from '../../pay/views.ts'
import { perMinute } from '../../plugins/external/rate-limit.ts'

const errors = errorResponses(400, 401, 403, 404, 409, 429, 503)

/**
 * Orders of the signed-in reader. The pay sheet's "ok" is only a hint: the SPA
 * polls GET /api/orders/:id, which asks WeChat Pay while the order is pending (at most
 * once every few seconds per order, see pay/order-status.ts).
 */
export const ordersRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database

  app.post('/api/orders', {
    config: { cacheControl: 'no-store', rateLimit: perMinute(app.rateLimits.orders) },
    schema: { body: CreateOrderBody, response: { 201: CreateOrderResponse, ...errors } },
  }, async (request, reply) => {
    const user = await request.requireUser()
    if (user.isSnapshot)
      throw new ApiError(403, 'SNAPSHOT_USER', 'Snapshot-mode visitors cannot pay; open the page in WeChat and sign in first')
    if (!app.pay)
      throw new ApiError(503, 'PAY_NOT_CONFIGURED', 'Payments are not set up on this site')
    const created = await app.pay.createOrder(user, request.body)
    return reply.status(201).send({ orderId: created.order.id, reused: created.reused, amountFen: created.order.amountFen, pay: created.pay })
  })

  app.get('/api/orders', {
    config: { cacheControl: 'no-store' },
    schema: { response: { 200: OrderList, ...errorResponses(401, 429) } },
  }, async (request) => {
    const user = await request.requireUser()
    return { orders: (await listOrdersOfUser(db, user.id)).map(orderView) }
  })

  app.get('/api/orders/:id', {
    config: { cacheControl: 'no-store' },
    schema: { params: OrderParams, response: { 200: OrderView, ...errorResponses(400, 401, 404, 429) } },
  }, async (request) => {
    const user = await request.requireUser()
    let order = await findOrder(db, request.params.id)
    // Someone else's order answers exactly like a missing one.
    if (!order || order.userId !== user.id)
      throw notFound('Order')
    if (order.status === 'pending' && app.pay)
      order = await app.pay.pollOrder(order)
    return orderView(order)
  })
}
