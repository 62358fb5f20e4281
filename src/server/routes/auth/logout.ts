import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { LogoutQuery } from '../../../shared/schemas/auth.ts'
import { readSessionToken, SESSION_COOKIE } from '../../auth/session-cookie.ts'
import { deleteSession, deleteSessionsOfTokenOwner } from '../../db/queries/sessions.ts'
import { errorResponses } from '../../http/error-responses.ts'

/**
 * POST /auth/logout: ends the session server-side (the cookie alone would not be enough);
 * `?all=1` ends every session of the same reader, on every device.
 */
export const logoutRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/logout', {
    schema: { querystring: LogoutQuery, response: { 204: Type.Null(), ...errorResponses(400, 429) } },
  }, async (request, reply) => {
    const token = readSessionToken(request)
    if (token) {
      if (request.query.all)
        await deleteSessionsOfTokenOwner(app.database.db, token)
      else
        await deleteSession(app.database.db, token)
    }
    reply.clearAppCookie(SESSION_COOKIE)
    return reply.status(204).send(null)
  })
}
