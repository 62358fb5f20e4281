import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import { Block, ImageView } from './blocks.ts'
import { Product } from './catalogue.ts'
import { ReadingProgress } from './reading-progress.ts'
import { ArticleSeriesNav } from './series.ts'

export const ArticleParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' }) })
export type ArticleParams = Static<typeof ArticleParams>

export const ArticleSeries = Type.Object({
  /** The series' id, for its page (`GET /api/series/:id`). */
  id: Type.String(),
  title: Type.String(),
  position: Type.Integer(),
})

/** A list entry: never carries a body. */
export const ArticleSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  author: Type.String(),
  series: Type.Optional(ArticleSeries),
  coverUrl: Type.Optional(Type.String()),
  /** The cover upload with its size (issue 12); `coverUrl` is then its small variant. */
  cover: Type.Optional(ImageView),
  /** Has a premium part behind the paywall. */
  premium: Type.Boolean(),
  /** Premium and the current reader is not entitled (not a member, not unlocked). */
  locked: Type.Boolean(),
  publishedAt: Type.String({ format: 'date-time' }),
  /** The signed-in reader's progress in it, when they opened it before. */
  progress: Type.Optional(ReadingProgress),
})
export type ArticleSummary = Static<typeof ArticleSummary>

export const ArticleList = Type.Object({ articles: Type.Array(ArticleSummary) })
export type ArticleList = Static<typeof ArticleList>

/** What the paywall offers where the preview ends. */
export const Paywall = Type.Object({
  memberships: Type.Array(Product),
  /** Single-article unlock, when one is on sale. */
  unlock: Type.Optional(Product),
  /** The series unlock (every part, including later ones), when this is a part of a series on sale. */
  series: Type.Optional(Product),
})
export type Paywall = Static<typeof Paywall>

/** "N 人赞赏": distinct real (non-snapshot) people with a paid tip, latest first. */
export const ArticleTips = Type.Object({
  count: Type.Integer(),
  tippers: Type.Array(Type.Object({ nickname: Type.String(), avatarUrl: Type.String() })),
  /** The signed-in reader has a paid tip on this article (thank-you state). */
  tippedByMe: Type.Boolean(),
})
export type ArticleTips = Static<typeof ArticleTips>

/**
 * `GET /api/articles/:id`: a post made of blocks (`Block` in blocks.ts).
 * For a locked post `blocks` ends with the `paywall` block: nothing after it is sent, and premium
 * media URLs are never in the answer. Entitled readers get every block, premium media as short-lived
 * signed URLs. `progress` is the signed-in reader's saved position.
 */
export const ArticleView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  author: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
  cover: Type.Optional(ImageView),
  series: Type.Optional(ArticleSeriesNav),
  premium: Type.Boolean(),
  locked: Type.Boolean(),
  blocks: Type.Array(Block),
  paywall: Type.Optional(Paywall),
  progress: Type.Optional(ReadingProgress),
})
export type ArticleView = Static<typeof ArticleView>
