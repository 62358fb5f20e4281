import type { FastifyInstance } from 'fastify'
import type { ImageView } from '../../shared/schemas/blocks.ts'
import type { SeriesDetail, SeriesPart, SeriesSummary } from '../../shared/schemas/series.ts'
import type { SeriesRow } from '../db/queries/series.ts'
import { productView } from '../catalogue/views.ts'
import { progressFor } from '../db/queries/reading-progress.ts'
import { coverOf, findSeriesProduct, listParts } from '../db/queries/series.ts'

/** Who is reading, as far as locks go. Null: anonymous (the public, cached answer). */
export interface SeriesReader {
  userId: number
  /** An active member or an owner of this series: no part is locked. */
  owned: boolean
  /** Articles unlocked one by one. */
  unlocked: Set<string>
}

export async function coverView(app: FastifyInstance, mediaId: string | null, alt: string): Promise<ImageView | undefined> {
  const m = await coverOf(app.database.db, mediaId)
  if (!m || !m.width || !m.height)
    return undefined
  const view: ImageView = { mediaId: m.id, src: app.media.links.publicUrl(m.id), width: m.width, height: m.height, alt }
  if (m.variants.thumb)
    view.thumb = app.media.links.publicUrl(m.id, 'thumb')
  return view
}

/**
 * The series page. Parts out now carry `publishedAt`; scheduled ones `publishedAt: null` and
 * `scheduledAt` (title only: no text of a scheduled part is ever read here). The series product
 * is offered to whoever does not own the series.
 */
export async function seriesDetail(app: FastifyInstance, s: SeriesRow, now: Date, reader: SeriesReader | null): Promise<SeriesDetail> {
  const { db } = app.database
  const [rows, cover, product] = await Promise.all([listParts(db, s.id, now), coverView(app, s.coverMediaId, s.title), findSeriesProduct(db, s.id)])
  const progress = reader ? await progressFor(db, reader.userId, rows.filter(r => r.visible).map(r => r.id)) : new Map()
  const parts = rows.map((r) => {
    const part: SeriesPart = {
      id: r.id,
      title: r.title,
      position: r.position,
      publishedAt: r.visible && r.publishedAt ? r.publishedAt.toISOString() : null,
      premium: r.isPremium,
      locked: r.isPremium && !(reader?.owned || reader?.unlocked.has(r.id)),
    }
    if (!r.visible && r.publishedAt)
      part.scheduledAt = r.publishedAt.toISOString()
    const p = progress.get(r.id)
    if (p)
      part.progress = p
    return part
  })
  const owned = reader?.owned ?? false
  const detail: SeriesDetail = { id: s.id, title: s.title, description: s.description, parts, owned }
  if (cover)
    detail.cover = cover
  if (product && !owned)
    detail.product = productView(product)
  // What the page's 更新提醒 open tag asks consent for, when this deployment sends update notices.
  const template = app.wechatEvents.seriesTemplateId
  if (template)
    detail.subscribeTemplateId = template
  return detail
}

export async function seriesSummary(app: FastifyInstance, s: SeriesRow, now: Date): Promise<SeriesSummary> {
  const [rows, cover] = await Promise.all([listParts(app.database.db, s.id, now), coverView(app, s.coverMediaId, s.title)])
  const summary: SeriesSummary = { id: s.id, title: s.title, description: s.description, publishedParts: rows.filter(r => r.visible).length, scheduledParts: rows.filter(r => !r.visible).length }
  if (cover)
    summary.cover = cover
  return summary
}
