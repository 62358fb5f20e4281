// Test and dev-panel endpoints under /__sim/. Public information only: never secrets.
import type { FastifyInstance } from 'fastify'
import type { SimContext } from '../context.ts'
import type { ApiFault, ApiFaultMode, NotifyFaultMode, RefundOutcomeMode } from '../state/faults.ts'
import { parseJsonObject, rawBodyOf } from '../http/body.ts'
import { openidFor } from '../openid.ts'
import { transactionView } from '../pay/transaction-view.ts'
import { PERSONAS } from '../personas.ts'

const API_MODES: ApiFaultMode[] = ['errcode', 'timeout', 'slow', 'signtest']
const NOTIFY_MODES: NotifyFaultMode[] = ['drop', 'duplicate', 'signtest']
const REFUND_MODES: RefundOutcomeMode[] = ['CLOSED', 'ABNORMAL', 'PROCESSING']
/** Ten years: beyond any lifetime the simulator models (refresh tokens 30 days, orders a year). */
const MAX_ADVANCE_SECONDS = 10 * 366 * 86400
const optInt = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isInteger(v))

export function registerAdmin(app: FastifyInstance, ctx: SimContext): void {
  app.get('/__sim/setup', async () => ({
    appId: ctx.config.appId,
    mchId: ctx.config.mchId,
    authDomains: ctx.config.authDomains,
    jsSafeDomains: ctx.config.jsSafeDomains,
    merchantSerial: ctx.config.merchantSerial,
    platformPublicKeyId: ctx.config.platformPublicKeyId,
    personas: PERSONAS.map(p => ({ key: p.key, displayName: p.displayName, nickname: p.nickname, openid: openidFor(ctx.config.appId, p.key), unionid: p.unionid })),
    subscribeTemplates: ctx.config.subscribeTemplates,
  }))

  app.get('/__sim/calls', async () => ({ calls: ctx.state.calls.snapshot() }))
  app.delete('/__sim/calls', async () => {
    ctx.state.calls.reset()
    return { ok: true }
  })

  app.get('/__sim/faults', async () => ctx.state.faults.list())
  app.delete('/__sim/faults', async () => {
    ctx.state.faults.clear()
    return { ok: true }
  })
  app.post('/__sim/faults', async (request, reply) => {
    const parsed = parseJsonObject(rawBodyOf(request))
    const b = parsed.ok ? parsed.value : {}
    const count = b.count === undefined ? 1 : b.count
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
      return reply.code(400).send({ ok: false, error: 'count 须为正整数' })
    if (typeof b.refund === 'string') {
      if (!REFUND_MODES.includes(b.refund as RefundOutcomeMode))
        return reply.code(400).send({ ok: false, error: `refund 须为 ${REFUND_MODES.join('|')}` })
      ctx.state.faults.addRefund({ refund: b.refund as RefundOutcomeMode, count })
      return { ok: true, faults: ctx.state.faults.list() }
    }
    if (typeof b.notify === 'string') {
      if (!NOTIFY_MODES.includes(b.notify as NotifyFaultMode))
        return reply.code(400).send({ ok: false, error: `notify 须为 ${NOTIFY_MODES.join('|')}` })
      ctx.state.faults.addNotify({ notify: b.notify as NotifyFaultMode, count })
      return { ok: true, faults: ctx.state.faults.list() }
    }
    if (typeof b.api !== 'string' || !b.api.startsWith('/') || !API_MODES.includes(b.mode as ApiFaultMode))
      return reply.code(400).send({ ok: false, error: `需要 {api:"/path", mode:${API_MODES.join('|')}, count} 或 {notify:${NOTIFY_MODES.join('|')}, count}` })
    if (!optInt(b.errcode) || !optInt(b.status) || !optInt(b.delayMs) || (b.code !== undefined && typeof b.code !== 'string'))
      return reply.code(400).send({ ok: false, error: 'errcode/status/delayMs 须为整数，code 须为字符串' })
    const fault: ApiFault = { api: b.api, mode: b.mode as ApiFaultMode, count }
    if (b.errcode !== undefined)
      fault.errcode = b.errcode as number
    if (b.status !== undefined)
      fault.status = b.status as number
    if (b.code !== undefined)
      fault.code = b.code as string
    if (b.delayMs !== undefined)
      fault.delayMs = b.delayMs as number
    ctx.state.faults.addApi(fault)
    return { ok: true, faults: ctx.state.faults.list() }
  })

  app.get('/__sim/clock', async () => ({ now: ctx.clock.now(), offsetSeconds: ctx.clock.offsetSeconds() }))
  app.post('/__sim/clock', async (request, reply) => {
    const parsed = parseJsonObject(rawBodyOf(request))
    const s = parsed.ok ? parsed.value.advanceSeconds : undefined
    // An absurd jump (a millisecond value, 1e308) would push Date out of range and break every
    // RFC 3339 time the simulator formats afterwards, so it is refused rather than clamped.
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || s > MAX_ADVANCE_SECONDS || ctx.clock.offsetSeconds() + s > 10 * MAX_ADVANCE_SECONDS)
      return reply.code(400).send({ ok: false, error: `advanceSeconds 须为 0 到 ${MAX_ADVANCE_SECONDS}（十年）之间的秒数` })
    ctx.clock.advance(s)
    return { ok: true, now: ctx.clock.now(), offsetSeconds: ctx.clock.offsetSeconds() }
  })

  app.get<{ Params: { outTradeNo: string } }>('/__sim/orders/:outTradeNo', async (request, reply) => {
    const o = ctx.state.orders.get(request.params.outTradeNo)
    if (!o)
      return reply.code(404).send({ ok: false, error: '订单不存在' })
    return {
      order: transactionView(o),
      prepayId: o.prepayId,
      prepayExpiresAt: o.prepayExpiresAt,
      notifyUrl: o.notifyUrl,
      deliveries: o.deliveries,
      refunds: ctx.state.refunds.forOrder(o.outTradeNo).map(r => ({ outRefundNo: r.outRefundNo, refund: r.refund, status: r.status, deliveries: r.deliveries })),
    }
  })
}
