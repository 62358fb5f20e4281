// Cookies on the simulator origin: the remembered consent persona and the browser id that
// ties a browser's snapshot sign-in (protocol §1.1) to its later wx.config (routes/bridge.ts).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { randomString } from '../ids.ts'

export const PERSONA_COOKIE = 'wxsim_persona'
export const BROWSER_COOKIE = 'wxsim_bid'

export function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name)
      return v.join('=')
  }
  return undefined
}

/**
 * SameSite=Lax: sent on the top-level consent navigation and on the bridge's credentialed
 * fetch from a same-site page (127.0.0.1:5173 → 127.0.0.1:8787; ports do not make another
 * site). A cross-site page (localhost vs 127.0.0.1) does not send it: the browser then counts
 * as never signed in as the snapshot persona. SameSite=None would need Secure, i.e. https.
 */
export function cookieHeader(name: string, value: string, httpOnly = false): string {
  return `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Lax${httpOnly ? '; HttpOnly' : ''}`
}

/** This browser's id, assigned (Set-Cookie appended to `setCookies`) on first sight. */
export function browserId(request: FastifyRequest, setCookies: string[]): string {
  const existing = cookie(request, BROWSER_COOKIE)
  if (existing && /^[A-Z0-9]{32}$/i.test(existing))
    return existing
  const bid = randomString(32)
  setCookies.push(cookieHeader(BROWSER_COOKIE, bid, true))
  return bid
}

export function sendCookies(reply: FastifyReply, setCookies: string[]): void {
  if (setCookies.length > 0)
    reply.header('set-cookie', setCookies)
}
