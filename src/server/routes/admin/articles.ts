import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AdminPost, AdminPostCreate, AdminPostList, AdminPostParams, AdminPostPreviewQuery, AdminPostSchedule, AdminPostUpdate } from '../../../shared/schemas/admin-posts.ts'
import { ArticleView } from '../../../shared/schemas/articles.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { adminCreatePost, adminDeletePost, adminGetPost, adminListPosts, adminPreviewPost, adminPublishPost, adminSchedulePost, adminUnpublishPost, adminUpdatePost } from '../../posts/index.ts'
import { requireAdmin } from './admin-auth.ts'
import { adminActor } from './polls.ts'

const errors = errorResponses(400, 401, 404, 409, 429)
// A long post with its text is more than the default 64 KiB body.
const POST_BODY_LIMIT = 1024 * 1024

/** Operators write posts: drafts, edits, previews as each kind of reader, scheduling and publishing. */
export const adminArticlesRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', requireAdmin(app))
  const config = { cacheControl: 'no-store' }

  app.get('/api/admin/articles', { config, schema: { response: { 200: AdminPostList, ...errors } } }, async () => adminListPosts(app))

  app.post('/api/admin/articles', {
    config,
    bodyLimit: POST_BODY_LIMIT,
    schema: { body: AdminPostCreate, response: { 201: AdminPost, ...errors } },
  }, async (request, reply) => reply.status(201).send(await adminCreatePost(app, adminActor(request), request.body)))

  app.get('/api/admin/articles/:id', {
    config,
    schema: { params: AdminPostParams, response: { 200: AdminPost, ...errors } },
  }, async request => adminGetPost(app, request.params.id))

  app.put('/api/admin/articles/:id', {
    config,
    bodyLimit: POST_BODY_LIMIT,
    schema: { params: AdminPostParams, body: AdminPostUpdate, response: { 200: AdminPost, ...errors } },
  }, async request => adminUpdatePost(app, adminActor(request), request.params.id, request.body))

  app.get('/api/admin/articles/:id/preview', {
    config,
    schema: { params: AdminPostParams, querystring: AdminPostPreviewQuery, response: { 200: ArticleView, ...errors } },
  }, async request => adminPreviewPost(app, request.params.id, request.query.as))

  app.post('/api/admin/articles/:id/publish', {
    config,
    schema: { params: AdminPostParams, response: { 200: AdminPost, ...errors } },
  }, async request => adminPublishPost(app, adminActor(request), request.params.id))

  app.post('/api/admin/articles/:id/schedule', {
    config,
    schema: { params: AdminPostParams, body: AdminPostSchedule, response: { 200: AdminPost, ...errors } },
  }, async request => adminSchedulePost(app, adminActor(request), request.params.id, request.body.publishAt))

  app.post('/api/admin/articles/:id/unpublish', {
    config,
    schema: { params: AdminPostParams, response: { 200: AdminPost, ...errors } },
  }, async request => adminUnpublishPost(app, adminActor(request), request.params.id))

  app.delete('/api/admin/articles/:id', {
    config,
    schema: { params: AdminPostParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await adminDeletePost(app, adminActor(request), request.params.id)
    return reply.status(204).send(null)
  })
}
