import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { ArticleSummary, ArticleView } from '../../../shared/schemas/articles.ts'
import { ArticleList, ArticleParams, ArticleView as ArticleViewSchema } from '../../../shared/schemas/articles.ts'
import { publicBody, sendPublic } from '../../content/public-reply.ts'
import { isVisible } from '../../db/queries/articles.ts'
import { hasActiveMembership, isEntitled, unlockedArticleIds } from '../../db/queries/entitlements.ts'
import { progressFor } from '../../db/queries/reading-progress.ts'
import { seriesLabels, seriesNavFor } from '../../db/queries/series.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { postReader, summaryView } from '../../posts/index.ts'

/**
 * Posts with a paywall. Premium blocks are read from the database only after the entitlement
 * check passed, so no code path can send them to anyone else. What anyone may see (the list and
 * free parts as an anonymous reader sees them) comes from the public content cache with an ETag;
 * answers that depend on who asks are `private, no-store` and never cached. Drafts and posts
 * scheduled for later are ARTICLE_NOT_FOUND to followers. A series part carries 上一篇 / 下一篇,
 * and a signed-in reader's answers carry their reading progress.
 */
export const articlesRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const { content } = app
  const posts = postReader(app)
  const PUBLIC = 'private, no-cache'
  // A cached body carrying a signed media URL is rebuilt every minute, so its URLs never expire in the cache.
  const minute = () => Math.floor(app.clock.now() / 60_000)
  // Which series each post belongs to (the list's labels), and a part's neighbours. A scheduled
  // part coming out is announced, and the announcement clears the cache (series/plugin.ts).
  const labels = () => content.get('series:labels', () => seriesLabels(db))
  const navOf = (id: string) => content.get(`series-nav:${id}`, () => seriesNavFor(db, id, app.clock.date()))
  const withSeries = async (view: ArticleView): Promise<ArticleView> => {
    const nav = await navOf(view.id)
    return nav ? { ...view, series: nav } : view
  }

  app.get('/api/articles', {
    config: { cacheControl: 'private, no-store' },
    schema: { response: { 200: ArticleList, ...errorResponses(429) } },
  }, async (request, reply) => {
    const now = app.clock.date()
    const user = await request.currentUser()
    const list = await posts.list()
    const visible = list.rows.filter(a => isVisible(a, now))
    const ctx = posts.ctx(list.media)
    const series = await labels()
    const summary = (a: (typeof visible)[number], locked: boolean): ArticleSummary => {
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
    config: { cacheControl: 'private, no-store' },
    schema: { params: ArticleParams, response: { 200: ArticleViewSchema, ...errorResponses(400, 404, 429) } },
  }, async (request, reply) => {
    const now = app.clock.date()
    const post = await posts.freePart(request.params.id)
    if (!post || !isVisible(post.row, now))
      throw new ApiError(404, 'ARTICLE_NOT_FOUND', 'No such article')
    const { row } = post
    // A free post is the same for everyone except for progress: no session lookup for anonymous readers' cache.
    const user = await request.currentUser()
    if (!user) {
      const key = `post:${row.id}:public${post.signed ? `:${minute()}` : ''}`
      const body = await content.get(key, async () => {
        const paywall = row.isPremium ? await posts.paywallOf(row.id) : undefined
        return publicBody(reply.serialize(await withSeries(posts.lockedView(post, paywall, now))) as string, content.version())
      })
      return sendPublic(request, reply, body, PUBLIC)
    }
    let entitled = !row.isPremium || await isEntitled(db, user.id, row.id, now)
    // A payment whose notification was lost unlocks the article here, without the SPA's help.
    if (!entitled && !user.isSnapshot && await app.pay?.recoverPending(user.id))
      entitled = await isEntitled(db, user.id, row.id, now)
    const view = await withSeries(entitled
      ? (row.isPremium ? await posts.premiumView(post, now) : posts.lockedView(post, undefined, now))
      : posts.lockedView(post, await posts.paywallOf(row.id), now))
    const progress = (await progressFor(db, user.id, [row.id])).get(row.id)
    return progress ? { ...view, progress } : view
  })
}
