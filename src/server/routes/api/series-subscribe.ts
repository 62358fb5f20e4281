import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SeriesSubscribeBody, SeriesSubscribeResponse } from '../../../shared/schemas/series-subscribe.ts'
import { SeriesParams } from '../../../shared/schemas/series.ts'
import { addSeriesInterest, countSeriesInterests, findConsent, removeSeriesInterest } from '../../db/queries/wechat-events.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'

/** Enough for any reader; keeps one account from filling the table. */
const MAX_SERIES_PER_READER = 200

/**
 * POST /api/series/:id/subscribe: the page's hint after `wx-open-subscribe` answered. It
 * records which series the reader wants news of; whether a message may be sent is decided
 * by the consent WeChat pushes to /wechat/events (src/server/README.md "Subscribe messages").
 */
export const seriesSubscribeRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.post('/api/series/:id/subscribe', {
    config: { cacheControl: 'private, no-store' },
    schema: {
      params: SeriesParams,
      body: SeriesSubscribeBody,
      response: { 200: SeriesSubscribeResponse, ...errorResponses(400, 401, 403, 409, 503) },
    },
  }, async (request) => {
    const user = await request.requireUser()
    if (user.isSnapshot)
      throw new ApiError(403, 'SNAPSHOT_USER', 'Snapshot-mode visitors cannot subscribe; open the page in WeChat and sign in first')
    const templateId = app.wechatEvents.seriesTemplateId
    if (!templateId)
      throw new ApiError(503, 'SUBSCRIBE_NOT_CONFIGURED', 'Series update notices are not configured')
    const { id } = request.params
    if (request.body.templateId !== templateId)
      throw new ApiError(400, 'TEMPLATE_MISMATCH', 'That template is not the series update notice')
    const interested = request.body.status === 'accept'
    if (interested) {
      if (await countSeriesInterests(db, user.id) >= MAX_SERIES_PER_READER)
        throw new ApiError(409, 'TOO_MANY_SUBSCRIPTIONS', `At most ${MAX_SERIES_PER_READER} series can send update notices to one reader`)
      await addSeriesInterest(db, user.id, id, templateId)
    }
    else {
      await removeSeriesInterest(db, user.id, id)
    }
    const consent = await findConsent(db, user.openid, templateId)
    return { seriesId: id, interested, consentReceived: (consent?.remaining ?? 0) > 0 }
  })
}
