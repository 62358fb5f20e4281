import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SimulatorConfig } from './config.ts'
import type { SimContext } from './context.ts'
// The WeChat servers on one origin: open.weixin.qq.com (OAuth page), api.weixin.qq.com
// (/sns, /cgi-bin), api.mch.weixin.qq.com (/v3) and the simulator's own /__sim endpoints.
import Fastify from 'fastify'
import { createClock } from './clock.ts'
import { resolveConfig } from './config.ts'
import { installRawBodyParser } from './http/body.ts'
import { installCommonHooks } from './http/common-hooks.ts'
import { sendPayError } from './http/pay-error.ts'
import { installPayHooks } from './http/pay-hooks.ts'
import { createTimers } from './http/timers.ts'
import { createNotifier } from './pay/notifier.ts'
import { registerAdmin } from './routes/admin.ts'
import { registerAvatar } from './routes/avatar.ts'
import { registerBridge } from './routes/bridge.ts'
import { registerCgiTicket } from './routes/cgi-ticket.ts'
import { registerCgiToken } from './routes/cgi-token.ts'
import { registerOAuthAuthorize } from './routes/oauth-authorize.ts'
import { registerPayRefunds } from './routes/pay-refunds.ts'
import { registerPayTransactions } from './routes/pay-transactions.ts'
import { registerSns } from './routes/sns.ts'
import { createSimulatorState } from './state/index.ts'

export interface SimulatorOptions {
  logger?: boolean
  /** Test seam: a fixed prepay_id generator (e.g. to replay the official paySign vector). */
  newPrepayId?: () => string
}

export function buildSimulator(config: SimulatorConfig, opts: SimulatorOptions = {}): FastifyInstance {
  const resolved = resolveConfig(config)
  const clock = createClock(resolved.now)
  const state = createSimulatorState(clock, { newPrepayId: opts.newPrepayId })
  const timers = createTimers()
  const notifier = createNotifier({ config: resolved, clock, timers, faults: state.faults })
  const ctx: SimContext = { config: resolved, clock, state, timers, notifier }

  // forceCloseConnections: hung requests (timeout faults) must not keep close() waiting.
  const app = Fastify({ logger: opts.logger ?? false, forceCloseConnections: true, trustProxy: false })
  const probes = new WeakSet<FastifyRequest>()
  installRawBodyParser(app)
  installCommonHooks(app, ctx, probes)
  installPayHooks(app, ctx, probes)

  registerOAuthAuthorize(app, ctx)
  registerSns(app, ctx)
  registerCgiToken(app, ctx)
  registerCgiTicket(app, ctx)
  registerPayTransactions(app, ctx)
  registerPayRefunds(app, ctx)
  registerBridge(app, ctx)
  registerAdmin(app, ctx)
  registerAvatar(app)

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/v3/'))
      return sendPayError(reply, 404, 'NOT_FOUND', `${request.method} ${request.url.split('?')[0]} 不存在`)
    return reply.code(404).send({ errcode: 404, errmsg: `not found: ${request.method} ${request.url.split('?')[0]}` })
  })

  // Bad input must never crash the simulator: answer 4xx for client errors, 500 otherwise.
  app.setErrorHandler(async (error, request, reply) => {
    const status = typeof (error as { statusCode?: unknown }).statusCode === 'number' ? (error as { statusCode: number }).statusCode : 500
    const message = error instanceof Error ? error.message : String(error)
    if (status >= 500)
      request.log.error(error)
    if (request.url.startsWith('/v3/'))
      return sendPayError(reply, status, status >= 500 ? 'SYSTEM_ERROR' : 'PARAM_ERROR', message)
    return reply.code(status).send({ errcode: status >= 500 ? -1 : status, errmsg: message })
  })

  app.addHook('preClose', async () => timers.clear())
  return app
}
