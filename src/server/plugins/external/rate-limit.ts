import type { FastifyInstance, FastifyRequest } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { readSessionToken } from '../../auth/session-cookie.ts'
import { addressBucket } from './client-address.ts'

/** Requests per minute for each kind of route; routes read them from `app.rateLimits`. */
export interface RateLimits {
  /** Ordinary routes, per reader (RATE_LIMIT_PER_MINUTE). */
  perMinute: number
  /** `/api/jssdk/config`, per reader (JSSDK_RATE_LIMIT_PER_MINUTE). */
  jsSdk: number
  /** `/auth/login` and `/auth/callback`. */
  signIn: number
  /** `POST /api/orders`. */
  orders: number
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimits
  }
}

/**
 * Anonymous clients are counted per address, and in China many followers share one
 * (carrier-grade NAT, campus and office networks). Where a request is cheap and safe
 * (reading, JS-SDK signing) an address therefore gets this many times a signed-in
 * reader's allowance; where it costs (sign-in, orders, any write) it does not.
 */
export const SHARED_ADDRESS_FACTOR = 4
/** Sign-in spends a WeChat OAuth exchange per request: strict, per address. */
export const SIGN_IN_PER_MINUTE = 60
/** Each order calls WeChat Pay (prepay, maybe close): strict, per reader. */
export const ORDERS_PER_MINUTE = 10

const SAFE_METHODS = new Set(['GET', 'HEAD'])

/**
 * Signed-in readers are keyed by their user id, resolved the way every route resolves the
 * session (`request.currentUser()`, memoised, so the route reuses the lookup). Only a cookie
 * with a valid signature triggers that lookup; anyone else — including a signed cookie
 * whose session is gone — is keyed by address without touching the database.
 */
export async function clientKey(request: FastifyRequest): Promise<string> {
  if (readSessionToken(request)) {
    const user = await request.currentUser()
    if (user)
      return `u:${user.id}`
  }
  return `ip:${addressBucket(request.ip)}`
}

const isUserKey = (key: string) => key.startsWith('u:')

/** A per-minute limit: `perUser` for signed-in readers, `perAddress` for an anonymous address. */
export function perMinute(perUser: number, perAddress = perUser) {
  return { max: (_req: FastifyRequest, key: string) => isUserKey(key) ? perUser : perAddress, timeWindow: 60_000 }
}

/** A per-minute limit that is generous for an anonymous address on cheap, safe requests. */
export function readHeavyPerMinute(perUser: number) {
  return {
    max: (req: FastifyRequest, key: string) => isUserKey(key) || !SAFE_METHODS.has(req.method) ? perUser : perUser * SHARED_ADDRESS_FACTOR,
    timeWindow: 60_000,
  }
}

/**
 * The store is in memory per instance: a limit, not an accounting system. With N instances
 * behind a load balancer a client gets up to N times the allowance.
 */
export const rateLimitPlugin = fp<{ limits: RateLimits }>(async (app: FastifyInstance, { limits }) => {
  app.decorate('rateLimits', limits)
  await app.register(rateLimit, {
    global: true,
    ...readHeavyPerMinute(limits.perMinute),
    keyGenerator: clientKey,
    // Thrown as an error: the kit's error handler turns it into {error:{code,message}}.
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  })
}, { name: 'rate-limit', dependencies: ['error-handler'] })
