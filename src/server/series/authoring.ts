import type { FastifyInstance } from 'fastify'
import type { AdminSeries, AdminSeriesCreate, AdminSeriesPatch, AdminSeriesProductBody } from '../../shared/schemas/admin-series.ts'
import type { AuditActor } from '../audit/audit-log.ts'
import type { Db } from '../db/database.ts'
import type { SeriesRow } from '../db/queries/series.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { adminProductView } from '../catalogue/views.ts'
import { appendPart, articleSeriesOf, deactivateSeriesProduct, insertSeries, isImage, lockSeries, partIds, removePart, reorderParts, setSeriesStatus, updateSeries, upsertSeriesProduct } from '../db/queries/series-authoring.ts'
import { findSeries, findSeriesProduct, listAllParts, listSeries } from '../db/queries/series.ts'
import { ApiError } from '../http/api-error.ts'

// Operator actions on series. Each runs in one transaction holding the series row's lock, with
// its audit entry; public caches are cleared after commit, and parts that just came out are
// announced (series/announce.ts) without the operator's request waiting for listeners.

const seriesNotFound = () => new ApiError(404, 'SERIES_NOT_FOUND', 'No such series')

export async function adminSeriesView(app: FastifyInstance, s: SeriesRow, db: Db = app.database.db): Promise<AdminSeries> {
  const [parts, product] = await Promise.all([listAllParts(db, s.id, app.clock.date()), findSeriesProduct(db, s.id, { activeOnly: false })])
  const view: AdminSeries = {
    id: s.id,
    title: s.title,
    description: s.description,
    coverMediaId: s.coverMediaId,
    status: s.status,
    parts: parts.map(p => ({ id: p.id, title: p.title, position: p.position, state: !p.released ? 'draft' : p.visible ? 'published' : 'scheduled', publishedAt: p.publishedAt?.toISOString() ?? null })),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  }
  if (product)
    view.product = adminProductView(product)
  return view
}

export async function listAdminSeries(app: FastifyInstance): Promise<AdminSeries[]> {
  return Promise.all((await listSeries(app.database.db, { publishedOnly: false })).map(s => adminSeriesView(app, s)))
}

export async function getAdminSeries(app: FastifyInstance, id: string): Promise<AdminSeries> {
  const s = await findSeries(app.database.db, id)
  if (!s)
    throw seriesNotFound()
  return adminSeriesView(app, s)
}

async function checkCover(tx: Db, mediaId: string | null | undefined): Promise<void> {
  if (mediaId && !await isImage(tx, mediaId))
    throw new ApiError(400, 'COVER_NOT_FOUND', 'coverMediaId must name an uploaded image')
}

/** A change to one series: lock it, apply `fn`, audit, commit; then clear caches and announce. */
async function change(app: FastifyInstance, who: AuditActor, id: string, action: string, fn: (tx: Db, s: SeriesRow) => Promise<Record<string, unknown>>): Promise<AdminSeries> {
  const view = await app.database.db.transaction(async (tx) => {
    const s = await lockSeries(tx, id)
    if (!s)
      throw seriesNotFound()
    const details = await fn(tx, s)
    await recordAudit(tx, who, { action, targetType: 'series', targetId: id, details })
    return adminSeriesView(app, (await findSeries(tx, id))!, tx)
  })
  await app.content.changed()
  app.series.announceSoon()
  return view
}

export async function createSeries(app: FastifyInstance, who: AuditActor, body: AdminSeriesCreate): Promise<AdminSeries> {
  const view = await app.database.db.transaction(async (tx) => {
    await checkCover(tx, body.coverMediaId)
    const s = await insertSeries(tx, { id: body.id, title: body.title, description: body.description ?? '', coverMediaId: body.coverMediaId ?? null })
    if (!s)
      throw new ApiError(409, 'SERIES_EXISTS', 'A series with this id already exists')
    await recordAudit(tx, who, { action: 'series.create', targetType: 'series', targetId: s.id, details: { title: s.title, coverMediaId: s.coverMediaId } })
    return adminSeriesView(app, s, tx)
  })
  return view
}

export function editSeries(app: FastifyInstance, who: AuditActor, id: string, patch: AdminSeriesPatch) {
  return change(app, who, id, 'series.update', async (tx, s) => {
    await checkCover(tx, patch.coverMediaId)
    await updateSeries(tx, id, patch)
    const before = Object.fromEntries(Object.keys(patch).map(k => [k, s[k as keyof AdminSeriesPatch]]))
    return { before, after: patch }
  })
}

export function publishSeries(app: FastifyInstance, who: AuditActor, id: string, status: 'draft' | 'published') {
  return change(app, who, id, status === 'published' ? 'series.publish' : 'series.unpublish', async (tx, s) => {
    await setSeriesStatus(tx, id, status, app.clock.date())
    return { before: s.status, after: status }
  })
}

export function addPart(app: FastifyInstance, who: AuditActor, id: string, articleId: string) {
  return change(app, who, id, 'series.part.add', async (tx) => {
    const article = await articleSeriesOf(tx, articleId)
    if (!article)
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    if (!await appendPart(tx, id, articleId)) {
      const now = await articleSeriesOf(tx, articleId)
      throw new ApiError(409, 'PART_IN_OTHER_SERIES', now?.seriesId === id ? 'The post is already a part of this series' : 'The post is a part of another series')
    }
    return { articleId }
  })
}

export function dropPart(app: FastifyInstance, who: AuditActor, id: string, articleId: string) {
  return change(app, who, id, 'series.part.remove', async (tx) => {
    if (!await removePart(tx, id, articleId))
      throw new ApiError(404, 'NOT_A_PART', 'The post is not a part of this series')
    return { articleId }
  })
}

export function reorder(app: FastifyInstance, who: AuditActor, id: string, articleIds: string[]) {
  return change(app, who, id, 'series.reorder', async (tx) => {
    const current = await partIds(tx, id)
    const given = new Set(articleIds)
    if (current.length !== articleIds.length || current.some(p => !given.has(p)))
      throw new ApiError(409, 'SERIES_PARTS_MISMATCH', `The series has ${current.length} parts; list each exactly once`)
    await reorderParts(tx, id, articleIds)
    return { before: current, after: articleIds }
  })
}

export function setProduct(app: FastifyInstance, who: AuditActor, id: string, body: AdminSeriesProductBody) {
  return change(app, who, id, 'series.product.set', async (tx, s) => {
    const before = await findSeriesProduct(tx, id, { activeOnly: false })
    const after = await upsertSeriesProduct(tx, s, body)
    return { productId: after.id, before: before ? { priceFen: before.priceFen, active: before.active } : null, after: { priceFen: after.priceFen, active: true } }
  })
}

export function clearProduct(app: FastifyInstance, who: AuditActor, id: string) {
  return change(app, who, id, 'series.product.clear', async (tx) => {
    const row = await deactivateSeriesProduct(tx, id)
    return { productId: row?.id ?? null }
  })
}
