import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiErrorBody } from '../../../shared/schemas/api-error.ts'
import { ArticleParams, ArticleTips } from '../../../shared/schemas/articles.ts'
import { findVisibleArticleMeta } from '../../db/queries/articles.ts'
import { tipsOf } from '../../db/queries/tips.ts'
import { ApiError } from '../../http/api-error.ts'

/** GET /api/articles/:id/tips: "N 人赞赏" and the latest tippers' avatars. */
export const articleTipsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/articles/:id/tips', {
    schema: { params: ArticleParams, response: { 200: ArticleTips, 404: ApiErrorBody } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'private, no-store')
    if (!await findVisibleArticleMeta(app.database.db, request.params.id, app.clock.date()))
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    const user = await request.currentUser()
    return tipsOf(app.database.db, request.params.id, user?.id ?? null)
  })
}
