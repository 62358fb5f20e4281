import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { ArticleParams } from '../../../shared/schemas/articles.ts'
import { ProgressBody } from '../../../shared/schemas/reading-progress.ts'
import { saveProgress } from '../../db/queries/reading-progress.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'

/**
 * PUT /api/articles/:id/progress (signed in) → 204. One upsert per write, no read first: the page
 * already batches (a write every few seconds at most, one on leaving), so there is nothing to
 * coalesce here that the statement does not do itself (db/queries/reading-progress.ts: stale
 * writes move nothing back, `finished` never reverts, a block index past the end is clamped).
 * The ordinary per-reader rate limit applies; it is far above what the page sends.
 */
export const readingProgressRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/api/articles/:id/progress', {
    schema: { params: ArticleParams, body: ProgressBody, response: { 204: Type.Null(), ...errorResponses(400, 401, 404, 429) } },
    config: { cacheControl: 'private, no-store' },
  }, async (request, reply) => {
    const user = await request.requireUser()
    const { blockIndex, depthPct, mediaPositionMs } = request.body
    const saved = await saveProgress(app.database.db, user.id, request.params.id, { blockIndex, depthPct, mediaPositionMs, at: app.clock.date() })
    if (!saved)
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    return reply.status(204).send(null)
  })
}
