import type { Product } from '../../shared/schemas/catalogue.ts'
import type { Db } from '../db/database.ts'
import { productView } from '../catalogue/views.ts'
import { findSeries, findSeriesProduct, seriesIdOf } from '../db/queries/series.ts'

/**
 * What a locked part's paywall offers besides memberships and its own unlock: the series unlock,
 * when the article is a part of a published series whose product is on sale. The same for every
 * reader (a reader who owns the series is not shown a paywall at all), so it may be cached.
 */
export async function seriesOfferFor(db: Db, articleId: string): Promise<Product | null> {
  const seriesId = await seriesIdOf(db, articleId)
  if (!seriesId)
    return null
  const [s, product] = await Promise.all([findSeries(db, seriesId), findSeriesProduct(db, seriesId)])
  return s?.status === 'published' && product ? productView(product) : null
}
