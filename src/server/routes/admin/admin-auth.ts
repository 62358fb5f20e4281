import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createHash, timingSafeEqual } from 'node:crypto'
import { ApiError } from '../../http/api-error.ts'

/** Compares hashes so neither the length nor the content of the token leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/**
 * Operator endpoints need `Authorization: Bearer ${ADMIN_TOKEN}`. Without
 * ADMIN_TOKEN they do not exist (404, like any unknown path); a missing or
 * wrong token is a 401.
 */
export function requireAdmin(app: FastifyInstance) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = app.config.adminToken
    if (!token)
      throw new ApiError(404, 'NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`)
    const m = /^Bearer ([\x21-\x7E]{1,512})$/.exec(request.headers.authorization ?? '')
    if (!m || !sameToken(m[1]!, token))
      throw new ApiError(401, 'UNAUTHORIZED', 'Admin token required')
  }
}
