import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ArticleSummary, ArticleView as ArticleViewT, Paywall } from '../../../shared/schemas/articles.ts'
import type { FreePost } from '../../posts/index.ts'
import { ArticleList, ArticleParams, ArticleView } from '../../../shared/schemas/articles.ts'
import { publicBody, sendPublic } from '../../content/public-reply.ts'
import { isVisible } from '../../db/queries/articles.ts'
import { hasActiveMembership, isEntitled, unlockedArticleIds } from '../../db/queries/entitlements.ts'
import { progressFor } from '../../db/queries/reading-progress.ts'
import { seriesLabels, seriesNavFor } from '../../db/queries/series.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { postReader, summaryView } from '../../posts/index.ts'
import { seriesOfferFor } from '../../series/offers.ts'

/**
 * Posts with a paywall. Premium blocks are read from the database only after the entitlement
 * check passed, so no code path can send them to anyone else. What anyone may see (the list and
 * free parts as an anonymous reader sees them) comes from the public content cache with an ETag;
 * answers that depend on who asks are `private, no-store` and never cached. Drafts and posts
 * scheduled for later are ARTICLE_NOT_FOUND to followers. A part of a series carries its place in
 * it (上一篇 / 下一篇) and, locked, the series unlock in its paywall; a signed-in reader's answers
 * carry where they stopped.
 */
export const articlesRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const { content } = app
  const posts = postReader(app)
  const PUBLIC = 'private, no-cache'
  const PERSONAL = 'private, no-store'
  // A cached body carrying a signed media URL is rebuilt every minute, so its URLs never expire in the cache.
  const minute = () => Math.floor(app.clock.now() / 60_000)
  // Series: the list's labels, and 上一篇 / 下一篇 (series/README in src/server/README.md).
  const labels = () => content.get('series:labels', () => seriesLabels(db))
  const navOf = (id: string) => content.get(`series-nav:${id}`, () => seriesNavFor(db, id, app.clock.date()))
  const paywallOf = (id: string) => content.get(`paywall+series:${id}`, async (): Promise<Paywall> => {
    const paywall = { ...await posts.paywallOf(id) }
    const series = await seriesOfferFor(db, id)
    if (series)
      paywall.series = series
    return paywall
  })
  async function withSeries(view: ArticleViewT, post: FreePost): Promise<ArticleViewT> {
    const nav = await navOf(post.row.id)
    return nav ? { ...view, series: nav } : view
  }

  app.get('/api/articles', {
    schema: { response: { 200: ArticleList } },
  }, async (request, reply) => {
    const now = app.clock.date()
    const user = await request.currentUser()
    const list = await posts.list()
    const visible = list.rows.filter(a => isVisible(a, now))
    const ctx = posts.ctx(list.media)
    const series = await labels()
    const summary = (a: typeof visible[number], locked: boolean): ArticleSummary => {
      const s = summaryView(a, locked, ctx, now)
      const part = series.get(a.id)
      return part ? { ...s, series: part } : s
    }
    if (!user) {
      // Visible posts only grow with time until the next change clears the cache: their count names the set.
      const key = `posts:anonymous:${visible.length}${list.signed ? `:${minute()}` : ''}`
      const body = await content.get(key, async () =>
        publicBody(reply.serialize({ articles: visible.map(a => summary(a, a.isPremium)) }) as string, content.version()))
      return sendPublic(request, reply, body, PUBLIC)
    }
    reply.header('Cache-Control', PERSONAL)
    const member = await hasActiveMembership(db, user.id, now)
    const unlocked = !member ? await unlockedArticleIds(db, user.id) : new Set<string>()
    const progress = await progressFor(db, user.id, visible.map(a => a.id))
    return {
      articles: visible.map((a) => {
        const s = summary(a, a.isPremium && !member && !unlocked.has(a.id))
        const p = progress.get(a.id)
        return p ? { ...s, progress: p } : s
      }),
    }
  })

  app.get('/api/articles/:id', {
    schema: { params: ArticleParams, response: { 200: ArticleView, ...errorResponses(400, 404) } },
  }, async (request, reply) => {
    const now = app.clock.date()
    const post = await posts.freePart(request.params.id)
    if (!post || !isVisible(post.row, now))
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    const { row } = post
    // A free post is the same for everyone: no session lookup at all.
    const user = row.isPremium ? await request.currentUser() : null
    if (!user) {
      const key = `post:${row.id}:public${post.signed ? `:${minute()}` : ''}`
      const body = await content.get(key, async () => {
        const paywall = row.isPremium ? await paywallOf(row.id) : undefined
        return publicBody(reply.serialize(await withSeries(posts.lockedView(post, paywall, now), post)) as string, content.version())
      })
      return sendPublic(request, reply, body, PUBLIC)
    }
    reply.header('Cache-Control', PERSONAL)
    let entitled = await isEntitled(db, user.id, row.id, now)
    // A payment whose notification was lost unlocks the article here, without the SPA's help.
    if (!entitled && !user.isSnapshot && await app.pay?.recoverPending(user.id))
      entitled = await isEntitled(db, user.id, row.id, now)
    const view = await withSeries(entitled ? await posts.premiumView(post, now) : posts.lockedView(post, await paywallOf(row.id), now), post)
    const progress = (await progressFor(db, user.id, [row.id])).get(row.id)
    return progress ? { ...view, progress } : view
  })
}
