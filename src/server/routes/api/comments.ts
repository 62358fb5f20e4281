import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { ApiErrorBody } from '../../../shared/schemas/api-error.ts'
import { ArticleCommentsParams, CommentLikeResponse, CommentList, CommentListQuery, CommentParams, CreateCommentBody, CreateCommentResponse } from '../../../shared/schemas/comments.ts'
import { createComment } from '../../comments/create-comment.ts'
import { commentView, decodeCursor, encodeCursor } from '../../comments/views.ts'
import { findVisibleArticleMeta } from '../../db/queries/articles.ts'
import { like, unlike } from '../../db/queries/comment-likes.ts'
import { deleteOwnComment, listApproved, listAuthorOnly } from '../../db/queries/comments.ts'
import { ApiError } from '../../http/api-error.ts'

const PAGE = 20
const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 429: ApiErrorBody }
const commentNotFound = () => new ApiError(404, 'COMMENT_NOT_FOUND', 'No such comment')

/** A real follower, signed in: snapshot-mode identities are virtual and may only read. */
async function requireFollower(request: FastifyRequest, doing: string) {
  const user = await request.requireUser()
  if (user.isSnapshot)
    throw new ApiError(403, 'SNAPSHOT_USER', `Snapshot-mode visitors cannot ${doing}; open the page in WeChat and sign in first`)
  return user
}

/**
 * 留言 under articles. Other readers only ever get approved comments; the author also gets
 * their own waiting or refused ones, marked with their status. Answers depend on who asks.
 */
export const commentsRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database

  app.get('/api/articles/:id/comments', {
    schema: { params: ArticleCommentsParams, querystring: CommentListQuery, response: { 200: CommentList, ...errors } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'private, no-store')
    if (!await findVisibleArticleMeta(db, request.params.id, app.clock.date()))
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    const user = await request.currentUser()
    const viewerId = user?.id ?? null
    const cursor = decodeCursor(request.query.cursor)
    // The author's own waiting comments come first, on the first page only.
    const own = viewerId !== null && !cursor ? await listAuthorOnly(db, request.params.id, viewerId) : []
    const page = await listApproved(db, request.params.id, viewerId, cursor, PAGE + 1)
    const shown = page.slice(0, PAGE)
    const last = shown.at(-1)
    return {
      comments: [...own, ...shown].map(c => commentView(c, viewerId)),
      ...(page.length > PAGE && last ? { nextCursor: encodeCursor(last) } : {}),
    }
  })

  app.post('/api/articles/:id/comments', {
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { params: ArticleCommentsParams, body: CreateCommentBody, response: { 201: CreateCommentResponse, ...errors } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    const user = await requireFollower(request, 'comment')
    const created = await createComment(app, user, request.params.id, request.body.text)
    return reply.status(201).send({ comment: commentView(created, user.id) })
  })

  app.post('/api/comments/:id/likes', {
    schema: { params: CommentParams, response: { 200: CommentLikeResponse, ...errors } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    const user = await requireFollower(request, 'like comments')
    const likes = await like(db, request.params.id, user.id)
    if (likes === null)
      throw commentNotFound()
    return { likes, likedByMe: true }
  })

  app.delete('/api/comments/:id/likes', {
    schema: { params: CommentParams, response: { 200: CommentLikeResponse, ...errors } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    const user = await requireFollower(request, 'like comments')
    const likes = await unlike(db, request.params.id, user.id)
    if (likes === null)
      throw commentNotFound()
    return { likes, likedByMe: false }
  })

  app.delete('/api/comments/:id', {
    schema: { params: CommentParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    const user = await request.requireUser()
    // Someone else's comment answers exactly like a missing one.
    if (!await deleteOwnComment(db, request.params.id, user.id))
      throw commentNotFound()
    return reply.status(204).send(null)
  })
}
