// A member on a new phone (fresh browser context, no cookies) opens a premium article signed
// out. Whether they use the paywall's "已是会员？登录后阅读" or tap a price, signing in must show
// the article in full and never open a pay sheet for what they already have.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { KitStack } from './helpers/kit-stack.ts'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

const ARTICLE = { id: 'pay-apiv3-deep-dive', premium: '下单时的签名串有五行' }

let stack: KitStack
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  [stack, browser] = await Promise.all([startKitStack(), launchChromium()])
})
afterEach(async () => {
  await Promise.all(contexts.splice(0).map(c => c.close()))
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

async function freshPhone(): Promise<{ page: Page, paySheets: () => Promise<number>, errors: string[] }> {
  const context = await stack.wechatContext(browser, 'ios')
  contexts.push(context)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  // Counts every chooseWXPay the page asked the client for, across reloads of this tab.
  const paySheets = () => page.evaluate(() => (window as unknown as { __wxsim: { calls: Array<{ name: string }> } }).__wxsim.calls.filter(c => c.name === 'getBrandWCPayRequest').length)
  return { page, paySheets, errors }
}

/** The iPhone persona becomes a yearly member, in a context of its own (another phone). */
async function becomeMember() {
  const { page } = await freshPhone()
  await page.goto(`${stack.origin}/auth/login?returnTo=${encodeURIComponent('/membership')}`)
  await stack.consent(page, 'iphone')
  await page.getByTestId('tier-membership-yearly').click()
  await page.getByTestId('membership-buy').click()
  await page.getByTestId('wxsim-pay-confirm').click()
  await page.getByTestId('membership-status').filter({ hasText: '年度会员' }).waitFor()
}

async function expectFullArticleWithoutPaying(page: Page, paySheets: () => Promise<number>) {
  await page.getByTestId('article-premium').waitFor()
  expect(await page.getByTestId('article-premium').textContent()).toContain(ARTICLE.premium)
  expect(await page.getByTestId('paywall').count()).toBe(0)
  expect(await page.getByTestId('wxsim-pay-sheet').count()).toBe(0)
  expect(await paySheets()).toBe(0)
  // Nothing was ordered for this reader on the way.
  const orders = await page.evaluate(() => fetch('/api/orders').then(r => r.json())) as { orders: Array<{ kind: string }> }
  expect(orders.orders.map(o => o.kind)).toEqual(['membership'])
}

describe('a member signing in again on a new phone', () => {
  beforeAll(becomeMember)

  it('reads the article in full through the paywall\'s sign-in entry', async () => {
    const { page, paySheets, errors } = await freshPhone()
    await page.goto(`${stack.origin}/articles/${ARTICLE.id}`)
    await page.getByTestId('paywall-sign-in').click()
    await stack.consent(page, 'iphone')
    await expectFullArticleWithoutPaying(page, paySheets)
    expect(errors).toEqual([])
  })

  it('reads the article in full, and no pay sheet opens, after tapping a tier to sign in', async () => {
    const { page, paySheets, errors } = await freshPhone()
    await page.goto(`${stack.origin}/articles/${ARTICLE.id}`)
    await page.getByTestId('paywall-buy-membership-monthly').click()
    await stack.consent(page, 'iphone')
    await expectFullArticleWithoutPaying(page, paySheets)
    await page.getByText('你已可阅读全文').waitFor()
    expect(errors).toEqual([])
  })

  it('is offered sign-in on /membership, and renewing stays a deliberate tap', async () => {
    const { page, paySheets } = await freshPhone()
    await page.goto(`${stack.origin}/membership`)
    await page.getByTestId('membership-sign-in').waitFor()
    expect(await page.getByTestId('membership-status').textContent()).not.toContain('未开通')
    await page.getByTestId('tier-membership-monthly').click()
    await page.getByTestId('membership-buy').click()
    await stack.consent(page, 'iphone')
    await expect.poll(() => page.getByTestId('membership-status').textContent()).toContain('年度会员')
    expect(await page.getByTestId('membership-buy').textContent()).toContain('续费')
    expect(await page.getByTestId('membership-new-expiry').textContent()).toMatch(/续费后有效期至/)
    expect(await paySheets()).toBe(0)
  })
})
