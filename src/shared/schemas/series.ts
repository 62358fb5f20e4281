import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import { ImageView } from './blocks.ts'
import { Product } from './catalogue.ts'
import { ReadingProgress } from './reading-progress.ts'

export const SeriesParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' }) })
export type SeriesParams = Static<typeof SeriesParams>

export const SeriesPart = Type.Object({
  id: Type.String(),
  title: Type.String(),
  position: Type.Integer({ minimum: 1 }),
  /** Null while the part is scheduled ("即将更新"); `scheduledAt` then says when. */
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  scheduledAt: Type.Optional(Type.String({ format: 'date-time' })),
  premium: Type.Boolean(),
  locked: Type.Boolean(),
  /** The signed-in reader's progress in this part. */
  progress: Type.Optional(ReadingProgress),
})
export type SeriesPart = Static<typeof SeriesPart>

/** `GET /api/series/:id`. */
export const SeriesDetail = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  cover: Type.Optional(ImageView),
  parts: Type.Array(SeriesPart),
  /** The series unlock (every part, including parts published later), when on sale and not owned. */
  product: Type.Optional(Product),
  /** The reader owns the series (or is a member): no part is locked. */
  owned: Type.Optional(Type.Boolean()),
  /** The subscribe-message template the "更新提醒" button asks consent for, when configured. */
  subscribeTemplateId: Type.Optional(Type.String()),
})
export type SeriesDetail = Static<typeof SeriesDetail>

/** Where a part sits in its series: what `GET /api/articles/:id` carries for 上一篇 / 下一篇. */
export const ArticleSeriesNav = Type.Object({
  id: Type.String(),
  title: Type.String(),
  position: Type.Integer(),
  prev: Type.Optional(Type.Object({ id: Type.String(), title: Type.String() })),
  next: Type.Optional(Type.Object({ id: Type.String(), title: Type.String() })),
})
export type ArticleSeriesNav = Static<typeof ArticleSeriesNav>

/** `GET /api/series`: the published series, for a table of contents of series. */
export const SeriesSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  cover: Type.Optional(ImageView),
  /** Parts out now. */
  publishedParts: Type.Integer(),
  /** Parts scheduled for later. */
  scheduledParts: Type.Integer(),
})
export type SeriesSummary = Static<typeof SeriesSummary>
export const SeriesList = Type.Object({ series: Type.Array(SeriesSummary) })
export type SeriesList = Static<typeof SeriesList>
