// A three-part series as followers meet it, on both personas: the series page (two parts out,
// one coming, read state), 上一篇 / 下一篇 inside the SPA, "继续阅读" after a reload, and the
// "更新提醒" open tag offered inside WeChat and hidden in a plain browser.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { KitStack } from './helpers/kit-stack.ts'
import { sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

// From src/server/db/seed/0022_series.sql: 慢读计划, parts 1 and 2 out, part 3 scheduled.
const SERIES = 'slow-reading'
// From src/server/db/seed/0020_posts.sql: the long mixed post, for reading halfway.
const LONG = 'post-anatomy'

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

async function signedIn(device: 'ios' | 'android', path: string): Promise<Page> {
  context = await stack.wechatContext(browser, device)
  const page = await context.newPage()
  await page.goto(`${stack.origin}/auth/login?returnTo=${encodeURIComponent(path)}`)
  await stack.consent(page, device === 'ios' ? 'iphone' : 'android')
  return page
}

describe.each(['ios', 'android'] as const)('a series on %s', (device) => {
  it('shows the parts out and the one coming, and steps through them with 上一篇 / 下一篇', async () => {
    const page = await signedIn(device, `/series/${SERIES}`)
    await page.getByTestId('series-title').waitFor()
    expect(await page.getByTestId('series-part').count()).toBe(2)
    expect(await page.getByTestId('series-part-scheduled').textContent()).toMatch(/即将更新 · \d{1,2}月\d{1,2}日/)
    // Inside WeChat the 更新提醒 open tag is there, with the series template; 允许 in WeChat's
    // sheet is confirmed on the page, and the series hint reaches the server.
    expect(await page.locator('wx-open-subscribe').getAttribute('template')).toBeTruthy()
    await page.locator('wx-open-subscribe').getByRole('button', { name: '更新提醒' }).click()
    await page.getByTestId('wxsim-subscribe-sheet').getByTestId('wxsim-subscribe-allow').click()
    await page.getByTestId('series-subscribed').waitFor()
    const count = async (query: ReturnType<typeof sql>) => (await stack.database.db.execute(query) as unknown as { rows: { n: number }[] }).rows[0]!.n
    await expect.poll(() => count(sql`SELECT count(*)::int AS n FROM series_subscriptions WHERE series_id = ${SERIES}`)).toBeGreaterThan(0)
    // The authoritative consent is WeChat's subscribe_msg_popup_event, pushed to /wechat/events.
    await expect.poll(() => count(sql`SELECT count(*)::int AS n FROM wechat_subscribe_consents WHERE status = 'accept' AND remaining > 0`)).toBeGreaterThan(0)

    await page.getByTestId('series-part').first().click()
    await page.waitForURL(/\/articles\/slow-reading-1$/)
    expect(await page.getByTestId('article-series-position').textContent()).toBe('第 1 篇')
    expect(await page.getByTestId('series-prev').count()).toBe(0)
    let loads = 0
    page.on('load', () => loads++)
    await page.getByTestId('series-next').click()
    await page.waitForURL(/\/articles\/slow-reading-2$/)
    await expect.poll(() => page.getByTestId('article-series-position').textContent()).toBe('第 2 篇')
    // Part 3 is scheduled: no 下一篇 yet; the table of contents says it is coming.
    expect(await page.getByTestId('series-next').count()).toBe(0)
    await page.getByTestId('series-toc-toggle').click()
    await page.getByTestId('series-toc').getByTestId('series-part-scheduled').waitFor()
    await page.getByTestId('series-prev').click()
    await page.waitForURL(/\/articles\/slow-reading-1$/)
    expect(loads).toBe(0)
  })

  it('offers 继续阅读 after a reload and returns to the block, and the series page shows read state', async () => {
    const page = await signedIn(device, `/articles/${LONG}`)
    await page.getByTestId('article').waitFor()
    const blocks = page.locator('[data-block-index]')
    const count = await blocks.count()
    const target = Math.floor(count / 2)
    await blocks.nth(target).evaluate(el => el.scrollIntoView({ block: 'start' }))
    await page.mouse.wheel(0, 10)
    // The last write goes out on pagehide (keepalive), so a reload keeps the place.
    await page.reload()
    const bar = page.getByTestId('continue-reading')
    await bar.waitFor()
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50)
    await page.getByTestId('continue-reading-go').click()
    const top = await page.locator(`[data-block-index="${target}"]`).evaluate(el => el.getBoundingClientRect().top)
    expect(Math.abs(top)).toBeLessThan(80)
    await expect.poll(() => bar.count()).toBe(0)

    // Read part 1 of the series to the end: the series page says 已读 for it.
    await page.goto(`${stack.origin}/articles/slow-reading-1`)
    await page.getByTestId('series-nav').waitFor()
    await page.getByTestId('series-nav').evaluate(el => el.scrollIntoView({ block: 'end' }))
    await page.mouse.wheel(0, 10)
    await page.goto(`${stack.origin}/series/${SERIES}`)
    await expect.poll(() => page.locator('[data-part-id="slow-reading-1"] [data-testid="read-state"]').textContent().then(t => t?.trim())).toBe('已读')
    expect(await page.locator('[data-part-id="slow-reading-2"] [data-testid="read-state"]').textContent().then(t => t?.trim())).toBe('未读')
  })
})

describe('outside WeChat', () => {
  it('hides the subscribe tag and says where it works', async () => {
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(`${stack.origin}/series/${SERIES}`)
    await page.getByTestId('series-subscribe-hint').waitFor()
    expect(await page.locator('wx-open-subscribe').count()).toBe(0)
  })
})
