import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'

/** A comment is at most this many characters (code points, so an emoji counts once). */
export const COMMENT_MAX_CHARS = 600

export const CommentStatus = Type.Union([
  Type.Literal('pending'), // 审核中 / 仅自己可见
  Type.Literal('approved'),
  Type.Literal('rejected'), // 未通过审核 (by an operator)
  Type.Literal('blocked'), // 未通过审核 (by the automatic check)
])
export type CommentStatus = Static<typeof CommentStatus>

export const CommentReply = Type.Object({
  text: Type.String(),
  at: Type.String({ format: 'date-time' }),
})

export const CommentView = Type.Object({
  id: Type.Integer(),
  nickname: Type.String(),
  avatarUrl: Type.String(),
  /** Plain text as written: render it as text, never as HTML. */
  text: Type.String(),
  likes: Type.Integer(),
  likedByMe: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  /** The account's reply. */
  reply: Type.Optional(CommentReply),
  /** Written by the reader asking. */
  mine: Type.Boolean(),
  /** Only on the reader's own comments. */
  status: Type.Optional(CommentStatus),
  /** 精选: chosen by the account, listed first. */
  featured: Type.Boolean(),
})
export type CommentView = Static<typeof CommentView>

export const CommentList = Type.Object({
  comments: Type.Array(CommentView),
  /** Pass as `?cursor=` for the next page; absent on the last page. */
  nextCursor: Type.Optional(Type.String()),
})
export type CommentList = Static<typeof CommentList>

export const ArticleCommentsParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' }) })
export const CommentListQuery = Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 64, pattern: '^[01]\\.[0-9]{1,15}$' })) })
export type CommentListQuery = Static<typeof CommentListQuery>

/** Length is checked by the server in characters (COMMENT_TOO_LONG); this bound only stops abuse. */
export const CreateCommentBody = Type.Object({ text: Type.String({ maxLength: 4 * COMMENT_MAX_CHARS }) })
export type CreateCommentBody = Static<typeof CreateCommentBody>

export const CreateCommentResponse = Type.Object({ comment: CommentView })
export type CreateCommentResponse = Static<typeof CreateCommentResponse>

export const CommentParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) })
export type CommentParams = Static<typeof CommentParams>

export const CommentLikeResponse = Type.Object({ likes: Type.Integer(), likedByMe: Type.Boolean() })
export type CommentLikeResponse = Static<typeof CommentLikeResponse>
