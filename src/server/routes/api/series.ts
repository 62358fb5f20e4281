import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { User } from '../../db/queries/users.ts'
import type { SeriesReader } from '../../series/views.ts'
import { SeriesDetail, SeriesList, SeriesParams } from '../../../shared/schemas/series.ts'
import { publicBody, sendPublic } from '../../content/public-reply.ts'
import { hasActiveMembership, ownsSeries, unlockedArticleIds } from '../../db/queries/entitlements.ts'
import { findSeries, listSeries } from '../../db/queries/series.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { seriesDetail, seriesSummary } from '../../series/views.ts'

/**
 * GET /api/series and GET /api/series/:id. What an anonymous reader sees is the same for
 * everyone and comes from the public content cache with an ETag (a scheduled part appearing
 * clears it: series/announce.ts); a signed-in reader's page (locks, progress, ownership) is
 * `private, no-store`.
 */
export const seriesRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const { content } = app
  const PUBLIC = 'private, no-cache'

  const readerOf = async (user: User, seriesId: string): Promise<SeriesReader> => {
    const owned = await hasActiveMembership(db, user.id, app.clock.date()) || await ownsSeries(db, user.id, seriesId)
    return { userId: user.id, owned, unlocked: owned ? new Set() : await unlockedArticleIds(db, user.id) }
  }

  app.get('/api/series', {
    schema: { response: { 200: SeriesList } },
  }, async (request, reply) => {
    const body = await content.get('series:list', async () => {
      const rows = await listSeries(db, { publishedOnly: true })
      const series = await Promise.all(rows.map(s => seriesSummary(app, s, app.clock.date())))
      return publicBody(reply.serialize({ series }) as string, content.version())
    })
    return sendPublic(request, reply, body, PUBLIC)
  })

  app.get('/api/series/:id', {
    schema: { params: SeriesParams, response: { 200: SeriesDetail, ...errorResponses(400, 404) } },
    config: { cacheControl: 'private, no-store' },
  }, async (request, reply) => {
    const s = await content.get(`series:${request.params.id}`, () => findSeries(db, request.params.id))
    if (!s || s.status !== 'published')
      throw new ApiError(404, 'SERIES_NOT_FOUND', 'No such series')
    const user = await request.currentUser()
    if (!user) {
      const body = await content.get(`series:${s.id}:public`, async () =>
        publicBody(reply.serialize(await seriesDetail(app, s, app.clock.date(), null)) as string, content.version()))
      return sendPublic(request, reply, body, PUBLIC)
    }
    let reader = await readerOf(user, s.id)
    // A payment whose notification was lost shows up here, without the SPA's help.
    if (!reader.owned && !user.isSnapshot && await app.pay?.recoverPending(user.id))
      reader = await readerOf(user, s.id)
    return seriesDetail(app, s, app.clock.date(), reader)
  })
}
