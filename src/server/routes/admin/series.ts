import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AdminSeries, AdminSeriesCreate, AdminSeriesList, AdminSeriesParams, AdminSeriesPartAdd, AdminSeriesPartParams, AdminSeriesPatch, AdminSeriesProductBody, AdminSeriesReorder } from '../../../shared/schemas/admin-series.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { addPart, clearProduct, createSeries, dropPart, editSeries, getAdminSeries, listAdminSeries, publishSeries, reorder, setProduct } from '../../series/authoring.ts'
import { ADMIN_ACTOR, requireAdmin } from './admin-auth.ts'

/** Series authoring (Bearer ADMIN_TOKEN): every change is audited; see series/authoring.ts. */
export const adminSeriesRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', requireAdmin(app))
  const config = { cacheControl: 'no-store' }
  const one = { 200: AdminSeries, ...errorResponses(400, 401, 404, 409, 429) }

  app.get('/api/admin/series', { schema: { response: { 200: AdminSeriesList, ...errorResponses(401, 404, 429) } }, config }, async () =>
    ({ series: await listAdminSeries(app) }))

  app.post('/api/admin/series', { schema: { body: AdminSeriesCreate, response: { 201: AdminSeries, ...errorResponses(400, 401, 404, 409, 429) } }, config }, async (request, reply) =>
    reply.status(201).send(await createSeries(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.body)))

  app.get('/api/admin/series/:id', { schema: { params: AdminSeriesParams, response: one }, config }, async request =>
    getAdminSeries(app, request.params.id))

  app.patch('/api/admin/series/:id', { schema: { params: AdminSeriesParams, body: AdminSeriesPatch, response: one }, config }, async request =>
    editSeries(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.params.id, request.body))

  app.post('/api/admin/series/:id/publish', { schema: { params: AdminSeriesParams, response: one }, config }, async request =>
    publishSeries(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.params.id, 'published'))

  app.post('/api/admin/series/:id/unpublish', { schema: { params: AdminSeriesParams, response: one }, config }, async request =>
    publishSeries(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.params.id, 'draft'))

  app.post('/api/admin/series/:id/parts', { schema: { params: AdminSeriesParams, body: AdminSeriesPartAdd, response: one }, config }, async request =>
    addPart(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.params.id, request.body.articleId))

  app.put('/api/admin/series/:id/parts', { schema: { params: AdminSeriesParams, body: AdminSeriesReorder, response: one }, config }, async request =>
    reorder(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.params.id, request.body.articleIds))

  app.delete('/api/admin/series/:id/parts/:articleId', { schema: { params: AdminSeriesPartParams, response: one }, config }, async request =>
    dropPart(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.params.id, request.params.articleId))

  app.put('/api/admin/series/:id/product', { schema: { params: AdminSeriesParams, body: AdminSeriesProductBody, response: one }, config }, async request =>
    setProduct(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.params.id, request.body))

  app.delete('/api/admin/series/:id/product', { schema: { params: AdminSeriesParams, response: one }, config }, async request =>
    clearProduct(app, { actor: ADMIN_ACTOR, ip: request.ip }, request.params.id))
}
