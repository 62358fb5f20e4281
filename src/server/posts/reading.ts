import type { FastifyInstance } from 'fastify'
import type { ArticleView, Paywall } from '../../shared/schemas/articles.ts'
import type { ArticleFreePart, ArticleMeta } from '../db/queries/articles.ts'
import type { MediaRow } from './media-rows.ts'
import type { StoredBlock } from './stored-blocks.ts'
import type { MediaContext } from './views.ts'
import { productView } from '../catalogue/views.ts'
import { findPremiumBlocks, findPublishedFreePart, listPublishedArticles } from '../db/queries/articles.ts'
import { findUnlockProduct, listProducts } from '../db/queries/catalogue.ts'
import { seriesOfferFor } from '../series/offers.ts'
import { loadMedia } from './media-rows.ts'
import { mediaRefs } from './stored-blocks.ts'
import { articleView, usesSignedUrls } from './views.ts'

/** A cached free part with the uploads it (and its cover) uses. */
export interface FreePost { row: ArticleFreePart, media: Map<string, MediaRow>, signed: boolean }

const coverIds = (rows: ArticleMeta[]) => rows.flatMap(r => r.coverMediaId ? [r.coverMediaId] : [])

/**
 * What followers read, built from the public content cache where the answer is the same for
 * everyone. The cache holds published posts (scheduled ones too) and only their free part;
 * whether a post is visible yet is decided per request with `isVisible`, so a scheduled post
 * appears at its time without anyone clearing a cache. Premium blocks are read by
 * `premiumView` alone, which callers reach only after the entitlement check.
 */
export function postReader(app: FastifyInstance) {
  const { db } = app.database
  const { content } = app
  const links = app.media.links

  const mediaFor = async (blocks: StoredBlock[], cover: string | null) =>
    loadMedia(db, [...mediaRefs(blocks).map(r => r.id), ...(cover ? [cover] : [])])

  return {
    /** Published posts (scheduled included) with their covers' uploads. */
    list: () => content.get('posts', async () => {
      const rows = await listPublishedArticles(db)
      const media = await loadMedia(db, coverIds(rows))
      return { rows, media, signed: usesSignedUrls(coverIds(rows), media) }
    }),

    freePart: (id: string) => content.get(`post:${id}`, async (): Promise<FreePost | null> => {
      const row = await findPublishedFreePart(db, id)
      if (!row)
        return null
      const media = await mediaFor(row.freeBlocks, row.coverMediaId)
      return { row, media, signed: usesSignedUrls(media.keys(), media) }
    }),

    paywallOf: (id: string) => content.get(`paywall:${id}`, () => paywallFor(app, id)),

    ctx: (media: Map<string, MediaRow>): MediaContext => ({ rows: media, links }),

    /** Every block, premium media as signed URLs: only for a reader the caller found entitled. */
    async premiumView(post: FreePost, now: Date): Promise<ArticleView> {
      const premium = await findPremiumBlocks(db, post.row.id)
      const media = new Map([...post.media, ...await mediaFor(premium, null)])
      return articleView(post.row, { locked: false, blocks: [...post.row.freeBlocks, ...premium] }, { rows: media, links }, now)
    },

    /** The free part; locked (with the offers) when the post has a paywall. */
    lockedView(post: FreePost, paywall: Paywall | undefined, now: Date): ArticleView {
      return articleView(post.row, { locked: post.row.isPremium, blocks: post.row.freeBlocks, paywall }, { rows: post.media, links }, now)
    },

    mediaFor,
  }
}
export type PostReader = ReturnType<typeof postReader>

/** What the paywall offers: every membership tier, the post's single unlock and its series' unlock, when on sale. */
export async function paywallFor(app: FastifyInstance, id: string): Promise<Paywall> {
  const { db } = app.database
  const [products, unlock, series] = await Promise.all([listProducts(db), findUnlockProduct(db, id), seriesOfferFor(db, id)])
  const paywall: Paywall = { memberships: products.filter(p => p.kind === 'membership').map(productView) }
  if (unlock)
    paywall.unlock = productView(unlock)
  if (series)
    paywall.series = series
  return paywall
}
