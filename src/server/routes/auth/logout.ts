import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { readSessionToken, SESSION_COOKIE } from '../../auth/session-cookie.ts'
import { deleteSession } from '../../db/queries/sessions.ts'

/** POST /auth/logout: ends the session server-side (the cookie alone would not be enough). */
export const logoutRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/logout', async (request, reply) => {
    const token = readSessionToken(request)
    if (token)
      await deleteSession(app.database.db, token)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send()
  })
}
