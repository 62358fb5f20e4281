import type { LightMyRequestResponse } from 'fastify'
import type { App } from '../../src/server/app.ts'
import type { RunningSimulator } from '../../src/simulator/start.ts'
import type { Browser } from './helpers/pay.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildPayApp, buy, rows, signedIn } from './helpers/pay.ts'
import { startTestSimulator } from './helpers/simulator.ts'

const PREMIUM = ['pay-apiv3-deep-dive', 'paywall-design', 'creator-income']

describe('articles and the paywall', () => {
  let sim: RunningSimulator
  let app: App
  beforeAll(async () => {
    sim = await startTestSimulator()
  })
  afterEach(() => app.close())
  afterAll(() => sim.close())

  /** Every premium block's text and upload id: none may appear in any response to a reader who has not paid. */
  async function premiumTexts(): Promise<string[]> {
    const all = await rows<{ blocks: { type: string, runs?: { text: string }[], mediaId?: string }[] }>('SELECT blocks FROM articles WHERE is_premium')
    const premium = all.flatMap(r => r.blocks.slice(r.blocks.findIndex(b => b.type === 'paywall') + 1))
    expect(premium.length).toBeGreaterThan(0)
    return premium.flatMap(b => [...(b.runs ?? []).map(r => r.text.slice(0, 24)), ...(b.mediaId ? [b.mediaId] : [])])
  }

  /** Everything a reader's page can fetch, for every article. */
  async function everyResponse(get: (url: string) => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]> {
    const list = await get('/api/articles')
    const ids = list.json().articles.map((a: { id: string }) => a.id)
    const pages = await Promise.all(ids.flatMap((id: string) => [get(`/api/articles/${id}`), get(`/api/articles/${id}/tips`)]))
    return [list, ...pages, await get('/api/products'), await get('/api/membership'), await get('/api/orders')]
  }

  const expectNoPremium = async (responses: LightMyRequestResponse[]) => {
    const texts = await premiumTexts()
    for (const res of responses) {
      for (const text of texts)
        expect(res.body.includes(text), `${res.body.slice(0, 80)}… leaks premium text`).toBe(false)
    }
  }

  it('lists articles without bodies, with series and lock state', async () => {
    app = await buildPayApp(sim)
    const res = await app.inject({ method: 'GET', url: '/api/articles' })
    expect(res.statusCode).toBe(200)
    // Anonymous: the public copy, revalidated by ETag; never a shared cache's (it varies by cookie).
    expect(res.headers['cache-control']).toBe('private, no-cache')
    expect(res.headers.etag).toMatch(/^W\/"/)
    const { articles } = res.json()
    // 慢读计划's third part is scheduled: not listed until its time.
    expect(articles).toHaveLength(10)
    for (const a of articles) {
      expect(a).not.toHaveProperty('blocks')
      expect(a.locked).toBe(a.premium)
    }
    expect(articles.find((a: { id: string }) => a.id === 'jssdk-signature')).toMatchObject({ title: '一次讲清 JS-SDK 签名', series: { id: 'wechat-dev-notes', title: '公众号开发手记', position: 2 }, premium: false })
  })

  it('shows a free article whole and a premium one up to its paywall block, with the offers', async () => {
    app = await buildPayApp(sim)
    const free = (await app.inject({ method: 'GET', url: '/api/articles/reading-habits' })).json()
    expect(free).toMatchObject({ premium: false, locked: false })
    expect(free.blocks).toHaveLength(5)
    expect(free.blocks[4]).toEqual({ type: 'paragraph', runs: [{ text: '五、给写得好的作者一点赞赏，让好内容能继续写下去。' }] })
    expect(free).not.toHaveProperty('paywall')
    const premium = (await app.inject({ method: 'GET', url: '/api/articles/pay-apiv3-deep-dive' })).json()
    expect(premium).toMatchObject({
      premium: true,
      locked: true,
      paywall: {
        memberships: [{ id: 'membership-monthly', priceFen: 1800 }, { id: 'membership-yearly', priceFen: 16800 }],
        unlock: { id: 'unlock-pay-apiv3-deep-dive', kind: 'unlock', priceFen: 600, articleId: 'pay-apiv3-deep-dive' },
      },
    })
    expect(premium.blocks.map((b: { type: string }) => b.type)).toEqual(['paragraph', 'paragraph', 'paywall'])
    expect(premium.blocks[0].runs[0].text).toContain('APIv3')
    expect((await app.inject({ method: 'GET', url: '/api/articles/nope' })).json().error.code).toBe('ARTICLE_NOT_FOUND')
    expect((await app.inject({ method: 'GET', url: '/api/articles/%3Cscript%3E' })).statusCode).toBe(400)
  })

  it('never sends premium text to signed-out readers, unpaid readers or snapshot visitors', async () => {
    app = await buildPayApp(sim)
    const anon = (url: string) => app.inject({ method: 'GET', url })
    const reader = await signedIn(app, sim, 'iphone')
    const snapshot = await signedIn(app, sim, 'snapshot')
    // A pending (unpaid) unlock and membership change nothing.
    await reader.request('POST', '/api/orders', { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    await reader.request('POST', '/api/orders', { productId: 'membership-monthly' })
    await expectNoPremium(await everyResponse(anon))
    await expectNoPremium(await everyResponse(url => reader.request('GET', url)))
    await expectNoPremium(await everyResponse(url => snapshot.request('GET', url)))
  })

  it('an unlock opens that article only; a membership opens them all', async () => {
    app = await buildPayApp(sim)
    const reader = await signedIn(app, sim, 'iphone')
    await buy(reader, sim, { productId: 'unlock-paywall-design', articleId: 'paywall-design' })
    const [stored] = (await rows<{ blocks: unknown[] }>(`SELECT blocks FROM articles WHERE id = 'paywall-design'`))
    const opened = (await reader.request('GET', '/api/articles/paywall-design')).json()
    expect(opened).toMatchObject({ locked: false, blocks: stored!.blocks })
    expect(opened).not.toHaveProperty('paywall')
    const list = (await reader.request('GET', '/api/articles')).json().articles
    expect(list.filter((a: { locked: boolean }) => a.locked).map((a: { id: string }) => a.id).sort()).toEqual(['creator-income', 'pay-apiv3-deep-dive', 'post-anatomy', 'slow-reading-2'])
    expect((await reader.request('GET', '/api/articles/creator-income')).json().locked).toBe(true)

    const member = await signedIn(app, sim, 'android')
    await buy(member, sim, { productId: 'membership-yearly' })
    for (const id of PREMIUM)
      expect((await member.request('GET', `/api/articles/${id}`)).json()).toMatchObject({ locked: false, blocks: expect.arrayContaining([{ type: 'paragraph', runs: [{ text: expect.stringContaining('【会员全文】') }] }]) })
    // And a member is told so rather than charged for an unlock.
    expect((await member.request('POST', '/api/orders', { productId: 'unlock-creator-income', articleId: 'creator-income' })).statusCode).toBe(409)
  })

  it('counts paid tips from real people once each, latest first', async () => {
    app = await buildPayApp(sim)
    const lin = await signedIn(app, sim, 'iphone')
    const chen = await signedIn(app, sim, 'android')
    const tip = (who: Browser, amountFen: number) => buy(who, sim, { productId: 'tip', articleId: 'reading-habits', amountFen })
    await tip(lin, 200)
    await tip(chen, 500)
    await tip(lin, 1000)
    // Unpaid tips and tips from snapshot identities never count.
    await chen.request('POST', '/api/orders', { productId: 'tip', articleId: 'reading-habits', amountFen: 2000 })
    const snapshot = await signedIn(app, sim, 'snapshot')
    const [snap] = await rows<{ id: number }>(`SELECT id FROM users WHERE is_snapshot`)
    await rows(`INSERT INTO orders (out_trade_no, user_id, product_id, kind, article_id, description, amount_fen, status, prepay_id, expires_at, paid_at, transaction_id)
      VALUES ('SNAPSHOTTIP001', $1, 'tip', 'tip', 'reading-habits', 'x', 500, 'paid', 'wx1', now(), now(), 'T-SNAP')`, [snap!.id])

    const tips = (await lin.request('GET', '/api/articles/reading-habits/tips')).json()
    expect(tips).toEqual({ count: 2, tippers: [{ nickname: '林晓', avatarUrl: expect.any(String) }, { nickname: '陈默', avatarUrl: expect.any(String) }], tippedByMe: true })
    expect((await snapshot.request('GET', '/api/articles/reading-habits/tips')).json().tippedByMe).toBe(false)
    expect((await app.inject({ method: 'GET', url: '/api/articles/jssdk-signature/tips' })).json()).toEqual({ count: 0, tippers: [], tippedByMe: false })
    expect((await app.inject({ method: 'GET', url: '/api/articles/nope/tips' })).statusCode).toBe(404)
  })

  it('lists the catalogue with prices in fen and the tip bounds', async () => {
    app = await buildPayApp(sim)
    const { products } = (await app.inject({ method: 'GET', url: '/api/products' })).json()
    expect(products.map((p: { id: string }) => p.id)).toEqual(['membership-monthly', 'membership-yearly', 'unlock-pay-apiv3-deep-dive', 'unlock-paywall-design', 'unlock-creator-income', 'series-slow-reading', 'tip'])
    expect(products.at(-1)).toEqual({ id: 'tip', kind: 'tip', title: '赞赏作者', description: expect.any(String), tip: { presetsFen: [200, 500, 1000, 2000], minFen: 100, maxFen: 50000 } })
    for (const p of products.filter((p: { kind: string }) => p.kind !== 'tip'))
      expect(Number.isInteger(p.priceFen)).toBe(true)
  })
})
