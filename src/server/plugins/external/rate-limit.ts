import type { FastifyInstance, FastifyRequest } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { readSessionToken } from '../../auth/session-cookie.ts'

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
    // Only a correctly signed session cookie earns its own bucket; a made-up one counts as its IP.
    keyGenerator: (req: FastifyRequest) => {
      const token = readSessionToken(req)
      return token ? `s:${token}` : `ip:${req.ip}`
    },
    // Thrown as an error: the kit's error handler turns it into {error:{code,message}}.
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  })
}
