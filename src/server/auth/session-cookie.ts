import type { FastifyRequest } from 'fastify'

export const SESSION_COOKIE = 'sid'

/**
 * The name a cookie really has on the wire. On an https origin, cookies for `/` use the
 * `__Host-` prefix (the browser accepts them only with Secure, Path=/ and no Domain, so a
 * sibling subdomain cannot plant or overwrite them) and narrower ones `__Secure-`.
 * Code reads and writes the plain names; plugins/app/session.ts translates.
 */
export function wireCookieName(name: string, publicOrigin: string, path = '/'): string {
  if (!publicOrigin.startsWith('https:'))
    return name
  return path === '/' ? `__Host-${name}` : `__Secure-${name}`
}

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
