import type { Static } from '@sinclair/typebox'
import { Type } from '@sinclair/typebox'
import { MediaId } from './blocks.ts'
import { AdminProduct } from './catalogue.ts'

// Series authoring under /api/admin (Bearer ADMIN_TOKEN). Every change is audited.

/** Short enough that the series product id `series-<id>` stays a valid product id. */
const SeriesId = Type.String({ minLength: 1, maxLength: 48, pattern: '^[0-9A-Za-z_-]+$' })
const ArticleId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' })
const Title = Type.String({ minLength: 1, maxLength: 60 })
const Description = Type.String({ maxLength: 500 })

export const AdminSeriesParams = Type.Object({ id: SeriesId })
export type AdminSeriesParams = Static<typeof AdminSeriesParams>
export const AdminSeriesPartParams = Type.Object({ id: SeriesId, articleId: ArticleId })
export type AdminSeriesPartParams = Static<typeof AdminSeriesPartParams>

/** POST /api/admin/series: a new series starts as a draft (no page, no navigation on its parts). */
export const AdminSeriesCreate = Type.Object({
  id: SeriesId,
  title: Title,
  description: Type.Optional(Description),
  /** An uploaded image (media id). */
  coverMediaId: Type.Optional(MediaId),
}, { additionalProperties: false })
export type AdminSeriesCreate = Static<typeof AdminSeriesCreate>

/** PATCH /api/admin/series/:id: only the fields given change; `coverMediaId: null` removes the cover. */
export const AdminSeriesPatch = Type.Object({
  title: Type.Optional(Title),
  description: Type.Optional(Description),
  coverMediaId: Type.Optional(Type.Union([MediaId, Type.Null()])),
}, { additionalProperties: false, minProperties: 1 })
export type AdminSeriesPatch = Static<typeof AdminSeriesPatch>

/** POST /api/admin/series/:id/parts: an existing post becomes the last part. */
export const AdminSeriesPartAdd = Type.Object({ articleId: ArticleId }, { additionalProperties: false })
export type AdminSeriesPartAdd = Static<typeof AdminSeriesPartAdd>

/** PUT /api/admin/series/:id/parts: the new order, every current part exactly once. */
export const AdminSeriesReorder = Type.Object({
  articleIds: Type.Array(ArticleId, { minItems: 1, maxItems: 500, uniqueItems: true }),
}, { additionalProperties: false })
export type AdminSeriesReorder = Static<typeof AdminSeriesReorder>

/** PUT /api/admin/series/:id/product: put the series unlock on sale (or change it). DELETE takes it off sale. */
export const AdminSeriesProductBody = Type.Object({
  priceFen: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
  title: Type.Optional(Title),
  description: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false })
export type AdminSeriesProductBody = Static<typeof AdminSeriesProductBody>

export const AdminSeriesPart = Type.Object({
  id: Type.String(),
  title: Type.String(),
  position: Type.Integer(),
  /** draft: not released; scheduled: released with a future time; published: visible now. */
  state: Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published')]),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type AdminSeriesPart = Static<typeof AdminSeriesPart>

export const AdminSeries = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  coverMediaId: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  parts: Type.Array(AdminSeriesPart),
  product: Type.Optional(AdminProduct),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type AdminSeries = Static<typeof AdminSeries>
export const AdminSeriesList = Type.Object({ series: Type.Array(AdminSeries) })
export type AdminSeriesList = Static<typeof AdminSeriesList>
