import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Me } from '../../../shared/schemas/me.ts'
import { errorResponses } from '../../http/error-responses.ts'

/** GET /api/me: who is signed in (401 when nobody is). */
export const meRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/me', {
    config: { cacheControl: 'no-store' },
    schema: { response: { 200: Me, ...errorResponses(401, 429) } },
  }, async (request) => {
    const user = await request.requireUser()
    return { id: user.id, nickname: user.nickname, avatarUrl: user.avatarUrl, isSnapshot: user.isSnapshot }
  })
}
