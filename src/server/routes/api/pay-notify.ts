// POST /api/pay/notify: WeChat Pay's payment and refund notifications (支付成功回调, 退款结果通知).
// https://pay.weixin.qq.com/doc/v3/merchant/4012791836 · 4012791865
import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify'

/** Real notifications are about 1 KB. */
const BODY_LIMIT = 16 * 1024

/**
 * This endpoint speaks WeChat Pay's protocol, not the kit's: the caller is WeChat
 * Pay, which reads only the status (2xx = received, anything else = retry on its
 * schedule) and documents failures as `{"code":"FAIL","message":…}`. So every
 * answer here, parser errors included, uses that shape instead of `{error:{…}}`.
 */
export const payNotifyRoute: FastifyPluginAsync = async (app) => {
  // Failures are never cacheable: the cache-control hook marks every 4xx/5xx `no-store`.
  const fail = (reply: FastifyReply, status: number, message: string) =>
    reply.status(status).send({ code: 'FAIL', message })

  // The signature covers the exact bytes received: keep them as a string here only.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body))
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500)
      request.log.error({ err }, 'payment notification failed')
    return fail(reply, status, status === 500 ? '系统错误，请稍后重试' : err.message)
  })

  app.post('/api/pay/notify', {
    // WeChat Pay's few egress IPs carry every order's notifications and retries.
    config: { rateLimit: { max: 1200, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const pay = app.pay
    if (!pay)
      return fail(reply, 503, 'payments are not configured')
    const opened = pay.openNotification(
      typeof request.body === 'string' ? request.body : '',
      // A header sent twice arrives as an array: treat it as missing, never guess which one counts.
      (name) => {
        const v = request.headers[name]
        return typeof v === 'string' ? v : undefined
      },
    )
    if (!opened.ok) {
      request.log.warn({ reason: opened.message }, 'payment notification rejected')
      return fail(reply, opened.status, opened.message)
    }
    const { event } = opened
    const eventId = event.envelope.id
    const eventType = event.envelope.event_type
    if (event.kind === 'refund') {
      const done = await pay.applyRefundNotice(event.notice)
      if (done.outcome === 'mismatch') {
        request.log.error({ reason: done.reason, eventId }, 'refund notification does not match the refund')
        return fail(reply, 400, done.reason)
      }
      if (done.outcome === 'unknown_refund') {
        // A refund made elsewhere (the merchant platform): nothing of ours to settle. Refusing
        // would only make WeChat Pay retry it for a day.
        request.log.info({ eventType, eventId }, 'notification for a refund the kit did not make acknowledged')
      }
      return reply.status(204).send()
    }
    if (event.kind === 'other') {
      // Verified, just of a kind the kit does not act on: acknowledge it, or WeChat Pay
      // would retry it for a day.
      request.log.info({ eventType, eventId }, 'payment notification of another kind acknowledged')
      return reply.status(204).send()
    }
    const result = await pay.applyTransaction(event.transaction)
    switch (result.outcome) {
      case 'recorded':
      case 'already_recorded':
        return reply.status(204).send()
      case 'not_paid':
        return fail(reply, 400, `trade_state is not SUCCESS`)
      case 'unknown_order':
        return fail(reply, 404, 'unknown out_trade_no')
      case 'mismatch':
        // Verified but wrong: a misconfigured account or a bug, never something to record.
        request.log.error({ reason: result.reason, eventId }, 'payment notification does not match the order')
        return fail(reply, 400, result.reason)
    }
  })
}
