import type { FastifyRequest } from 'fastify'

export const SESSION_COOKIE = 'sid'

/**
 * The session token from the signed `sid` cookie, or null. The signature lets
 * cheap per-request code (rate limiting) trust the cookie without a database
 * lookup: a made-up value never passes as a session.
 */
export function readSessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE]
  if (!raw || raw.length > 256)
    return null
  const unsigned = request.unsignCookie(raw)
  return unsigned.valid && unsigned.value ? unsigned.value : null
}
