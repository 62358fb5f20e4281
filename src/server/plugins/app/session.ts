import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { User } from '../../db/queries/users.ts'
import fp from 'fastify-plugin'
import { readSessionToken, wireCookieName } from '../../auth/session-cookie.ts'
import { findSessionUser } from '../../db/queries/sessions.ts'
import { unauthorized } from '../../http/api-error.ts'

export { SESSION_COOKIE } from '../../auth/session-cookie.ts'
export const VISITOR_COOKIE = 'vid'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, looked up once per request; null when signed out. */
    currentUser: () => Promise<User | null>
    /** The signed-in user, or a 401 UNAUTHORIZED. */
    requireUser: () => Promise<User>
  }
  interface FastifyReply {
    setAppCookie: (name: string, value: string, maxAgeSeconds: number, path?: string, signed?: boolean) => FastifyReply
    clearAppCookie: (name: string, path?: string) => FastifyReply
  }
}

/** Cookies the kit sets; on https they travel as `__Host-…`/`__Secure-…` (auth/session-cookie.ts). */
const APP_COOKIES: { name: string, path: string }[] = [
  { name: 'sid', path: '/' },
  { name: VISITOR_COOKIE, path: '/' },
  { name: 'oauth_state', path: '/auth' },
]

/** Sessions live server-side; the cookie is an opaque token (HttpOnly, SameSite=Lax, Secure on HTTPS). */
export const sessionPlugin = fp(async (app: FastifyInstance) => {
  const { publicOrigin } = app.config
  const secure = publicOrigin.startsWith('https:')

  if (secure) {
    // Routes read plain names; only the prefixed cookie counts, so an unprefixed `sid`
    // planted by another subdomain is ignored rather than taken for a session.
    app.addHook('onRequest', async (request) => {
      const cookies = request.cookies
      for (const c of APP_COOKIES) {
        const wire = wireCookieName(c.name, publicOrigin, c.path)
        if (cookies[wire] !== undefined)
          cookies[c.name] = cookies[wire]
        else
          delete cookies[c.name]
      }
    })
  }

  app.decorateRequest('currentUser', function (this: FastifyRequest) {
    const memo = this as FastifyRequest & { _user?: Promise<User | null> }
    const token = readSessionToken(this)
    memo._user ??= token ? findSessionUser(app.database.db, token) : Promise.resolve(null)
    return memo._user
  })
  app.decorateRequest('requireUser', async function (this: FastifyRequest) {
    const user = await this.currentUser()
    if (!user)
      throw unauthorized()
    return user
  })
  app.decorateReply('setAppCookie', function (this: FastifyReply, name: string, value: string, maxAgeSeconds: number, path = '/', signed = false) {
    return this.setCookie(wireCookieName(name, publicOrigin, path), value, { httpOnly: true, sameSite: 'lax', secure, path, maxAge: maxAgeSeconds, signed })
  })
  app.decorateReply('clearAppCookie', function (this: FastifyReply, name: string, path = '/') {
    return this.clearCookie(wireCookieName(name, publicOrigin, path), { httpOnly: true, sameSite: 'lax', secure, path })
  })
}, { name: 'session', dependencies: ['cookies'] })
