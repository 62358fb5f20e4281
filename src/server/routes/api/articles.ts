import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ArticleDetail, ArticleSummary, Paywall } from '../../../shared/schemas/articles.ts'
import type { ArticleMeta } from '../../db/queries/articles.ts'
import { ApiErrorBody } from '../../../shared/schemas/api-error.ts'
import { ArticleDetail as ArticleDetailSchema, ArticleList, ArticleParams } from '../../../shared/schemas/articles.ts'
import { publicBody, sendPublic } from '../../content/public-reply.ts'
import { findArticlePreview, findPremiumBody, listArticles } from '../../db/queries/articles.ts'
import { findUnlockProduct, listProducts, productView } from '../../db/queries/catalogue.ts'
import { hasActiveMembership, isEntitled, unlockedArticleIds } from '../../db/queries/entitlements.ts'
import { ApiError } from '../../http/api-error.ts'

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

  const articleRows = () => content.get('articles', () => listArticles(db))
  const preview = (id: string) => content.get(`article:${id}`, () => findArticlePreview(db, id))
  const paywallOf = (id: string) => content.get(`paywall:${id}`, async (): Promise<Paywall> => {
    const tiers = (await listProducts(db)).filter(p => p.kind === 'membership').map(productView)
    const unlock = await findUnlockProduct(db, id)
    return unlock ? { memberships: tiers, unlock: productView(unlock) } : { memberships: tiers }
  })

  app.get('/api/articles', {
    schema: { response: { 200: ArticleList } },
  }, async (request, reply) => {
    const user = await request.currentUser()
    if (!user) {
      const body = await content.get('articles:anonymous', async () => {
        const rows = await articleRows()
        return publicBody(reply.serialize({ articles: rows.map(a => summaryOf(a, a.isPremium)) }) as string, content.version())
      })
      return sendPublic(request, reply, body, PUBLIC)
    }
    reply.header('Cache-Control', PERSONAL)
    const member = await hasActiveMembership(db, user.id, now())
    const unlocked = !member ? await unlockedArticleIds(db, user.id) : new Set<string>()
    const rows = await articleRows()
    return { articles: rows.map(a => summaryOf(a, a.isPremium && !member && !unlocked.has(a.id))) }
  })

  app.get('/api/articles/:id', {
    schema: { params: ArticleParams, response: { 200: ArticleDetailSchema, 404: ApiErrorBody } },
  }, async (request, reply) => {
    const article = await preview(request.params.id)
    if (!article)
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    // A free article is the same for everyone: no session lookup at all.
    const user = article.isPremium ? await request.currentUser() : null
    if (!user) {
      const body = await content.get(`article:${article.id}:public`, async () => {
        const detail: ArticleDetail = { ...summaryOf(article, article.isPremium), preview: article.preview }
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
    if (entitled)
      detail.premiumBody = (await findPremiumBody(db, article.id)) ?? ''
    else
      detail.paywall = await paywallOf(article.id)
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
