import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CommentParams } from '../../../shared/schemas/comments.ts'
import { AdminComment, AdminCommentList, AdminCommentQuery, ClaimBody, DecideBody, ModerationSettings, ReplyBody, ReplyResponse } from '../../../shared/schemas/moderation.ts'
import { recordAudit } from '../../audit/audit-log.ts'
import { adminActor, DEFAULT_MODERATOR } from '../../comments/audit-actor.ts'
import { claim, decide, reply as replyTo } from '../../comments/operator-actions.ts'
import { adminCommentView } from '../../comments/views.ts'
import { findForOperator, listQueue } from '../../db/queries/comment-queue.ts'
import { readSettings, writeSettings } from '../../db/queries/moderation.ts'
import { ApiError, notFound } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { defaultCacheControl } from '../../plugins/app/cache-control.ts'
import { requireAdmin } from './admin-auth.ts'

const PAGE = 50
const errors = errorResponses(400, 401, 404, 409, 429)

/**
 * The moderation queue. Moderators claim items (so two never handle the same one), then
 * approve, feature, reject with a reason, reply as the account, or delete. Every action is
 * in the audit log.
 */
export const adminCommentsRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  app.addHook('onRequest', requireAdmin(app))
  defaultCacheControl(app, 'no-store')

  app.get('/api/admin/comments', {
    schema: { querystring: AdminCommentQuery, response: { 200: AdminCommentList, ...errors } },
  }, async (request) => {
    const q = request.query
    const rows = await listQueue(db, { status: q.status, articleId: q.articleId, afterId: q.cursor ? Number(q.cursor) : undefined, limit: PAGE + 1 })
    const shown = rows.slice(0, PAGE)
    return { comments: shown.map(adminCommentView), ...(rows.length > PAGE ? { nextCursor: String(shown.at(-1)!.id) } : {}) }
  })

  app.get('/api/admin/comments/:id', {
    schema: { params: CommentParams, response: { 200: AdminComment, ...errors } },
  }, async (request) => {
    const row = await findForOperator(db, request.params.id)
    if (!row)
      throw notFound('Comment')
    return adminCommentView(row)
  })

  app.post('/api/admin/comments/claim', {
    schema: { body: ClaimBody, response: { 200: AdminCommentList, ...errors } },
  }, async (request) => {
    const ids = await claim(app, adminActor(request), request.body.moderator, request.body.limit ?? 10)
    const rows = await Promise.all(ids.map(id => findForOperator(db, id)))
    return { comments: rows.filter(r => r !== null).map(adminCommentView) }
  })

  app.post('/api/admin/comments/:id/decide', {
    schema: { params: CommentParams, body: DecideBody, response: { 200: AdminComment, ...errors } },
  }, async (request) => {
    await decide(app, adminActor(request), request.params.id, request.body, request.body.moderator ?? DEFAULT_MODERATOR)
    return adminCommentView((await findForOperator(db, request.params.id))!)
  })

  app.post('/api/admin/comments/:id/reply', {
    schema: { params: CommentParams, body: ReplyBody, response: { 200: ReplyResponse, ...errors } },
  }, async (request) => {
    const text = request.body.text.trim()
    if (!text)
      throw new ApiError(400, 'REPLY_EMPTY', 'Write the reply first')
    const done = await replyTo(app, adminActor(request), request.params.id, text, request.body.moderator ?? DEFAULT_MODERATOR)
    return { comment: adminCommentView(done.comment), check: done.check }
  })

  app.delete('/api/admin/comments/:id/reply', {
    schema: { params: CommentParams, response: { 200: ReplyResponse, ...errors } },
  }, async (request) => {
    const done = await replyTo(app, adminActor(request), request.params.id, null, DEFAULT_MODERATOR)
    return { comment: adminCommentView(done.comment), check: done.check }
  })

  app.get('/api/admin/comments/settings', {
    schema: { response: { 200: ModerationSettings, ...errors } },
  }, async () => readSettings(db))

  app.patch('/api/admin/comments/settings', {
    schema: { body: ModerationSettings, response: { 200: ModerationSettings, ...errors } },
  }, async (request) => {
    return db.transaction(async (tx) => {
      const saved = await writeSettings(tx, request.body)
      await recordAudit(tx, adminActor(request), { action: 'moderation.settings.update', targetType: 'moderation-settings', targetId: 'account', details: { ...saved } })
      return saved
    })
  })
}
