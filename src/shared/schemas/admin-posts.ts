import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import { AuthoredBlock, ImageView, MediaId } from './blocks.ts'

/** How many blocks one post may have (a long read is a few hundred at most). */
export const MAX_BLOCKS = 400

const PostId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })

export const AdminPostParams = Type.Object({ id: PostId })
export type AdminPostParams = Static<typeof AdminPostParams>

/**
 * Where a post stands for followers: `draft` (never visible), `scheduled` (published with a
 * future `publishedAt`: appears by itself at that time), `published` (visible now).
 */
export const PostState = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published')])
export type PostState = Static<typeof PostState>

const postFields = {
  title: Type.String({ minLength: 1, maxLength: 120 }),
  summary: Type.String({ maxLength: 300 }),
  author: Type.String({ maxLength: 60 }),
  /** An image upload; `null` removes the cover. */
  coverMediaId: Type.Union([MediaId, Type.Null()]),
  blocks: Type.Array(AuthoredBlock, { maxItems: MAX_BLOCKS }),
}

/** `POST /api/admin/articles`: a new draft. Without `id` the server picks one. */
export const AdminPostCreate = Type.Object({
  id: Type.Optional(PostId),
  title: postFields.title,
  summary: Type.Optional(postFields.summary),
  author: Type.Optional(postFields.author),
  coverMediaId: Type.Optional(postFields.coverMediaId),
  blocks: Type.Optional(postFields.blocks),
}, { additionalProperties: false })
export type AdminPostCreate = Static<typeof AdminPostCreate>

/**
 * `PUT /api/admin/articles/:id`: replaces title, summary, author, cover and blocks at once.
 * `version` is the one the editor loaded; if someone saved in between the answer is 409
 * VERSION_CONFLICT and nothing changes (reload, merge, save again).
 */
export const AdminPostUpdate = Type.Object({
  ...postFields,
  version: Type.Integer({ minimum: 1 }),
}, { additionalProperties: false })
export type AdminPostUpdate = Static<typeof AdminPostUpdate>

/** `POST /api/admin/articles/:id/schedule`: published, visible from `publishAt` (in the future). */
export const AdminPostSchedule = Type.Object({ publishAt: Type.String({ format: 'date-time' }) }, { additionalProperties: false })
export type AdminPostSchedule = Static<typeof AdminPostSchedule>

/** `GET /api/admin/articles/:id/preview?as=`: the answer a member or a non-member would get. */
export const AdminPostPreviewQuery = Type.Object({
  as: Type.Union([Type.Literal('member'), Type.Literal('nonmember')]),
}, { additionalProperties: false })
export type AdminPostPreviewQuery = Static<typeof AdminPostPreviewQuery>

const meta = {
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  author: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  state: PostState,
  /** When it became (or becomes, if scheduled) visible; null for a draft. */
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
  /** Has a paywall block. */
  premium: Type.Boolean(),
  coverMediaId: Type.Union([Type.String(), Type.Null()]),
}

export const AdminPostSummary = Type.Object({ ...meta, blockCount: Type.Integer() })
export type AdminPostSummary = Static<typeof AdminPostSummary>

export const AdminPostList = Type.Object({ articles: Type.Array(AdminPostSummary) })
export type AdminPostList = Static<typeof AdminPostList>

/**
 * One post as an editor works on it: `blocks` in the authored form as stored (HTML already
 * sanitised into runs, media by id), so it can be edited and sent back with `PUT`.
 */
export const AdminPost = Type.Object({
  ...meta,
  blocks: Type.Array(AuthoredBlock),
  cover: Type.Optional(ImageView),
})
export type AdminPost = Static<typeof AdminPost>
