// The mixed-media demo post as followers meet it, on both personas (iPhone and Android WeChat,
// the bridge emulator answering the JS-SDK) and in a plain browser: every block type renders,
// nothing shifts while images, the gallery and the video load, a locked reader never receives a
// premium media URL, the gallery opens WeChat's viewer (or Vant's outside WeChat), the audio
// resumes where the reader stopped after a reload, and the mini-program card is the open tag
// inside WeChat and a link outside.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ArticleView } from '../../src/shared/schemas/articles.ts'
import type { KitStack } from './helpers/kit-stack.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

// From src/server/db/seed/0020_posts.sql: the mixed post, and its media behind the paywall break
// (the demo media ids are listed in src/server/db/seed/0019_media.sql).
const MIXED = 'post-anatomy'
const PREMIUM_MEDIA = ['demo-photo-3', 'demo-audio']
/** The seed post has every block type but a quiz (quizzes are embedded and tested in polls-quizzes). */
const SEEDED_TYPES = ['paragraph', 'heading', 'quote', 'list', 'image', 'gallery', 'audio', 'video', 'callout', 'divider', 'poll', 'miniprogram', 'paywall']

let stack: KitStack
let browser: Browser
let context: BrowserContext | undefined

beforeAll(async () => {
  [stack, browser] = await Promise.all([startKitStack(), launchChromium()])
})
afterEach(async () => {
  await context?.close()
  context = undefined
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

interface Reader {
  page: Page
  /** Every URL the page requested and every response body, to prove what never arrived. */
  requested: string[]
  bodies: () => Promise<string[]>
  errors: string[]
}

/** Sums layout shifts (Cumulative Layout Shift) from the first paint on, as the page sees them. */
function observeLayoutShift() {
  const w = window as unknown as { __cls: number }
  w.__cls = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number, hadRecentInput: boolean }>) {
      if (!entry.hadRecentInput)
        w.__cls += entry.value
    }
  }).observe({ type: 'layout-shift', buffered: true })
}

async function reader(ctx: BrowserContext): Promise<Reader> {
  context = ctx
  await ctx.addInitScript(observeLayoutShift)
  const page = await ctx.newPage()
  const requested: string[] = []
  const pending: Array<Promise<string>> = []
  const errors: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  page.on('request', req => requested.push(req.url()))
  page.on('response', res => pending.push(res.body().then(b => b.toString('utf8'), () => '')))
  return { page, requested, errors, bodies: () => Promise.all(pending) }
}

async function signIn({ page }: Reader, device: 'ios' | 'android', path: string) {
  await page.goto(`${stack.origin}/auth/login?returnTo=${encodeURIComponent(path)}`)
  await stack.consent(page, device === 'ios' ? 'iphone' : 'android')
  await expect.poll(() => page.evaluate(() => (window as unknown as { __wechatKit?: { status?: { configured?: boolean } } }).__wechatKit?.status?.configured)).toBe(true)
}

const articleApi = (page: Page) => page.evaluate(id => fetch(`/api/articles/${id}`).then(r => r.json()), MIXED) as Promise<ArticleView>
const renderedTypes = (page: Page) => page.locator('[data-testid="article"] [data-block-type]').evaluateAll(els => els.map(e => e.getAttribute('data-block-type')!))

/** Scrolls through the whole post (lazy media load near the viewport) and waits for every image and the video's first frame data. */
async function loadAllMedia(page: Page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  for (let y = 0; y < height; y += 300)
    await page.evaluate(top => window.scrollTo(0, top), y)
  await page.waitForFunction(() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)
    && Array.from(document.querySelectorAll('video')).every(v => v.readyState >= 1))
  await page.evaluate(() => window.scrollTo(0, 0))
}

const cls = (page: Page) => page.evaluate(() => (window as unknown as { __cls: number }).__cls)

describe.each(['ios', 'android'] as const)('the mixed post in %s WeChat', (device) => {
  it('renders its free blocks without layout shift, with no premium media anywhere, locked', async () => {
    const r = await reader(await stack.wechatContext(browser, device))
    const { page } = r
    await page.goto(`${stack.origin}/articles/${MIXED}`)
    await page.getByTestId('article').waitFor()
    const api = await articleApi(page)
    expect(api.locked).toBe(true)
    const free = api.blocks.filter(b => b.type !== 'paywall').map(b => b.type)
    expect(await renderedTypes(page)).toEqual(free)
    await page.getByTestId('paywall').waitFor()

    await loadAllMedia(page)
    expect(await cls(page)).toBeLessThan(0.01)

    // Inline playback in both webviews, the box reserved from the size.
    const video = page.locator('[data-testid="block-video"] video').first()
    expect(await video.evaluate(v => ['playsinline', 'webkit-playsinline', 'x5-playsinline', 'controls', 'poster', 'width', 'height'].filter(a => v.hasAttribute(a)))).toEqual(['playsinline', 'webkit-playsinline', 'x5-playsinline', 'controls', 'poster', 'width', 'height'])
    expect(await video.getAttribute('preload')).toBe('metadata')

    // The mini program opens from WeChat's open tag, declared in wx.config's openTagList.
    const tag = page.locator('[data-testid="block-miniprogram"] wx-open-launch-weapp')
    expect(await tag.count()).toBe(1)
    expect(await tag.getAttribute('username')).toMatch(/^gh_[0-9a-f]{12}$/)
    expect(await page.getByTestId('miniprogram-fallback').count()).toBe(0)

    // A tap on a gallery photo opens WeChat's viewer with absolute URLs.
    const gallery = api.blocks.find(b => b.type === 'gallery')
    expect(gallery).toBeDefined()
    await page.getByTestId('gallery-slide').first().click()
    await expect.poll(() => page.evaluate(() => (window as unknown as { __wxsim: { calls: Array<{ name: string, args: { urls?: string[], current?: string }, reply?: string }> } }).__wxsim.calls.filter(c => c.name === 'imagePreview'))).toEqual([
      expect.objectContaining({ args: expect.objectContaining({ current: `${stack.origin}${gallery!.type === 'gallery' && gallery!.images[0]!.src}` }), reply: 'imagePreview:ok' }),
    ])
    expect(await page.locator('.van-image-preview').count()).toBe(0)

    // Premium media never reached this reader: not in the page, not in any request or answer.
    const html = await page.content()
    const bodies = await r.bodies()
    for (const id of PREMIUM_MEDIA) {
      expect(html).not.toContain(id)
      expect(r.requested.filter(u => u.includes(id))).toEqual([])
      expect(bodies.filter(b => b.includes(id))).toEqual([])
    }
    expect(r.errors).toEqual([])
  })

  it('unlocks every block type in place after a membership, and resumes the audio after a reload', async () => {
    const r = await reader(await stack.wechatContext(browser, device))
    const { page } = r
    await signIn(r, device, `/articles/${MIXED}`)
    await page.getByTestId('paywall-buy-membership-monthly').click()
    await page.getByTestId('wxsim-pay-sheet').getByTestId('wxsim-pay-confirm').click()
    await page.getByTestId('article-premium').waitFor()
    const api = await articleApi(page)
    expect(api.locked).toBe(false)
    expect(await renderedTypes(page)).toEqual(api.blocks.map(b => b.type))
    expect([...new Set(api.blocks.map(b => b.type))].sort()).toEqual([...SEEDED_TYPES].sort())
    expect(await page.getByTestId('premium-divider').textContent()).toContain('以下为付费内容')

    // Play, move on, and the position survives a reload.
    const player = page.getByTestId('block-audio').first()
    await player.getByTestId('audio-toggle').click()
    await expect.poll(() => player.locator('audio').evaluate((a: HTMLAudioElement) => !a.paused && a.currentTime > 0)).toBe(true)
    await player.getByTestId('audio-seek').evaluate((el: HTMLInputElement) => {
      el.value = '8000'
      el.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await expect.poll(() => player.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThanOrEqual(8)
    await player.getByTestId('audio-toggle').click()
    const saved = await page.evaluate(() => Object.entries(localStorage).find(([k]) => k.startsWith('kit:media-position:'))?.[1])
    expect(Number(saved)).toBeGreaterThanOrEqual(8000)

    await page.reload()
    const again = page.getByTestId('block-audio').first()
    await again.waitFor()
    expect(await again.getByTestId('audio-position').textContent()).toBe(`0:${String(Math.floor(Number(saved) / 1000)).padStart(2, '0')}`)
    await again.getByTestId('audio-toggle').click()
    await expect.poll(() => again.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThanOrEqual(8)
    expect(r.errors).toEqual([])
  })
})

describe('the mixed post in a plain browser', () => {
  it('previews the gallery with Vant and links the mini program to its fallback', async () => {
    const r = await reader(await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' }))
    const { page } = r
    await page.goto(`${stack.origin}/articles/${MIXED}`)
    await page.getByTestId('article').waitFor()
    expect(await page.locator('wx-open-launch-weapp').count()).toBe(0)
    const api = await articleApi(page)
    const card = api.blocks.find(b => b.type === 'miniprogram')
    if (card?.type === 'miniprogram' && card.fallbackUrl)
      expect(await page.getByTestId('miniprogram-fallback').getAttribute('href')).toBe(card.fallbackUrl)
    else
      expect(await page.getByTestId('block-miniprogram').textContent()).toContain('请在微信中打开')

    await page.getByTestId('gallery-slide').first().click()
    await page.locator('.van-image-preview').waitFor()
    expect(r.errors).toEqual([])
  })
})
