import type { App } from '../../src/server/app.ts'
import type { Reader } from './helpers/comments.ts'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { COMMENT_LIMITS } from '../../src/server/comments/limits.ts'
import { admin, anonymous, readers } from './helpers/comments.ts'
import { reseed, rows } from './helpers/pay.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const ARTICLE = 'reading-habits'
const list = async (who: Pick<Reader, 'request'>, article = ARTICLE) => (await who.request('GET', `/api/articles/${article}/comments`)).json().comments as Record<string, any>[]

describe('comments (留言)', () => {
  let app: App
  // PGlite takes seconds to start: in a hook, not in the first test's time.
  beforeAll(() => getTestDatabase())
  afterEach(() => app.close())
  async function start() {
    app = await buildTestApp({}, { rateLimitMax: 10_000 })
    await reseed(app.database)
    return app
  }

  it('a new comment is visible to its author only, as 审核中, until an operator approves it', async () => {
    await start()
    const [lin, chen] = await readers(app, 2)
    const res = await lin!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '  写得真好，收藏了。 ' })
    expect(res.statusCode).toBe(201)
    expect(res.json().comment).toMatchObject({ text: '写得真好，收藏了。', status: 'pending', mine: true, likes: 0, likedByMe: false, nickname: '读者0' })
    expect(await list(lin!)).toEqual([expect.objectContaining({ id: res.json().comment.id, status: 'pending', mine: true })])
    expect(await list(chen!)).toEqual([])
    expect(await list({ request: anonymous(app) })).toEqual([])

    const approved = await admin(app, 'POST', `/api/admin/comments/${res.json().comment.id}/decide`, { action: 'approve' })
    expect(approved.statusCode).toBe(200)
    const seen = await list(chen!)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ text: '写得真好，收藏了。', mine: false })
    // `status` is only on the reader's own comments.
    expect(seen[0]).not.toHaveProperty('status')
    expect((await list(lin!))[0]).toMatchObject({ status: 'approved', mine: true })
  })

  it('refuses signed-out readers, snapshot-mode visitors, empty and too-long text', async () => {
    await start()
    const [reader] = await readers(app, 1)
    const [snapshot] = await readers(app, 1, { snapshot: true, prefix: 'snap' })
    const post = (who: Pick<Reader, 'request'>, text: unknown) => who.request('POST', `/api/articles/${ARTICLE}/comments`, { text })
    expect((await post({ request: anonymous(app) }, 'hi')).statusCode).toBe(401)
    const snap = await post(snapshot!, 'hi')
    expect([snap.statusCode, snap.json().error.code]).toEqual([403, 'SNAPSHOT_USER'])
    expect((await snapshot!.request('POST', '/api/comments/1/likes')).json().error.code).toBe('SNAPSHOT_USER')
    for (const empty of ['', '   \n ', '\u200B\u200B'])
      expect((await post(reader!, empty)).json().error.code).toBe('COMMENT_EMPTY')
    expect((await post(reader!, '好'.repeat(601))).json().error).toMatchObject({ code: 'COMMENT_TOO_LONG' })
    expect((await post(reader!, 42)).statusCode).toBe(400)
    // 600 characters, each two UTF-16 units, is still a comment.
    expect((await post(reader!, '😀'.repeat(600))).statusCode).toBe(201)
    expect((await reader!.request('POST', '/api/articles/nope/comments', { text: 'hi' })).json().error.code).toBe('ARTICLE_NOT_FOUND')
    expect((await reader!.request('GET', '/api/articles/nope/comments')).statusCode).toBe(404)
  })

  it('returns XSS payloads as the inert text they were written as', async () => {
    await start()
    await admin(app, 'PATCH', '/api/admin/comments/settings', { autoApproveOnPass: true })
    const [author, reader] = await readers(app, 2)
    const payloads = ['<script>alert(1)</script>', '<img src=x onerror="alert(document.cookie)">', '"><svg/onload=alert(1)>', 'javascript:alert(1)', '{{constructor.constructor(\'alert(1)\')()}}']
    for (const text of payloads)
      expect((await author!.request('POST', `/api/articles/${ARTICLE}/comments`, { text })).statusCode).toBe(201)
    const res = await reader!.request('GET', `/api/articles/${ARTICLE}/comments`)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.json().comments.map((c: { text: string }) => c.text).sort()).toEqual([...payloads].sort())
  })

  it('never shows a blocked comment to anyone but its author, through any endpoint', async () => {
    await start()
    const [author, other] = await readers(app, 2)
    const [snapshot] = await readers(app, 1, { snapshot: true, prefix: 'snap' })
    const res = await author!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '需要的私聊，代 開-發 票，价格优惠' })
    expect(res.json().comment.status).toBe('blocked')
    const id = res.json().comment.id
    expect(await list(author!)).toEqual([expect.objectContaining({ id, status: 'blocked' })])

    // Even after the account turns on auto-approve and the comment has been liked by no one.
    await admin(app, 'PATCH', '/api/admin/comments/settings', { autoApproveOnPass: true })
    for (const who of [other!, snapshot!, { request: anonymous(app) }]) {
      for (const article of ['reading-habits', 'wechat-h5-basics']) {
        const body = (await who.request('GET', `/api/articles/${article}/comments`)).body
        expect(body).not.toContain('發 票')
        expect(JSON.parse(body).comments.map((c: { id: number }) => c.id)).not.toContain(id)
      }
      expect((await who.request('GET', `/api/articles/${ARTICLE}`)).body).not.toContain('票')
    }
    expect((await other!.request('POST', `/api/comments/${id}/likes`)).json().error.code).toBe('COMMENT_NOT_FOUND')
    expect((await other!.request('DELETE', `/api/comments/${id}/likes`)).statusCode).toBe(404)
    expect((await other!.request('DELETE', `/api/comments/${id}`)).statusCode).toBe(404)
    expect((await author!.request('POST', `/api/comments/${id}/likes`)).statusCode).toBe(404)
    // Operators find it, with the reason, outside the default queue.
    expect((await admin(app, 'GET', '/api/admin/comments')).json().comments).toEqual([])
    const blocked = (await admin(app, 'GET', '/api/admin/comments?status=blocked')).json().comments
    expect(blocked).toEqual([expect.objectContaining({ id, check: { outcome: 'block', reasons: [{ source: 'words', level: 'block', label: '代开发票' }] } })])
  })

  it('counts one like per follower, exactly, with 100 followers liking at once', async () => {
    await start()
    const [author] = await readers(app, 1, { prefix: 'author' })
    const id = (await author!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '点赞测试' })).json().comment.id
    await admin(app, 'POST', `/api/admin/comments/${id}/decide`, { action: 'feature' })
    const crowd = await readers(app, 100)
    const answers = await Promise.all(crowd.map(r => r.request('POST', `/api/comments/${id}/likes`)))
    expect(answers.every(a => a.statusCode === 200)).toBe(true)
    // A second tap from everyone changes nothing.
    await Promise.all(crowd.map(r => r.request('POST', `/api/comments/${id}/likes`)))
    const [counted] = await rows<{ likes: number, n: number }>('SELECT likes, (SELECT count(*)::int FROM comment_likes WHERE comment_id = $1) AS n FROM comments WHERE id = $1', [id])
    expect(counted).toEqual({ likes: 100, n: 100 })
    expect((await list(crowd[0]!))[0]).toMatchObject({ likes: 100, likedByMe: true, featured: true })
    expect((await list(author!))[0]).toMatchObject({ likes: 100, likedByMe: false })

    await Promise.all(crowd.slice(0, 40).map(r => r.request('DELETE', `/api/comments/${id}/likes`)))
    const last = await crowd[0]!.request('DELETE', `/api/comments/${id}/likes`)
    expect(last.json()).toEqual({ likes: 60, likedByMe: false })
  })

  it('lets the author delete their own comment, and nobody else', async () => {
    await start()
    await admin(app, 'PATCH', '/api/admin/comments/settings', { autoApproveOnPass: true })
    const [author, other] = await readers(app, 2)
    const id = (await author!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '说错了，删掉' })).json().comment.id
    expect((await list(other!))).toHaveLength(1)
    expect((await other!.request('DELETE', `/api/comments/${id}`)).statusCode).toBe(404)
    expect((await anonymous(app)('DELETE', `/api/comments/${id}`)).statusCode).toBe(401)
    expect((await author!.request('DELETE', `/api/comments/${id}`)).statusCode).toBe(204)
    expect((await author!.request('DELETE', `/api/comments/${id}`)).statusCode).toBe(404)
    expect(await list(other!)).toEqual([])
    expect(await list(author!)).toEqual([])
  })

  it('holds the limits per article, per hour and for duplicates, with clear messages', async () => {
    await start()
    const [reader] = await readers(app, 1)
    const post = (text: string, article = ARTICLE) => reader!.request('POST', `/api/articles/${article}/comments`, { text })
    expect((await post('第一条')).statusCode).toBe(201)
    // The same words, whatever the width and spacing, are a duplicate.
    const dup = await post('  第一条 ')
    expect([dup.statusCode, dup.json().error.code]).toEqual([429, 'COMMENT_DUPLICATE'])
    for (let i = 2; i <= COMMENT_LIMITS.perArticle; i++)
      expect((await post(`第${i}条`)).statusCode).toBe(201)
    const perArticle = await post('再来一条')
    expect([perArticle.statusCode, perArticle.json().error.code]).toEqual([429, 'COMMENT_LIMIT_ARTICLE'])
    expect(perArticle.json().error.message).toContain(String(COMMENT_LIMITS.perArticle))
    const others = ['wechat-h5-basics', 'jssdk-signature', 'paywall-design']
    let n = COMMENT_LIMITS.perArticle
    for (let i = 0; n < COMMENT_LIMITS.perHour; i++, n++)
      expect((await post(`别处${i}`, others[i % others.length])).statusCode).toBe(201)
    const perHour = await post('还想说', 'creator-income')
    expect([perHour.statusCode, perHour.json().error.code]).toEqual([429, 'COMMENT_LIMIT_HOUR'])
  })

  it('counts the per-article limit over all time and the hourly one over the last hour', async () => {
    await start()
    const [reader] = await readers(app, 1)
    // Five comments on the article, written yesterday.
    await rows(`INSERT INTO comments (article_id, user_id, text, text_key, status, check_outcome, created_at)
      SELECT $1, $2, '旧留言 ' || n, '旧留言 ' || n, 'approved', 'pass', now() - interval '1 day' FROM generate_series(1, ${COMMENT_LIMITS.perArticle}) n`, [ARTICLE, reader!.id])
    expect((await reader!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '今天的' })).json().error.code).toBe('COMMENT_LIMIT_ARTICLE')
    expect((await reader!.request('POST', '/api/articles/jssdk-signature/comments', { text: '今天的' })).statusCode).toBe(201)
  })

  it('holds the per-article limit when one follower posts many comments at once', async () => {
    await start()
    const [reader] = await readers(app, 1)
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => reader!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: `并发 ${i}` })))
    expect(answers.filter(a => a.statusCode === 201)).toHaveLength(COMMENT_LIMITS.perArticle)
    expect(answers.filter(a => a.statusCode === 429).every(a => a.json().error.code === 'COMMENT_LIMIT_ARTICLE')).toBe(true)
    const [stored] = await rows<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE user_id = $1', [reader!.id])
    expect(stored!.n).toBe(COMMENT_LIMITS.perArticle)
  })

  it('lists featured comments first and pages with a cursor', async () => {
    await start()
    await admin(app, 'PATCH', '/api/admin/comments/settings', { autoApproveOnPass: true })
    const people = await readers(app, 25)
    const ids: number[] = []
    for (const [i, p] of people.entries())
      ids.push((await p.request('POST', `/api/articles/${ARTICLE}/comments`, { text: `第 ${i} 位读者` })).json().comment.id)
    await admin(app, 'POST', `/api/admin/comments/${ids[3]}/decide`, { action: 'feature' })
    const first = (await anonymous(app)('GET', `/api/articles/${ARTICLE}/comments`)).json()
    expect(first.comments).toHaveLength(20)
    expect(first.comments[0].id).toBe(ids[3])
    expect(first.nextCursor).toBeTypeOf('string')
    const second = (await anonymous(app)('GET', `/api/articles/${ARTICLE}/comments?cursor=${first.nextCursor}`)).json()
    expect(second).not.toHaveProperty('nextCursor')
    const all = [...first.comments, ...second.comments].map((c: { id: number }) => c.id)
    expect(all.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b))
    expect((await anonymous(app)('GET', `/api/articles/${ARTICLE}/comments?cursor=<x>`)).statusCode).toBe(400)
  })

  it('shows the demo comments from the seed with the account\'s reply', async () => {
    await start()
    const demo = await list({ request: anonymous(app) }, 'wechat-h5-basics')
    expect(demo.length).toBeGreaterThanOrEqual(3)
    expect(demo[0]).toMatchObject({ featured: true, reply: { text: expect.any(String) } })
  })
})
