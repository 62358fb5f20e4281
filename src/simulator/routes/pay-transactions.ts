// WeChat Pay APIv3 JSAPI order endpoints (protocol §6.1, §6.7). Authorization is
// verified by ./pay-hooks.ts before these handlers run; responses are signed there too.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791897 (下单)
// https://pay.weixin.qq.com/doc/v3/merchant/4013070356 (查询) · 4012791860 (关单)
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { SimPluginOptions } from '../context.ts'
import { parseAuthorization } from '../crypto/merchant-auth.ts'
import { parseJsonObject, queryString, rawBodyOf } from '../http/body.ts'
import { sendPayError } from '../http/pay-error.ts'
import { transactionView } from '../pay/transaction-view.ts'
import { validatePrepay } from '../pay/validate-prepay.ts'
import { sameOrder } from '../state/orders.ts'

function json(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type('application/json').send(JSON.stringify(body))
}

export function headerMchid(request: FastifyRequest): string {
  const p = parseAuthorization(request.headers.authorization)
  return p.ok ? p.params.mchid : ''
}

/** A JSON object body or a PARAM_ERROR reply. */
export function jsonBody(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> | undefined {
  const body = parseJsonObject(rawBodyOf(request))
  if (!body.ok) {
    sendPayError(reply, 400, 'PARAM_ERROR', '请求体须为 JSON 对象')
    return undefined
  }
  return body.value
}

/** The `mchid` query parameter the query APIs require (it is part of the signed URL). */
function queryMchidError(request: FastifyRequest, reply: FastifyReply): boolean {
  const mchid = queryString(request.query, 'mchid')
  if (!mchid) {
    sendPayError(reply, 400, 'PARAM_ERROR', '缺少参数 mchid', { field: 'mchid', location: 'query', issue: '缺少参数 mchid' })
    return true
  }
  if (mchid !== headerMchid(request)) {
    sendPayError(reply, 400, 'PARAM_ERROR', 'mchid 与 Authorization 中的商户号不一致', { field: 'mchid', value: mchid, location: 'query' })
    return true
  }
  return false
}

export const payTransactionsRoutes: FastifyPluginAsync<SimPluginOptions> = async (app, { ctx }) => {
  const { orders } = ctx.state

  app.post('/v3/pay/transactions/jsapi', async (request, reply) => {
    const body = jsonBody(request, reply)
    if (!body)
      return reply
    const v = validatePrepay(body, headerMchid(request), ctx.config)
    if (!v.ok)
      return sendPayError(reply, 400, 'PARAM_ERROR', v.message, v.detail)
    const existing = orders.get(v.order.outTradeNo)
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND')
        return sendPayError(reply, 400, 'ORDERPAID', '该订单已支付')
      if (existing.state === 'CLOSED')
        return sendPayError(reply, 400, 'ORDER_CLOSED', '该订单已关闭')
      if (!sameOrder(existing, v.order))
        return sendPayError(reply, 400, 'INVALID_REQUEST', '201 商户订单号重复，且与原订单参数不一致')
      orders.renewPrepay(existing)
      return json(reply, 200, { prepay_id: existing.prepayId })
    }
    const order = orders.create(v.order)
    return json(reply, 200, { prepay_id: order.prepayId })
  })

  app.get<{ Params: { out_trade_no: string } }>('/v3/pay/transactions/out-trade-no/:out_trade_no', async (request, reply) => {
    if (queryMchidError(request, reply))
      return reply
    const order = orders.get(request.params.out_trade_no)
    if (!order)
      return sendPayError(reply, 404, 'ORDER_NOT_EXIST', '订单不存在')
    return json(reply, 200, transactionView(order))
  })

  // An unpaid order has no transaction_id, so it can only be queried by out_trade_no (§6.7).
  app.get<{ Params: { transaction_id: string } }>('/v3/pay/transactions/id/:transaction_id', async (request, reply) => {
    if (queryMchidError(request, reply))
      return reply
    const order = orders.byTransactionId(request.params.transaction_id)
    if (!order)
      return sendPayError(reply, 404, 'ORDER_NOT_EXIST', '订单不存在')
    return json(reply, 200, transactionView(order))
  })

  app.post<{ Params: { out_trade_no: string } }>('/v3/pay/transactions/out-trade-no/:out_trade_no/close', async (request, reply) => {
    const body = jsonBody(request, reply)
    if (!body)
      return reply
    if (typeof body.mchid !== 'string' || body.mchid === '')
      return sendPayError(reply, 400, 'PARAM_ERROR', '缺少参数 mchid', { field: '/mchid', location: 'body', issue: '缺少参数 mchid' })
    if (body.mchid !== headerMchid(request))
      return sendPayError(reply, 400, 'PARAM_ERROR', 'mchid 与 Authorization 中的商户号不一致', { field: '/mchid', value: body.mchid, location: 'body' })
    const order = orders.get(request.params.out_trade_no)
    if (!order)
      return sendPayError(reply, 404, 'ORDER_NOT_EXIST', '订单不存在')
    if (order.state === 'SUCCESS' || order.state === 'REFUND')
      return sendPayError(reply, 400, 'ORDERPAID', '订单已支付，不能关闭')
    order.state = 'CLOSED'
    return reply.code(204).send()
  })
}
