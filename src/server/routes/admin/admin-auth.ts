import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createHash, timingSafeEqual } from 'node:crypto'
import { ApiError } from '../../http/api-error.ts'
import { addressBucket } from '../../plugins/external/client-address.ts'

/** Wrong admin tokens allowed per address in FAILURE_WINDOW_MS before every admin request from it gets 429. */
export const MAX_ADMIN_FAILURES = 10
const FAILURE_WINDOW_MS = 15 * 60_000
/** Bounds the memory an attacker rotating addresses can make us spend. */
const MAX_TRACKED_ADDRESSES = 10_000

/** Who an admin request acts as, for the audit log. */
export const ADMIN_ACTOR = 'admin-token'

/** Compares hashes so neither the length nor the content of the token leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

interface Failures { count: number, since: number }
// One tracker per app (keyed by its config object, shared by every encapsulated admin plugin).
const trackers = new WeakMap<object, Map<string, Failures>>()

function failuresOf(app: FastifyInstance): Map<string, Failures> {
  let map = trackers.get(app.config)
  if (!map) {
    map = new Map()
    trackers.set(app.config, map)
  }
  return map
}

/**
 * Operator endpoints need `Authorization: Bearer ${ADMIN_TOKEN}`. Without
 * ADMIN_TOKEN they do not exist (404, like any unknown path); a missing or
 * wrong token is a 401, logged, and after MAX_ADMIN_FAILURES from one address
 * within 15 minutes that address gets 429 without the token being checked.
 * This runs before the general rate limiter (route-level hooks run last), so it
 * keeps its own count.
 */
export function requireAdmin(app: FastifyInstance) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = app.config.adminToken
    if (!token)
      throw new ApiError(404, 'NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`)
    const failures = failuresOf(app)
    const bucket = addressBucket(request.ip)
    const now = Date.now()
    let seen = failures.get(bucket)
    if (seen && now - seen.since > FAILURE_WINDOW_MS) {
      failures.delete(bucket)
      seen = undefined
    }
    if (seen && seen.count >= MAX_ADMIN_FAILURES) {
      request.log.warn({ ip: request.ip, failures: seen.count }, 'admin request refused: too many wrong tokens from this address')
      throw new ApiError(429, 'RATE_LIMITED', `Too many failed admin sign-ins; retry in ${Math.ceil((seen.since + FAILURE_WINDOW_MS - now) / 1000)} s`)
    }
    const m = /^Bearer ([\x21-\x7E]{1,512})$/.exec(request.headers.authorization ?? '')
    if (m && sameToken(m[1]!, token))
      return
    if (!seen) {
      if (failures.size >= MAX_TRACKED_ADDRESSES)
        failures.delete(failures.keys().next().value!)
      seen = { count: 0, since: now }
      failures.set(bucket, seen)
    }
    seen.count++
    // Never the header itself: a near-miss token is still a secret.
    request.log.warn({ ip: request.ip, path: request.url.split('?')[0], failures: seen.count, hadBearer: !!m }, 'admin authentication failed')
    throw new ApiError(401, 'UNAUTHORIZED', 'Admin token required')
  }
}
