import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { User } from '../../db/queries/users.ts'
import { readSessionToken } from '../../auth/session-cookie.ts'
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
  }
}

/** Sessions live server-side; the cookie is an opaque token (HttpOnly, SameSite=Lax, Secure on HTTPS). */
export function registerSession(app: FastifyInstance): void {
  const secure = app.config.publicOrigin.startsWith('https:')

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
    return this.setCookie(name, value, { httpOnly: true, sameSite: 'lax', secure, path, maxAge: maxAgeSeconds, signed })
  })
}
