import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { iphoneWeChat, launchChromium } from './helpers/chromium.ts'
import { serveBuiltApp } from './helpers/serve-built-app.ts'

describe('the built SPA in an iPhone-sized WeChat webview', () => {
  let browser: Browser
  let server: Awaited<ReturnType<typeof serveBuiltApp>>
  beforeAll(async () => {
    server = await serveBuiltApp()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the Vant-styled home page in Chinese with its title', async () => {
    const context = await iphoneWeChat(browser)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', e => errors.push(e.message))
    await page.goto(`${server.origin}/`)
    await expect.poll(() => page.title()).toBe('公众号示例')
    await page.getByRole('heading', { name: '公众号示例' }).waitFor()
    const cells = page.locator('.van-cell')
    expect(await cells.count()).toBe(4)
    expect(await cells.first().textContent()).toContain('精选文章')
    // Vant's theme carries WeChat's brand green.
    const green = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--van-primary-color').trim())
    expect(green).toBe('#07c160')
    // px → vw: the layout scales to the device width, nothing overflows horizontally.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(errors).toEqual([])
    await context.close()
  })

  it('navigates in history mode and names each page', async () => {
    const context = await iphoneWeChat(browser)
    const page = await context.newPage()
    await page.goto(`${server.origin}/`)
    await page.getByText('本周投票').click()
    await page.waitForURL(`${server.origin}/polls/weekly`)
    await expect.poll(() => page.title()).toBe('投票 · 公众号示例')
    await page.getByTestId('poll-title').getByText('本周投票：你最想读哪个主题？').waitFor()
    await page.goBack()
    await page.waitForURL(`${server.origin}/`)
    await expect.poll(() => page.title()).toBe('公众号示例')
    await context.close()
  })

  it('opens a deep link directly (history fallback) and shows a friendly 404 page for unknown routes', async () => {
    const context = await iphoneWeChat(browser)
    const page = await context.newPage()
    await page.goto(`${server.origin}/membership?from=singlemessage`)
    await expect.poll(() => page.title()).toBe('会员 · 公众号示例')
    await page.goto(`${server.origin}/no/such/page`)
    await page.getByText('页面不存在或已被删除').waitFor()
    await context.close()
  })

  it('follows the system dark mode', async () => {
    const context = await iphoneWeChat(browser, { colorScheme: 'dark' })
    const page = await context.newPage()
    await page.goto(`${server.origin}/`)
    await page.getByRole('heading', { name: '公众号示例' }).waitFor()
    expect(await page.evaluate(() => document.documentElement.classList.contains('van-theme-dark'))).toBe(true)
    await context.close()
  })
})
