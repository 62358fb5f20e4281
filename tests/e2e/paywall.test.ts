// Paying for premium content as a follower does it: a Chromium context acting as WeChat's webview
// (bridge emulator, pay sheet) against the production server with the built SPA and the WeChat
// simulator's Pay APIv3. The premium text must never reach an unpaid reader, and once the server
// confirms a payment it must appear in place, without a reload.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { KitStack } from './helpers/kit-stack.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

// From src/server/db/seed/0001_demo_content.sql: the premium bodies of two seeded articles.
const APIV3 = { id: 'pay-apiv3-deep-dive', premium: '下单时的签名串有五行：请求方法、URL、时间戳、随机串和请求体' }
const PAYWALL = { id: 'paywall-design', premium: '第一，试读部分应当完整地回答一个小问题' }
const FREE = 'reading-habits'

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
  /** Every response body the page received so far (text), to prove what never arrived. */
  bodies: () => Promise<string[]>
  errors: string[]
}

/** A follower in WeChat on `device` who signs in on the way to `path` (WeChat OAuth through the simulator). */
async function signedInReader(device: 'ios' | 'android', path: string): Promise<Reader> {
  context = await stack.wechatContext(browser, device)
  const page = await context.newPage()
  const pending: Array<Promise<string>> = []
  const errors: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  page.on('response', res => pending.push(res.body().then(b => b.toString('utf8'), () => '')))
  await page.goto(`${stack.origin}/auth/login?returnTo=${encodeURIComponent(path)}`)
  await stack.consent(page, device === 'ios' ? 'iphone' : 'android')
  expect(new URL(page.url()).pathname).toBe(path)
  // The JS-SDK is configured before anyone reaches for the pay sheet.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __wechatKit?: { status?: { configured?: boolean } } }).__wechatKit?.status?.configured)).toBe(true)
  return { page, errors, bodies: () => Promise.all(pending) }
}

async function expectNowhere(reader: Reader, text: string) {
  const bodies = await reader.bodies()
  expect(bodies.length).toBeGreaterThan(5)
  expect(bodies.filter(b => b.includes(text))).toEqual([])
  expect(await reader.page.content()).not.toContain(text)
}

describe('paying for premium content in WeChat', () => {
  it('shows only the preview and the paywall, then unlocks in place after a membership is paid', async () => {
    const reader = await signedInReader('ios', `/articles/${APIV3.id}`)
    const { page } = reader
    // A shorter webview, so that reading down to the paywall really scrolls.
    await page.setViewportSize({ width: 390, height: 560 })
    const paywall = page.getByTestId('paywall')
    await paywall.waitFor()
    await expect.poll(() => page.getByTestId('paywall-buy-membership-monthly').textContent()).toBe('¥18/月')
    expect(await page.getByTestId('article-preview').textContent()).toContain('微信支付 APIv3 的每个请求都要签名')
    expect(await page.getByTestId('article-premium').count()).toBe(0)
    await expectNowhere(reader, APIV3.premium)

    // Reading down to the paywall; a marker proves the same document survives the payment.
    await paywall.evaluate(el => el.scrollIntoView({ block: 'start' }))
    await page.evaluate(() => {
      (window as unknown as { __readingMarker: string }).__readingMarker = 'still here'
    })
    const scrollBefore = await page.evaluate(() => window.scrollY)
    expect(scrollBefore).toBeGreaterThan(0)
    let navigations = 0
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame())
        navigations++
    })

    await page.getByTestId('paywall-buy-membership-monthly').click()
    const sheet = page.getByTestId('wxsim-pay-sheet')
    expect(await sheet.getByTestId('wxsim-pay-amount').textContent()).toBe('¥18.00')
    await sheet.getByTestId('wxsim-pay-confirm').click()

    const premium = page.getByTestId('article-premium')
    await premium.waitFor()
    expect(await premium.textContent()).toContain(APIV3.premium)
    expect(await page.getByTestId('paywall').count()).toBe(0)
    expect(navigations).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __readingMarker?: string }).__readingMarker)).toBe('still here')
    const scrollAfter = await page.evaluate(() => window.scrollY)
    expect(Math.abs(scrollAfter - scrollBefore)).toBeLessThan(40)

    // The membership page tells the same story: active, with the paid order in the history.
    await page.goto(`${stack.origin}/membership`)
    await expect.poll(() => page.getByTestId('membership-status').textContent()).toContain('月度会员')
    expect(await page.getByTestId('membership-expiry').textContent()).toMatch(/有效期至 \d{4}年\d{1,2}月\d{1,2}日/)
    expect(await page.getByTestId('membership-buy').textContent()).toContain('续费')
    await expect.poll(() => page.getByTestId('order-status').first().textContent()).toBe('已支付')
    expect(reader.errors).toEqual([])
  })

  it('stays locked, calmly, when the reader cancels the pay sheet', async () => {
    const reader = await signedInReader('android', `/articles/${PAYWALL.id}`)
    const { page } = reader
    await page.getByTestId('paywall').waitFor()
    expect(await page.getByTestId('paywall-buy-unlock').textContent()).toBe('¥3')

    await page.getByTestId('paywall-buy-unlock').click()
    await page.getByTestId('wxsim-pay-cancel').click()
    await page.getByText('已取消支付').waitFor()
    expect(await page.getByTestId('paywall').isVisible()).toBe(true)
    expect(await page.getByTestId('pay-failure').count()).toBe(0)
    expect(await page.getByTestId('article-premium').count()).toBe(0)

    // Still locked for the server too: a reload shows the paywall, and the text never arrived.
    await page.reload()
    await page.getByTestId('paywall').waitFor()
    expect(await page.getByTestId('article-premium').count()).toBe(0)
    await expectNowhere(reader, PAYWALL.premium)
    expect(reader.errors).toEqual([])
  })

  it('adds the reader to the tippers after a tip is paid, with a thank-you', async () => {
    const reader = await signedInReader('ios', `/articles/${FREE}`)
    const { page } = reader
    const me = await page.evaluate(() => fetch('/api/me').then(r => r.json())) as { nickname: string }
    const count = page.getByTestId('tip-count')
    await expect.poll(() => count.textContent()).toContain('还没有人赞赏')

    await page.getByTestId('tip-open').click()
    await page.getByTestId('tip-preset-500').click()
    const sheet = page.getByTestId('wxsim-pay-sheet')
    expect(await sheet.getByTestId('wxsim-pay-amount').textContent()).toBe('¥5.00')
    await sheet.getByTestId('wxsim-pay-confirm').click()

    await page.getByTestId('tip-thanks').waitFor()
    await expect.poll(() => count.textContent()).toContain('1 人赞赏')
    expect(await page.getByTestId('tipper').first().getAttribute('alt')).toBe(me.nickname)
    expect(reader.errors).toEqual([])
  })
})
