import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Scope } from '../../analytics/reports.ts'
import { ArticleParams, CohortsQuery, CohortsReport, DailyQuery, DailyReport, DateRangeQuery, FunnelQuery, FunnelReport, PostReport, RealtimeQuery, RealtimeReport, SeriesParams, SharesQuery, SharesReport } from '../../../shared/schemas/analytics.ts'
import { dayRange } from '../../analytics/range.ts'
import { cohortsReport, dailyReport, funnelReport, postReport, realtimeReport, sharesReport } from '../../analytics/reports.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { defaultCacheControl } from '../../plugins/app/cache-control.ts'
import { requireAdmin } from './admin-auth.ts'

const errors = errorResponses(400, 401, 404, 429)

/** GET /api/admin/analytics/…: operator reports, read from rollups (src/server/analytics/README.md). */
export const adminAnalyticsRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', requireAdmin(app))
  defaultCacheControl(app, 'no-store')
  const { db } = app.database
  const now = () => app.clock.now()
  const scopeOf = (q: { articleId?: string, series?: string }): Scope =>
    q.articleId ? { post: q.articleId } : q.series ? { series: q.series } : { all: true }

  app.get('/api/admin/analytics/realtime', {
    schema: { querystring: RealtimeQuery, response: { 200: RealtimeReport, ...errors } },
  }, async request => realtimeReport(db, request.query.articleId, now()))

  app.get('/api/admin/analytics/articles/:id', {
    schema: { params: ArticleParams, querystring: DateRangeQuery, response: { 200: PostReport, ...errors } },
  }, async request => postReport(db, { post: request.params.id }, dayRange(request.query, now())))

  app.get('/api/admin/analytics/series/:series', {
    schema: { params: SeriesParams, querystring: DateRangeQuery, response: { 200: PostReport, ...errors } },
  }, async request => postReport(db, { series: request.params.series }, dayRange(request.query, now())))

  app.get('/api/admin/analytics/funnel', {
    schema: { querystring: FunnelQuery, response: { 200: FunnelReport, ...errors } },
  }, async request => funnelReport(db, scopeOf(request.query), request.query, dayRange(request.query, now())))

  app.get('/api/admin/analytics/shares', {
    schema: { querystring: SharesQuery, response: { 200: SharesReport, ...errors } },
  }, async request => sharesReport(db, scopeOf(request.query), request.query.from || request.query.to ? dayRange(request.query, now()) : null))

  app.get('/api/admin/analytics/cohorts', {
    schema: { querystring: CohortsQuery, response: { 200: CohortsReport, ...errors } },
  }, async request => cohortsReport(db, dayRange(request.query, now(), 8 * 7)))

  app.get('/api/admin/analytics/daily', {
    schema: { querystring: DailyQuery, response: { 200: DailyReport, ...errors } },
  }, async request => dailyReport(db, request.query.articleId, dayRange(request.query, now())))
}
