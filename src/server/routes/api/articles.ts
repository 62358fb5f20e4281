import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ArticleDetail, ArticleSummary } from '../../../shared/schemas/articles.ts'
import type { ArticleMeta } from '../../db/queries/articles.ts'
import { ApiErrorBody } from '../../../shared/schemas/api-error.ts'
import { ArticleDetail as ArticleDetailSchema, ArticleList, ArticleParams } from '../../../shared/schemas/articles.ts'
import { findArticlePreview, findPremiumBody, listArticles } from '../../db/queries/articles.ts'
import { findUnlockProduct, listProducts, productView } from '../../db/queries/catalogue.ts'
import { hasActiveMembership, isEntitled, unlockedArticleIds } from '../../db/queries/entitlements.ts'
import { ApiError } from '../../http/api-error.ts'

/**
 * Articles with a paywall. The premium body is read from the database only after
 * the entitlement check passed, so no code path can send it to anyone else.
 * Answers depend on who asks: never stored by shared caches.
 */
export const articlesRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const now = () => new Date(app.pay?.ctx.now() ?? Date.now())

  app.get('/api/articles', {
    schema: { response: { 200: ArticleList } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'private, no-store')
    const user = await request.currentUser()
    const member = user ? await hasActiveMembership(db, user.id, now()) : false
    const unlocked = user && !member ? await unlockedArticleIds(db, user.id) : new Set<string>()
    const rows = await listArticles(db)
    return { articles: rows.map(a => summaryOf(a, a.isPremium && !member && !unlocked.has(a.id))) }
  })

  app.get('/api/articles/:id', {
    schema: { params: ArticleParams, response: { 200: ArticleDetailSchema, 404: ApiErrorBody } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'private, no-store')
    const article = await findArticlePreview(db, request.params.id)
    if (!article)
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    const user = await request.currentUser()
    let entitled = article.isPremium && user ? await isEntitled(db, user.id, article.id, now()) : false
    // A payment whose notification was lost unlocks the article here, without the SPA's help.
    if (article.isPremium && user && !entitled && !user.isSnapshot && await app.pay?.recoverPending(user.id))
      entitled = await isEntitled(db, user.id, article.id, now())
    const locked = article.isPremium && !entitled
    const detail: ArticleDetail = { ...summaryOf(article, locked), preview: article.preview }
    if (article.isPremium && entitled)
      detail.premiumBody = (await findPremiumBody(db, article.id)) ?? ''
    if (locked) {
      const tiers = (await listProducts(db)).filter(p => p.kind === 'membership').map(productView)
      const unlock = await findUnlockProduct(db, article.id)
      detail.paywall = unlock ? { memberships: tiers, unlock: productView(unlock) } : { memberships: tiers }
    }
    return detail
  })
}

function summaryOf(a: ArticleMeta, locked: boolean): ArticleSummary {
  const s: ArticleSummary = {
    id: a.id,
    title: a.title,
    summary: a.summary,
    author: a.author,
    premium: a.isPremium,
    locked,
    publishedAt: a.publishedAt.toISOString(),
  }
  if (a.series)
    s.series = { title: a.series, position: a.seriesPosition ?? 0 }
  if (a.coverUrl)
    s.coverUrl = a.coverUrl
  return s
}
