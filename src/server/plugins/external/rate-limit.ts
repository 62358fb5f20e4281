import type { FastifyInstance, FastifyRequest } from 'fastify'
import rateLimit from '@fastify/rate-limit'

export interface RateLimitOptions {
  /** Requests per minute per client for ordinary routes. */
  max: number
}

/**
 * WeChat users on mobile carriers often share one public IP (carrier NAT), so a
 * signed-in client is keyed by its session cookie and only anonymous ones by IP.
 * The store is in memory per instance: a limit, not an accounting system.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => {
      const sid = req.cookies?.sid
      return sid ? `s:${sid.slice(0, 64)}` : `ip:${req.ip}`
    },
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s` },
    }),
  })
}
