// Hooks every simulated API shares: CORS for the simulator's own /__sim endpoints
// (the page runs on another origin), call counters, injected faults, and the
// API IP whitelist (protocol §2.1, errcode 40164).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SimHookOptions } from '../context.ts'
import fp from 'fastify-plugin'
import { pathOf } from './body.ts'
import { sendPayError } from './pay-error.ts'
import { ipNotWhitelisted, wxError } from './wechat-error.ts'

const isSim = (request: FastifyRequest): boolean => request.url.startsWith('/__sim/')

/**
 * CORS for /__sim/*. The bridge endpoints are fetched with credentials (the wxsim_bid cookie
 * tells a snapshot browser, routes/bridge.ts), which a `*` origin forbids: echo the page's
 * Origin and allow credentials there. Everything else stays `*` (public, no cookies).
 */
export function simCorsHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin
  if (request.url.startsWith('/__sim/bridge/') && origin) {
    reply.header('access-control-allow-origin', origin)
    reply.header('access-control-allow-credentials', 'true')
    reply.header('vary', 'Origin')
    return
  }
  reply.header('access-control-allow-origin', '*')
}

export const commonHooksPlugin = fp<SimHookOptions>(async (app: FastifyInstance, { ctx, probes }) => {
  app.addHook('onRequest', async (request, reply) => {
    if (isSim(request)) {
      simCorsHeaders(request, reply)
      if (request.method === 'OPTIONS') {
        return reply.code(204)
          .header('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS')
          .header('access-control-allow-headers', 'content-type')
          .header('access-control-max-age', '600')
          .send()
      }
      return
    }
    ctx.state.calls.record(pathOf(request.url))
  })

  app.addHook('preHandler', async (request, reply) => {
    if (isSim(request) || request.is404)
      return
    const path = pathOf(request.url)
    const fault = ctx.state.faults.takeApi(path, request.routeOptions.url)
    if (fault?.mode === 'timeout') {
      // Never answer; the connection is cut after delayMs (the caller's own timeout should fire first).
      reply.hijack()
      ctx.timers.after(fault.delayMs ?? 30_000, () => request.raw.socket?.destroy())
      return
    }
    if (fault?.mode === 'slow')
      await ctx.timers.sleep(fault.delayMs ?? 2000)
    if (fault?.mode === 'signtest')
      probes.add(request)
    if (fault?.mode === 'errcode') {
      if (path.startsWith('/v3/'))
        return sendPayError(reply, fault.status ?? 500, fault.code ?? 'SYSTEM_ERROR', '系统错误（模拟器注入的故障）')
      return reply.send(wxError(fault.errcode ?? -1))
    }
    const whitelist = ctx.config.ipWhitelist
    if (whitelist && path.startsWith('/cgi-bin/')) {
      const ip = request.ip.replace(/^::ffff:/, '')
      if (!whitelist.includes(ip) && !whitelist.includes(request.ip))
        return reply.send(ipNotWhitelisted(request.ip))
    }
  })
}, { name: 'sim-common-hooks' })
