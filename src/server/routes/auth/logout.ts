import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { deleteSession } from '../../db/queries/sessions.ts'
import { SESSION_COOKIE } from '../../plugins/app/session.ts'

/** POST /auth/logout: ends the session server-side (the cookie alone would not be enough). */
export const logoutRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token && token.length <= 128)
      await deleteSession(app.database.db, token)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.status(204).send()
  })
}
