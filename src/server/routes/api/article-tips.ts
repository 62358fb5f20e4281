import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ArticleParams, ArticleTips } from '../../../shared/schemas/articles.ts'
import { findVisibleArticleMeta } from '../../db/queries/articles.ts'
import { tipsOf } from '../../db/queries/tips.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'

/** GET /api/articles/:id/tips: "N 人赞赏" and the latest tippers' avatars. */
export const articleTipsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/articles/:id/tips', {
    config: { cacheControl: 'private, no-store' },
    schema: { params: ArticleParams, response: { 200: ArticleTips, ...errorResponses(400, 404, 429) } },
  }, async (request) => {
    if (!await findVisibleArticleMeta(app.database.db, request.params.id, app.clock.date()))
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    const user = await request.currentUser()
    return tipsOf(app.database.db, request.params.id, user?.id ?? null)
  })
}
