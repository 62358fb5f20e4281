import type { App } from '../../src/server/app.ts'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { admin, readers } from './helpers/comments.ts'
import { reseed, rows } from './helpers/pay.ts'
import { buildTestApp } from './helpers/test-app.ts'
import { getTestDatabase } from './helpers/test-database.ts'

const ARTICLE = 'reading-habits'

describe('comment review: the automatic check and the operator queue', () => {
  let app: App
  // PGlite takes seconds to start: in a hook, not in the first test's time.
  beforeAll(() => getTestDatabase())
  afterEach(() => app.close())
  async function start(fetch?: typeof globalThis.fetch, tencent = false) {
    app = await buildTestApp(tencent
      ? { moderation: { provider: 'tencent', tencent: { secretId: 'AKIDtest', secretKey: 'test-secret-key', region: 'ap-guangzhou', endpoint: 'https://tms.test.local' } } }
      : {}, { rateLimitMax: 10_000, fetch })
    await reseed(app.database)
    return app
  }

  it.each([
    ['the word as listed', '有需要代开发票的吗'],
    ['full-width letters and digits', '加我ＶＸ：ａｂｃ１２３，代开发票'],
    ['spaces between the characters', '代 开 发 票 找我'],
    ['symbols and zero-width spaces between them', '代-开.发*票 / 代\u200B开\u200B发\u200B票'],
    ['traditional forms', '專業代開發票'],
    ['mixed simplified and traditional', '代開发票'],
    ['everything at once', '代 開·發 ☆ 票'],
  ])('blocks a listed word written with %s', async (_how, text) => {
    await start()
    const [reader] = await readers(app, 1)
    const res = await reader!.request('POST', `/api/articles/${ARTICLE}/comments`, { text })
    expect(res.json().comment.status).toBe('blocked')
    const [stored] = await rows<{ check_reasons: unknown }>('SELECT check_reasons FROM comments WHERE id = $1', [res.json().comment.id])
    expect(stored!.check_reasons).toEqual([{ source: 'words', level: 'block', label: '代开发票' }])
  })

  it('lets operators edit the word list; a review word sends the comment to a person with the reason', async () => {
    await start()
    const added = await admin(app, 'POST', '/api/admin/moderation/words', { word: '  薅羊毛 ', level: 'review' })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({ word: '薅羊毛', level: 'review' })
    // The same word in another width or form is already listed.
    expect((await admin(app, 'POST', '/api/admin/moderation/words', { word: '薅 羊 毛' })).json().error.code).toBe('WORD_EXISTS')
    expect((await admin(app, 'POST', '/api/admin/moderation/words', { word: '!!!' })).json().error.code).toBe('WORD_EMPTY')
    expect((await app.inject({ method: 'GET', url: '/api/admin/moderation/words' })).statusCode).toBe(401)

    const [reader] = await readers(app, 1)
    const res = await reader!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '一起来薅羊毛' })
    expect(res.json().comment.status).toBe('pending')
    const queued = (await admin(app, 'GET', '/api/admin/comments')).json().comments
    expect(queued).toEqual([expect.objectContaining({ id: res.json().comment.id, check: { outcome: 'review', reasons: [{ source: 'words', level: 'review', label: '薅羊毛' }] } })])

    // Raised to block: the next comment is blocked at once.
    const id = added.json().id
    expect((await admin(app, 'PATCH', `/api/admin/moderation/words/${id}`, { level: 'block' })).json().level).toBe('block')
    expect((await reader!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '薅羊毛群' })).json().comment.status).toBe('blocked')
    expect((await admin(app, 'DELETE', `/api/admin/moderation/words/${id}`)).statusCode).toBe(204)
    expect((await reader!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '薅羊毛了' })).json().comment.status).toBe('pending')
    const words = (await admin(app, 'GET', '/api/admin/moderation/words')).json().words.map((w: { word: string }) => w.word)
    expect(words).not.toContain('薅羊毛')
    const audit = await rows<{ action: string }>(`SELECT action FROM audit_log WHERE target_type = 'moderation-word' ORDER BY id`)
    expect(audit.map(a => a.action)).toEqual(['moderation.word.add', 'moderation.word.update', 'moderation.word.delete'])
  })

  it('checks any text for other features as a warning (dry run)', async () => {
    await start()
    const check = async (text: string) => (await admin(app, 'POST', '/api/admin/moderation/check', { text })).json()
    expect(await check('本文介绍公众号网页授权。')).toEqual({ outcome: 'pass', reasons: [] })
    expect(await check('欢迎私 信 我交流')).toEqual({ outcome: 'review', reasons: [{ source: 'words', level: 'review', label: '私信我' }] })
    expect((await check('刷單返利')).outcome).toBe('block')
  })

  it('gives two moderators claiming at once different items', async () => {
    await start()
    const people = await readers(app, 6)
    for (const [i, p] of people.entries())
      await p.request('POST', `/api/articles/${ARTICLE}/comments`, { text: `待审核 ${i}` })
    const claim = (moderator: string) => admin(app, 'POST', '/api/admin/comments/claim', { moderator, limit: 2 })
    const [a, b, c] = await Promise.all([claim('alice'), claim('bob'), claim('carol')])
    const ids = [a, b, c].map(r => r.json().comments.map((x: { id: number }) => x.id) as number[])
    expect(ids.map(x => x.length)).toEqual([2, 2, 2])
    expect(new Set(ids.flat()).size).toBe(6)
    expect(a.json().comments[0]).toMatchObject({ claimedBy: 'alice', claimedUntil: expect.any(String) })
    // Nothing is left to claim, and nobody may decide another moderator's item.
    expect((await claim('dave')).json().comments).toEqual([])
    const bobs = ids[1]![0]!
    const taken = await admin(app, 'POST', `/api/admin/comments/${bobs}/decide`, { action: 'approve', moderator: 'alice' })
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'CLAIMED_BY_OTHER'])
    expect((await admin(app, 'POST', `/api/admin/comments/${bobs}/decide`, { action: 'approve', moderator: 'bob' })).json()).toMatchObject({ status: 'approved', decision: { by: 'bob' } })
    expect((await admin(app, 'POST', `/api/admin/comments/${bobs}/decide`, { action: 'approve', moderator: 'bob' })).json()).not.toHaveProperty('claimedBy')
  })

  it('approves, features, rejects with a reason, replies and deletes, each in the audit log', async () => {
    await start()
    const [author, reader] = await readers(app, 2)
    const post = async (text: string) => (await author!.request('POST', `/api/articles/${ARTICLE}/comments`, { text })).json().comment.id as number
    const [one, two, three] = [await post('第一条留言'), await post('第二条留言'), await post('第三条留言')]
    const decide = (id: number, body: Record<string, unknown>) => admin(app, 'POST', `/api/admin/comments/${id}/decide`, { moderator: 'alice', ...body })

    expect((await decide(one, { action: 'feature' })).json()).toMatchObject({ status: 'approved', featured: true })
    const replied = await admin(app, 'POST', `/api/admin/comments/${one}/reply`, { text: '谢谢你的留言！', moderator: 'alice' })
    expect(replied.json()).toMatchObject({ comment: { reply: { text: '谢谢你的留言！' } }, check: { outcome: 'pass' } })
    // The operator's own text is checked as a warning only: it is published anyway.
    const warned = await admin(app, 'POST', `/api/admin/comments/${two}/reply`, { text: '有问题私信我' })
    expect(warned.json()).toMatchObject({ comment: { reply: { text: '有问题私信我' } }, check: { outcome: 'review' } })
    expect((await decide(two, { action: 'reject' })).json().error.code).toBe('REASON_REQUIRED')
    expect((await decide(two, { action: 'reject', reason: '与文章无关' })).json()).toMatchObject({ status: 'rejected', decision: { by: 'alice', reason: '与文章无关' } })
    expect((await decide(three, { action: 'approve' })).statusCode).toBe(200)
    expect((await decide(three, { action: 'delete' })).json().status).toBe('deleted')
    expect((await decide(three, { action: 'approve' })).statusCode).toBe(404)
    expect((await decide(9999, { action: 'approve' })).statusCode).toBe(404)
    expect((await decide(one, { action: 'shout' })).statusCode).toBe(400)

    const seen = (await reader!.request('GET', `/api/articles/${ARTICLE}/comments`)).json().comments
    expect(seen).toEqual([expect.objectContaining({ id: one, featured: true, reply: { text: '谢谢你的留言！', at: expect.any(String) } })])
    const own = (await author!.request('GET', `/api/articles/${ARTICLE}/comments`)).json().comments
    expect(own.map((c: { id: number, status: string }) => [c.id, c.status])).toEqual([[two, 'rejected'], [one, 'approved']])
    // A rejected comment's reply is not shown, even to its author.
    expect(own[0]).not.toHaveProperty('reply')

    const audit = await rows<{ action: string, target_id: string, actor: string, details: Record<string, unknown> }>(`SELECT action, target_id, actor, details FROM audit_log WHERE target_type = 'comment' ORDER BY id`)
    expect(audit.map(a => [a.action, Number(a.target_id)])).toEqual([
      ['comment.feature', one],
      ['comment.reply', one],
      ['comment.reply', two],
      ['comment.reject', two],
      ['comment.approve', three],
      ['comment.delete', three],
    ])
    expect(audit[3]).toMatchObject({ actor: 'admin-token', details: { moderator: 'alice', reason: '与文章无关', from: 'pending', to: 'rejected' } })
  })

  it('shows comments that pass at once when the account turns auto-approve on', async () => {
    await start()
    expect((await admin(app, 'GET', '/api/admin/comments/settings')).json()).toEqual({ autoApproveOnPass: false })
    expect((await admin(app, 'PATCH', '/api/admin/comments/settings', { autoApproveOnPass: true })).json()).toEqual({ autoApproveOnPass: true })
    const [author, reader] = await readers(app, 2)
    await author!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '普通的留言' })
    await author!.request('POST', `/api/articles/${ARTICLE}/comments`, { text: '想交流的加微信' })
    const seen = (await reader!.request('GET', `/api/articles/${ARTICLE}/comments`)).json().comments
    expect(seen.map((c: { text: string }) => c.text)).toEqual(['普通的留言'])
    expect((await admin(app, 'GET', '/api/admin/comments')).json().comments.map((c: { text: string }) => c.text)).toEqual(['想交流的加微信'])
    const [entry] = await rows<{ action: string }>(`SELECT action FROM audit_log WHERE target_type = 'moderation-settings'`)
    expect(entry!.action).toBe('moderation.settings.update')
  })

  it('asks Tencent Cloud TMS when configured, and sends text to review when it fails', async () => {
    const calls: { url: string, headers: Record<string, string>, body: Record<string, string> }[] = []
    let answer: () => Response = () => Response.json({ Response: { Suggestion: 'Pass', Label: 'Normal', RequestId: 'r1' } })
    const fakeFetch = (async (url: URL | string, init?: RequestInit) => {
      calls.push({ url: String(url), headers: init!.headers as Record<string, string>, body: JSON.parse(String(init!.body)) })
      return answer()
    }) as typeof fetch
    await start(fakeFetch, true)
    await admin(app, 'PATCH', '/api/admin/comments/settings', { autoApproveOnPass: true })
    const [reader] = await readers(app, 1)
    const post = async (text: string) => (await reader!.request('POST', `/api/articles/${ARTICLE}/comments`, { text })).json().comment.status

    expect(await post('很有帮助')).toBe('approved')
    expect(calls[0]).toMatchObject({ url: 'https://tms.test.local/', headers: { 'X-TC-Action': 'TextModeration', 'X-TC-Version': '2020-12-29', 'X-TC-Region': 'ap-guangzhou' } })
    expect(Buffer.from(calls[0]!.body.Content!, 'base64').toString()).toBe('很有帮助')
    expect(calls[0]!.headers.Authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDtest\/\d{4}-\d{2}-\d{2}\/tms\/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=[0-9a-f]{64}$/)

    answer = () => Response.json({ Response: { Suggestion: 'Block', Label: 'Ad', Keywords: ['推广'], RequestId: 'r2' } })
    expect(await post('推广链接')).toBe('blocked')
    answer = () => Response.json({ Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad' }, RequestId: 'r3' } })
    expect(await post('服务出错时')).toBe('pending')
    // A listed block word settles it without asking the cloud.
    const before = calls.length
    expect(await post('代开发票')).toBe('blocked')
    expect(calls.length).toBe(before)
    const reasons = await rows<{ check_reasons: unknown }>('SELECT check_reasons FROM comments WHERE user_id = $1 ORDER BY id', [reader!.id])
    expect(reasons.map(r => r.check_reasons)).toEqual([
      [],
      [{ source: 'tencent-tms', level: 'block', label: 'Ad 推广' }],
      [{ source: 'tencent-tms', level: 'review', label: 'provider-unavailable' }],
      [{ source: 'words', level: 'block', label: '代开发票' }],
    ])
  })
})
