import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/server/app.ts'
import { buildPayApp, buy, rows, signedIn } from './helpers/pay.ts'
import { ADMIN_HEADERS, seedDemoMedia } from './helpers/posts.ts'
import { configFor, startTestSimulator } from './helpers/simulator.ts'
import { getTestDatabase } from './helpers/test-database.ts'

type Json = Record<string, any>
const HOUR = 3_600_000

describe('posts made of blocks: reading, sanitising and authoring', () => {
  let sim: RunningSimulator
  let app: App
  const others: App[] = []
  beforeAll(async () => {
    sim = await startTestSimulator()
    // Opening and migrating the worker's database is a hook's work, not the first test's.
    await getTestDatabase()
  })
  afterEach(async () => {
    await Promise.all(others.splice(0).map(a => a.close()))
    await app?.close()
  })
  afterAll(() => sim.close())

  async function start() {
    app = await buildPayApp(sim)
    await seedDemoMedia(await getTestDatabase())
    return app
  }
  /** Another instance on the same database whose business clock reads `at`. */
  async function appAt(at: number) {
    const other = await build(configFor(sim, { adminToken: 'test-admin-token-0123456789' }), { database: await getTestDatabase(), rateLimitMax: 10_000, reconcileIntervalMs: false, now: () => at })
    others.push(other)
    return other
  }
  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, on = app) =>
    on.inject({ method, url, ...(payload === undefined ? { headers: { authorization: ADMIN_HEADERS.authorization } } : { headers: ADMIN_HEADERS, payload: payload as Json }) })
  const get = (url: string, on = app) => on.inject({ method: 'GET', url })
  const verifySigned = (url: string) => {
    const u = new URL(url, 'http://x')
    const [, , id, variant] = u.pathname.split('/')
    return app.media.links.verify(decodeURIComponent(id!), variant, u.searchParams.get('exp') ?? undefined, u.searchParams.get('sig') ?? undefined)
  }
  const draft = (extra: Json = {}) => admin('POST', '/api/admin/articles', { id: 'new-post', title: '新文章', summary: '摘要', author: '编辑部', blocks: [{ type: 'paragraph', html: '正文' }], ...extra })

  it('sends the mixed-media post up to its paywall to readers who may not read on, with no premium upload or signed URL anywhere', async () => {
    await start()
    const reader = await signedIn(app, sim, 'iphone')
    for (const res of [await get('/api/articles/post-anatomy'), await reader.request('GET', '/api/articles/post-anatomy'), await get('/api/articles'), await reader.request('GET', '/api/articles')]) {
      expect(res.statusCode).toBe(200)
      for (const secret of ['demo-photo-3', 'demo-audio', '【会员全文】', 'sig=', '会员专享'])
        expect(res.body.includes(secret), `${secret} leaks`).toBe(false)
    }
    const view = (await get('/api/articles/post-anatomy')).json()
    expect(view).toMatchObject({ premium: true, locked: true, paywall: { memberships: expect.any(Array) } })
    expect(view.blocks.map((b: Json) => b.type)).toEqual(['paragraph', 'heading', 'image', 'quote', 'list', 'gallery', 'heading', 'video', 'callout', 'divider', 'paragraph', 'poll', 'miniprogram', 'paywall'])
    expect(view.blocks[0].runs).toContainEqual({ text: '图片、音频和视频', bold: true })
    expect(view.blocks[0].runs).toContainEqual({ text: '微信公众平台文档', href: expect.stringMatching(/^https:\/\//) })
    expect(view.blocks[2]).toEqual({ type: 'image', mediaId: 'demo-photo-1', src: '/media/demo-photo-1', thumb: '/media/demo-photo-1/thumb', width: 1200, height: 800, alt: '清晨的湖面与远山', caption: expect.any(String) })
    expect(view.blocks[5].images.map((i: Json) => [i.mediaId, i.width, i.height])).toEqual([['demo-photo-1', 1200, 800], ['demo-photo-2', 1200, 800], ['demo-photo-4', 800, 1200]])
    expect(view.blocks[7]).toMatchObject({ type: 'video', src: '/media/demo-video', width: 640, height: 360, durationMs: 5000, poster: { mediaId: 'demo-poster', src: '/media/demo-poster', width: 640, height: 360 } })
    expect(view.cover).toMatchObject({ mediaId: 'demo-photo-1', width: 1200, height: 800 })
    const listed = (await get('/api/articles')).json().articles.find((a: Json) => a.id === 'post-anatomy')
    expect(listed).toMatchObject({ locked: true, cover: { mediaId: 'demo-photo-1' }, coverUrl: '/media/demo-photo-1/thumb' })
    expect((await rows<{ id: string, access: string }>(`SELECT id, access FROM media WHERE access = 'premium' ORDER BY id`)).map(r => r.id)).toEqual(['demo-audio', 'demo-photo-3'])
  })

  it('gives a member every block, premium uploads as signed URLs that the media route will accept', async () => {
    await start()
    const member = await signedIn(app, sim, 'android')
    await buy(member, sim, { productId: 'membership-monthly' })
    const res = await member.request('GET', '/api/articles/post-anatomy')
    expect(res.headers['cache-control']).toBe('private, no-store')
    const view = res.json()
    expect(view).toMatchObject({ locked: false })
    expect(view).not.toHaveProperty('paywall')
    const tail = view.blocks.slice(view.blocks.findIndex((b: Json) => b.type === 'paywall') + 1)
    expect(tail.map((b: Json) => b.type)).toEqual(['paragraph', 'image', 'audio'])
    const [, image, audio] = tail
    expect(image).toMatchObject({ mediaId: 'demo-photo-3', width: 1200, height: 800, src: expect.stringMatching(/^\/media\/demo-photo-3\?exp=\d+&sig=/), thumb: expect.stringMatching(/^\/media\/demo-photo-3\/thumb\?exp=/) })
    expect(audio).toMatchObject({ mediaId: 'demo-audio', title: '编辑部的语音导读', durationMs: expect.any(Number), src: expect.stringMatching(/^\/media\/demo-audio\?exp=/) })
    expect(verifySigned(image.src)).toBe(true)
    expect(verifySigned(image.thumb)).toBe(true)
    expect(verifySigned(audio.src)).toBe(true)
    expect(verifySigned(audio.src.replace('demo-audio', 'demo-photo-3'))).toBe(false)
    // Public uploads before the paywall keep their stable URL.
    expect(view.blocks[2].src).toBe('/media/demo-photo-1')
  })

  it('sanitises operator HTML into runs: no script, style, frame, event handler or unsafe link survives', async () => {
    await start()
    const html = [
      '<b>粗体</b><script>alert(1)</script><style>p{color:red}</style><iframe src="https://evil.example/"></iframe>',
      '<i onclick="alert(2)" style="color:red">斜体</i><img src=x onerror="alert(3)">',
      '<a href="javascript:alert(4)">js</a><a href="JaVaScRiPt:alert(5)">js2</a><a href="data:text/html,x">data</a>',
      '<a href="http://plain.example/">http</a><a href="//evil.example/">pr</a><a href="/\\evil.example">bs</a>',
      '<a href="https://ok.example/a?b=1&amp;c=2" target="_blank" onmouseover="x()">ok</a><a href="/articles/x">site</a><br>下一行',
    ].join('')
    const created = await draft({ blocks: [
      { type: 'paragraph', html },
      { type: 'quote', runs: [{ text: '引', href: 'javascript:alert(6)' }, { text: '文', href: 'https://ok.example/' }] },
      { type: 'list', ordered: false, items: ['<em>一</em><svg><script>alert(7)</script></svg>', [{ text: '二', bold: true }]] },
      { type: 'callout', tone: 'warning', html: '<object data="x.swf"></object><embed src="x">注意<template><b>t</b></template>' },
    ] })
    expect(created.statusCode).toBe(201)
    const { blocks } = created.json()
    expect(blocks[0]).toEqual({ type: 'paragraph', runs: [
      { text: '粗体', bold: true },
      { text: '斜体', italic: true },
      { text: 'jsjs2datahttpprbs' },
      { text: 'ok', href: 'https://ok.example/a?b=1&c=2' },
      { text: 'site', href: '/articles/x' },
      { text: '\n下一行' },
    ] })
    expect(blocks[1]).toEqual({ type: 'quote', runs: [{ text: '引' }, { text: '文', href: 'https://ok.example/' }] })
    expect(blocks[2]).toEqual({ type: 'list', ordered: false, items: [[{ text: '一', italic: true }], [{ text: '二', bold: true }]] })
    expect(blocks[3]).toEqual({ type: 'callout', tone: 'warning', runs: [{ text: '注意' }] })
    await admin('POST', '/api/admin/articles/new-post/publish')
    for (const res of [created, await admin('GET', '/api/admin/articles/new-post'), await get('/api/articles/new-post'), await admin('GET', '/api/admin/articles/new-post/preview?as=member')]) {
      expect(res.statusCode).toBe(200 + (res === created ? 1 : 0))
      for (const bad of ['<', 'script', 'alert', 'javascript', 'onclick', 'onerror', 'style', 'iframe', 'evil', 'data:', 'http:'])
        expect(res.body.toLowerCase().includes(bad), `${bad} survived`).toBe(false)
    }
  })

  it('refuses blocks that break the schema or the rules, naming the block', async () => {
    await start()
    const errorOf = async (blocks: unknown[], extra: Json = {}) => {
      const res = await draft({ id: undefined, blocks, ...extra })
      return { status: res.statusCode, code: res.json().error?.code, message: res.json().error?.message as string }
    }
    expect(await errorOf([{ type: 'script', src: 'x' }])).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
    expect(await errorOf([{ type: 'paragraph', html: 'x', onclick: 'alert(1)' }])).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
    expect(await errorOf([{ type: 'paragraph', html: 'x', runs: [] }])).toMatchObject({ status: 400, code: 'BLOCK_INVALID', message: expect.stringContaining('blocks[0]') })
    expect(await errorOf([{ type: 'paragraph', html: 'a' }, { type: 'paywall' }, { type: 'paragraph', html: 'b' }, { type: 'paywall' }, { type: 'divider' }])).toMatchObject({ status: 400, code: 'BLOCK_INVALID', message: expect.stringContaining('blocks[3]') })
    expect(await errorOf([{ type: 'paragraph', html: 'a' }, { type: 'paywall' }])).toMatchObject({ code: 'BLOCK_INVALID', message: expect.stringContaining('blocks[1]') })
    expect(await errorOf([{ type: 'divider' }, { type: 'poll', pollId: 'no-such-poll' }])).toMatchObject({ code: 'BLOCK_INVALID', message: expect.stringContaining('blocks[1]') })
    expect(await errorOf([{ type: 'quiz', quizId: 'nope' }])).toMatchObject({ code: 'BLOCK_INVALID' })
    expect(await errorOf([{ type: 'image', mediaId: 'demo-audio', alt: '' }])).toMatchObject({ code: 'MEDIA_INVALID', message: expect.stringContaining('blocks[0]') })
    expect(await errorOf([{ type: 'video', mediaId: 'demo-video', posterMediaId: 'demo-video' }])).toMatchObject({ code: 'MEDIA_INVALID' })
    expect(await errorOf([{ type: 'audio', mediaId: 'missing', title: 'x' }])).toMatchObject({ code: 'MEDIA_INVALID' })
    expect(await errorOf([], { coverMediaId: 'demo-audio' })).toMatchObject({ code: 'MEDIA_INVALID' })
    expect(await errorOf([{ type: 'miniprogram', username: 'gh_0123456789ab', path: 'p', title: 't', fallbackUrl: 'javascript:alert(1)' }])).toMatchObject({ code: 'BLOCK_INVALID' })
    expect(await errorOf([{ type: 'miniprogram', username: 'wx123', path: 'p', title: 't' }])).toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(await errorOf(Array.from({ length: 401 }, () => ({ type: 'divider' })))).toMatchObject({ status: 400 })
    expect(await errorOf([{ type: 'paragraph', html: '<b>粗</b>细'.repeat(300) }])).toMatchObject({ code: 'BLOCK_INVALID', message: expect.stringContaining('blocks[0]') })
    expect((await rows(`SELECT id FROM articles WHERE status = 'draft'`))).toEqual([])
    // A long text is stored in runs the schema accepts, so an editor can send it back unchanged.
    const long = await draft({ blocks: [{ type: 'paragraph', html: '长'.repeat(15_000) }] })
    expect(long.json().blocks[0].runs.map((r: Json) => r.text.length)).toEqual([10_000, 5_000])
    const back = long.json()
    expect((await admin('PUT', '/api/admin/articles/new-post', { title: back.title, summary: back.summary, author: back.author, coverMediaId: null, blocks: back.blocks, version: back.version })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/admin/articles' })).statusCode).toBe(401)
  })

  it('keeps drafts and scheduled posts from followers, previews them as each reader would see them, and shows a scheduled post at its time', async () => {
    await start()
    const t0 = app.clock.now()
    // An anonymous list cached before any change must not hide what is published later.
    const before = (await get('/api/articles')).json().articles.length
    const created = await draft({ blocks: [
      { type: 'paragraph', html: '免费部分' },
      { type: 'image', mediaId: 'demo-photo-2', alt: '图' },
      { type: 'paywall' },
      { type: 'paragraph', html: '付费部分' },
      { type: 'image', mediaId: 'demo-poster', alt: '付费图' },
    ] })
    expect(created.json()).toMatchObject({ status: 'draft', state: 'draft', publishedAt: null, version: 1, premium: true })
    expect((await rows<{ access: string }>(`SELECT access FROM media WHERE id = 'demo-poster'`))[0]!.access).toBe('premium')
    expect((await rows<{ access: string }>(`SELECT access FROM media WHERE id = 'demo-photo-2'`))[0]!.access).toBe('public')
    const hidden = async (on: App) => {
      expect((await get('/api/articles/new-post', on)).json().error.code).toBe('ARTICLE_NOT_FOUND')
      expect((await get('/api/articles', on)).json().articles.some((a: Json) => a.id === 'new-post')).toBe(false)
    }
    await hidden(app)

    const asMember = (await admin('GET', '/api/admin/articles/new-post/preview?as=member')).json()
    expect(asMember).toMatchObject({ locked: false, premium: true })
    expect(asMember.blocks.map((b: Json) => b.type)).toEqual(['paragraph', 'image', 'paywall', 'paragraph', 'image'])
    expect(verifySigned(asMember.blocks[4].src)).toBe(true)
    const asReader = await admin('GET', '/api/admin/articles/new-post/preview?as=nonmember')
    expect(asReader.json()).toMatchObject({ locked: true, paywall: { memberships: expect.any(Array) } })
    expect(asReader.json().blocks.map((b: Json) => b.type)).toEqual(['paragraph', 'image', 'paywall'])
    expect(asReader.body).not.toContain('付费部分')
    expect(asReader.body).not.toContain('demo-poster')
    expect((await admin('GET', '/api/admin/articles/new-post/preview?as=someone')).statusCode).toBe(400)

    expect((await admin('POST', '/api/admin/articles/new-post/schedule', { publishAt: new Date(t0 - 60_000).toISOString() })).json().error.code).toBe('SCHEDULE_IN_PAST')
    const scheduled = await admin('POST', '/api/admin/articles/new-post/schedule', { publishAt: new Date(t0 + HOUR).toISOString() })
    expect(scheduled.json()).toMatchObject({ status: 'published', state: 'scheduled', publishedAt: new Date(t0 + HOUR).toISOString() })
    await hidden(app)
    expect((await admin('GET', '/api/admin/articles')).json().articles.find((a: Json) => a.id === 'new-post')).toMatchObject({ state: 'scheduled', blockCount: 5 })

    // The same database, an hour and a minute later: it is out, with nobody touching the cache.
    const later = await appAt(t0 + HOUR + 60_000)
    const out = (await get('/api/articles/new-post', later)).json()
    expect(out).toMatchObject({ id: 'new-post', locked: true, publishedAt: new Date(t0 + HOUR).toISOString() })
    expect(out.blocks.map((b: Json) => b.type)).toEqual(['paragraph', 'image', 'paywall'])
    const list = (await get('/api/articles', later)).json().articles
    expect(list).toHaveLength(before + 1)
    expect(list.find((a: Json) => a.id === 'new-post')).toMatchObject({ locked: true })
    // The instance whose clock has not moved still hides it: visibility is decided per request.
    await hidden(app)
  })

  it('publishes, edits and unpublishes with fresh answers each time, one audit entry per change, and deletes only drafts', async () => {
    await start()
    const etagOf = async () => (await get('/api/articles')).headers.etag
    const firstEtag = await etagOf()
    await draft()
    expect(await etagOf()).toBe(firstEtag)
    const published = await admin('POST', '/api/admin/articles/new-post/publish')
    expect(published.json()).toMatchObject({ state: 'published', version: 2 })
    expect((await get('/api/articles/new-post')).json()).toMatchObject({ title: '新文章', blocks: [{ type: 'paragraph', runs: [{ text: '正文' }] }] })
    expect(await etagOf()).not.toBe(firstEtag)

    const edit = { title: '改过的标题', summary: '新摘要', author: '林晓', coverMediaId: 'demo-photo-2', blocks: [{ type: 'heading', level: 2, text: '小标题' }, { type: 'paragraph', runs: [{ text: '新正文' }] }] }
    const saved = await admin('PUT', '/api/admin/articles/new-post', { ...edit, version: 2 })
    expect(saved.json()).toMatchObject({ title: '改过的标题', version: 3, cover: { mediaId: 'demo-photo-2', src: '/media/demo-photo-2' } })
    expect((await get('/api/articles/new-post')).json()).toMatchObject({ title: '改过的标题', author: '林晓', cover: { mediaId: 'demo-photo-2' }, blocks: [{ type: 'heading' }, { type: 'paragraph' }] })
    const stale = await admin('PUT', '/api/admin/articles/new-post', { ...edit, title: '旧版本的修改', version: 2 })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().error.code).toBe('VERSION_CONFLICT')
    expect((await get('/api/articles/new-post')).json().title).toBe('改过的标题')

    expect((await admin('DELETE', '/api/admin/articles/new-post')).json().error.code).toBe('POST_NOT_DRAFT')
    expect((await admin('POST', '/api/admin/articles/new-post/unpublish')).json()).toMatchObject({ state: 'draft', publishedAt: null })
    expect((await get('/api/articles/new-post')).statusCode).toBe(404)
    expect((await admin('DELETE', '/api/admin/articles/new-post')).statusCode).toBe(204)
    expect((await admin('GET', '/api/admin/articles/new-post')).statusCode).toBe(404)
    expect((await draft()).statusCode).toBe(201)
    expect((await draft()).json().error.code).toBe('ARTICLE_EXISTS')

    const audit = await rows<{ action: string, actor: string }>(`SELECT action, actor FROM audit_log WHERE target_type = 'article' AND target_id = 'new-post' ORDER BY id`)
    expect(audit.map(a => a.action)).toEqual(['post.create', 'post.publish', 'post.update', 'post.unpublish', 'post.delete', 'post.create'])
    expect(audit.every(a => a.actor === 'admin-token')).toBe(true)
  })

  it('two editors saving the same version at once: one wins, the other gets 409, the row is whole', async () => {
    await start()
    await draft()
    const save = (title: string) => admin('PUT', '/api/admin/articles/new-post', { title, summary: title, author: title, coverMediaId: null, blocks: [{ type: 'paragraph', runs: [{ text: title }] }], version: 1 })
    const results = await Promise.all(['编辑甲', '编辑乙', '编辑丙'].map(save))
    const statuses = results.map(r => r.statusCode).sort()
    expect(statuses).toEqual([200, 409, 409])
    const winner = results.find(r => r.statusCode === 200)!.json().title
    const [row] = await rows<{ title: string, summary: string, author: string, blocks: Json[], version: number }>(`SELECT title, summary, author, blocks, version FROM articles WHERE id = 'new-post'`)
    expect(row).toEqual({ title: winner, summary: winner, author: winner, blocks: [{ type: 'paragraph', runs: [{ text: winner }] }], version: 2 })
    expect((await rows(`SELECT 1 FROM audit_log WHERE action = 'post.update' AND target_id = 'new-post'`))).toHaveLength(1)
  })
})
