import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SimulatorConfig } from './config.ts'
import type { SimContext } from './context.ts'
// The WeChat servers on one origin: open.weixin.qq.com (OAuth page), api.weixin.qq.com
// (/sns, /cgi-bin), api.mch.weixin.qq.com (/v3) and the simulator's own /__sim endpoints.
import Fastify from 'fastify'
import { createClock } from './clock.ts'
import { resolveConfig } from './config.ts'
import { createPusher } from './events/pusher.ts'
import { installRawBodyParser } from './http/body.ts'
import { installCommonHooks, simCorsHeaders } from './http/common-hooks.ts'
import { sendPayError } from './http/pay-error.ts'
import { installPayHooks, signPayResponse } from './http/pay-hooks.ts'
import { createTimers } from './http/timers.ts'
import { createNotifier } from './pay/notifier.ts'
import { registerAdmin } from './routes/admin.ts'
import { registerAvatar } from './routes/avatar.ts'
import { registerBridge } from './routes/bridge.ts'
import { registerCgiSubscribe } from './routes/cgi-subscribe.ts'
import { registerCgiTicket } from './routes/cgi-ticket.ts'
import { registerCgiToken } from './routes/cgi-token.ts'
import { registerOAuthAuthorize } from './routes/oauth-authorize.ts'
import { registerPayRefunds } from './routes/pay-refunds.ts'
import { registerPayTransactions } from './routes/pay-transactions.ts'
import { registerSns } from './routes/sns.ts'
import { registerSubscribeAdmin } from './routes/subscribe-admin.ts'
import { createSimulatorState } from './state/index.ts'

export interface SimulatorOptions {
  logger?: boolean
  /** Test seam: a fixed prepay_id generator (e.g. to replay the official paySign vector). */
  newPrepayId?: () => string
}

export function buildSimulator(config: SimulatorConfig, opts: SimulatorOptions = {}): FastifyInstance {
  const resolved = resolveConfig(config)
  const clock = createClock(resolved.now)
  const state = createSimulatorState(clock, { newPrepayId: opts.newPrepayId, getticketDailyQuota: resolved.getticketDailyQuota })
  const timers = createTimers()
  const notifier = createNotifier({ config: resolved, clock, timers, faults: state.faults })
  const pusher = createPusher({ appId: resolved.appId, accountId: resolved.accountId, timers, timeoutMs: resolved.eventPushTimeoutMs, nowSeconds: clock.nowSeconds, wallSeconds: () => Math.floor(clock.wallNow() / 1000) })
  pusher.setTarget(resolved.eventPush ?? null)
  const ctx: SimContext = { config: resolved, clock, state, timers, notifier, pusher }

  // forceCloseConnections: hung requests (timeout faults) must not keep close() waiting.
  // frameworkErrors: a URL the router cannot decode (/v3/…/out-trade-no/%FF) gets the error
  // shape of the API family it was aimed at, like every other error here, not Fastify's own.
  const app = Fastify({
    logger: opts.logger ?? false,
    forceCloseConnections: true,
    trustProxy: false,
    // No hooks run for these, so the Pay signature (§5.2) and /__sim CORS are added here.
    frameworkErrors: (error, request, rawReply) => {
      const reply = rawReply as FastifyReply
      const message = `请求 URL 无法解析：${error.message}`
      const status = error.statusCode ?? 400
      const url = request.raw.url ?? ''
      if (url.startsWith('/v3/')) {
        const body = JSON.stringify({ code: 'PARAM_ERROR', message })
        signPayResponse(ctx, reply, body)
        return void reply.code(status).type('application/json').send(body)
      }
      if (url.startsWith('/__sim/'))
        simCorsHeaders(request, reply)
      void sendFamilyError(request, reply, status, message)
    },
  })
  const probes = new WeakSet<FastifyRequest>()
  installRawBodyParser(app)
  installCommonHooks(app, ctx, probes)
  installPayHooks(app, ctx, probes)

  registerOAuthAuthorize(app, ctx)
  registerSns(app, ctx)
  registerCgiToken(app, ctx)
  registerCgiTicket(app, ctx)
  registerCgiSubscribe(app, ctx)
  registerPayTransactions(app, ctx)
  registerPayRefunds(app, ctx)
  registerBridge(app, ctx)
  registerAdmin(app, ctx)
  registerSubscribeAdmin(app, ctx)
  registerAvatar(app)

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/v3/'))
      return sendPayError(reply, 404, 'NOT_FOUND', `${request.method} ${request.url.split('?')[0]} 不存在`)
    return reply.code(404).send({ errcode: 404, errmsg: `not found: ${request.method} ${request.url.split('?')[0]}` })
  })

  // Bad input must never crash the simulator: answer 4xx for client errors, 500 otherwise.
  app.setErrorHandler(async (error, request, reply) => {
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500
    if (status >= 500)
      request.log.error(error)
    return sendFamilyError(request, reply, status, error instanceof Error ? error.message : String(error))
  })

  app.addHook('preClose', async () => timers.clear())
  return app
}

/** APIv3 `{code, message}` under /v3 (§5.2), `{errcode, errmsg}` elsewhere (§1.6). */
function sendFamilyError(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  const url = request.raw.url ?? request.url
  if (url.startsWith('/v3/'))
    return sendPayError(reply, status, status >= 500 ? 'SYSTEM_ERROR' : 'PARAM_ERROR', message)
  return reply.code(status).send({ errcode: status >= 500 ? -1 : status, errmsg: message })
}
