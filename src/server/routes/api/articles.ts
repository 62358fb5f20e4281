import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ArticleList, ArticleParams, ArticleView } from '../../../shared/schemas/articles.ts'
import { publicBody, sendPublic } from '../../content/public-reply.ts'
import { isVisible } from '../../db/queries/articles.ts'
import { hasActiveMembership, isEntitled, unlockedArticleIds } from '../../db/queries/entitlements.ts'
import { ApiError } from '../../http/api-error.ts'
import { errorResponses } from '../../http/error-responses.ts'
import { postReader, summaryView } from '../../posts/index.ts'

/**
 * Posts with a paywall. Premium blocks are read from the database only after the entitlement
 * check passed, so no code path can send them to anyone else. What anyone may see (the list and
 * free parts as an anonymous reader sees them) comes from the public content cache with an ETag;
 * answers that depend on who asks are `private, no-store` and never cached. Drafts and posts
 * scheduled for later are ARTICLE_NOT_FOUND to followers.
 */
export const articlesRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database
  const { content } = app
  const posts = postReader(app)
  const PUBLIC = 'private, no-cache'
  const PERSONAL = 'private, no-store'
  // A cached body carrying a signed media URL is rebuilt every minute, so its URLs never expire in the cache.
  const minute = () => Math.floor(app.clock.now() / 60_000)

  app.get('/api/articles', {
    schema: { response: { 200: ArticleList } },
  }, async (request, reply) => {
    const now = app.clock.date()
    const user = await request.currentUser()
    const list = await posts.list()
    const visible = list.rows.filter(a => isVisible(a, now))
    const ctx = posts.ctx(list.media)
    if (!user) {
      // Visible posts only grow with time until the next change clears the cache: their count names the set.
      const key = `posts:anonymous:${visible.length}${list.signed ? `:${minute()}` : ''}`
      const body = await content.get(key, async () =>
        publicBody(reply.serialize({ articles: visible.map(a => summaryView(a, a.isPremium, ctx, now)) }) as string, content.version()))
      return sendPublic(request, reply, body, PUBLIC)
    }
    reply.header('Cache-Control', PERSONAL)
    const member = await hasActiveMembership(db, user.id, now)
    const unlocked = !member ? await unlockedArticleIds(db, user.id) : new Set<string>()
    return { articles: visible.map(a => summaryView(a, a.isPremium && !member && !unlocked.has(a.id), ctx, now)) }
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
        const paywall = row.isPremium ? await posts.paywallOf(row.id) : undefined
        return publicBody(reply.serialize(posts.lockedView(post, paywall, now)) as string, content.version())
      })
      return sendPublic(request, reply, body, PUBLIC)
    }
    reply.header('Cache-Control', PERSONAL)
    let entitled = await isEntitled(db, user.id, row.id, now)
    // A payment whose notification was lost unlocks the article here, without the SPA's help.
    if (!entitled && !user.isSnapshot && await app.pay?.recoverPending(user.id))
      entitled = await isEntitled(db, user.id, row.id, now)
    if (entitled)
      return posts.premiumView(post, now)
    return posts.lockedView(post, await posts.paywallOf(row.id), now)
  })
}
