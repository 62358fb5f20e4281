import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ArticleDetail, ArticleSummary, Paywall } from '../../../shared/schemas/articles.ts'
import type { ArticleMeta } from '../../db/queries/articles.ts'
import { ApiErrorBody } from '../../../shared/schemas/api-error.ts'
import { ArticleDetail as ArticleDetailSchema, ArticleList, ArticleParams } from '../../../shared/schemas/articles.ts'
import { publicBody, sendPublic } from '../../content/public-reply.ts'
import { findArticlePreview, findPremiumBody, listArticles } from '../../db/queries/articles.ts'
import { findUnlockProduct, listProducts, productView } from '../../db/queries/catalogue.ts'
import { hasActiveMembership, isEntitled, unlockedArticleIds } from '../../db/queries/entitlements.ts'
import { progressFor } from '../../db/queries/reading-progress.ts'
import { seriesLabels, seriesNavFor } from '../../db/queries/series.ts'
import { ApiError } from '../../http/api-error.ts'
import { seriesOfferFor } from '../../series/offers.ts'

/**
 * Articles with a paywall. The premium body is read from the database only after
 * the entitlement check passed, so no code path can send it to anyone else.
 * What anyone may see (the list and previews as an anonymous reader sees them, free
 * articles for everyone) comes from the public content cache with an ETag; answers
 * that depend on who asks are `private, no-store` and never cached.
 */
export const articlesRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const { content } = app
  const now = () => new Date(app.pay?.ctx.now() ?? Date.now())
  const PUBLIC = 'private, no-cache'
  const PERSONAL = 'private, no-store'

  const articleRows = () => content.get('articles', () => listArticles(db, app.clock.date()))
  const preview = (id: string) => content.get(`article:${id}`, () => findArticlePreview(db, id))
  // Series: the list's labels, and 上一篇 / 下一篇 (src/server/README.md, "Series and reading progress").
  const labels = () => content.get('series:labels', () => seriesLabels(db))
  const navOf = (id: string) => content.get(`series-nav:${id}`, () => seriesNavFor(db, id, app.clock.date()))
  const paywallOf = (id: string) => content.get(`paywall:${id}`, async (): Promise<Paywall> => {
    const tiers = (await listProducts(db)).filter(p => p.kind === 'membership').map(productView)
    const unlock = await findUnlockProduct(db, id)
    const paywall: Paywall = unlock ? { memberships: tiers, unlock: productView(unlock) } : { memberships: tiers }
    const series = await seriesOfferFor(db, id)
    if (series)
      paywall.series = series
    return paywall
  })

  app.get('/api/articles', {
    schema: { response: { 200: ArticleList } },
  }, async (request, reply) => {
    const user = await request.currentUser()
    if (!user) {
      const body = await content.get('articles:anonymous', async () => {
        const [rows, series] = await Promise.all([articleRows(), labels()])
        return publicBody(reply.serialize({ articles: rows.map(a => summaryOf(a, a.isPremium, series)) }) as string, content.version())
      })
      return sendPublic(request, reply, body, PUBLIC)
    }
    reply.header('Cache-Control', PERSONAL)
    const member = await hasActiveMembership(db, user.id, now())
    const unlocked = !member ? await unlockedArticleIds(db, user.id) : new Set<string>()
    const [rows, series] = await Promise.all([articleRows(), labels()])
    const progress = await progressFor(db, user.id, rows.map(a => a.id))
    return { articles: rows.map(a => withProgress(summaryOf(a, a.isPremium && !member && !unlocked.has(a.id), series), progress)) }
  })

  app.get('/api/articles/:id', {
    schema: { params: ArticleParams, response: { 200: ArticleDetailSchema, 404: ApiErrorBody } },
  }, async (request, reply) => {
    const article = await preview(request.params.id)
    // A scheduled post does not exist for readers until its time.
    if (!article || article.publishedAt.getTime() > app.clock.now())
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    // A free article is the same for everyone: no session lookup at all.
    const user = article.isPremium ? await request.currentUser() : null
    if (!user) {
      const body = await content.get(`article:${article.id}:public`, async () => {
        const detail: ArticleDetail = { ...summaryOf(article, article.isPremium), preview: article.preview }
        const nav = await navOf(article.id)
        if (nav)
          detail.series = nav
        if (article.isPremium)
          detail.paywall = await paywallOf(article.id)
        return publicBody(reply.serialize(detail) as string, content.version())
      })
      return sendPublic(request, reply, body, PUBLIC)
    }
    reply.header('Cache-Control', PERSONAL)
    let entitled = await isEntitled(db, user.id, article.id, now())
    // A payment whose notification was lost unlocks the article here, without the SPA's help.
    if (!entitled && !user.isSnapshot && await app.pay?.recoverPending(user.id))
      entitled = await isEntitled(db, user.id, article.id, now())
    const detail: ArticleDetail = { ...summaryOf(article, !entitled), preview: article.preview }
    const nav = await navOf(article.id)
    if (nav)
      detail.series = nav
    const progress = (await progressFor(db, user.id, [article.id])).get(article.id)
    if (progress)
      detail.progress = progress
    if (entitled)
      detail.premiumBody = (await findPremiumBody(db, article.id)) ?? ''
    else
      detail.paywall = await paywallOf(article.id)
    return detail
  })
}

function withProgress(s: ArticleSummary, progress: Map<string, NonNullable<ArticleSummary['progress']>>): ArticleSummary {
  const p = progress.get(s.id)
  return p ? { ...s, progress: p } : s
}

function summaryOf(a: ArticleMeta, locked: boolean, series?: Map<string, { id: string, title: string, position: number }>): ArticleSummary {
  const s: ArticleSummary = {
    id: a.id,
    title: a.title,
    summary: a.summary,
    author: a.author,
    premium: a.isPremium,
    locked,
    publishedAt: a.publishedAt.toISOString(),
  }
  const part = series?.get(a.id)
  if (part)
    s.series = part
  if (a.coverUrl)
    s.coverUrl = a.coverUrl
  return s
}
