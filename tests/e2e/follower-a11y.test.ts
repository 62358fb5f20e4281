// Every follower route and every sheet or dialog, in light and dark mode, through axe-core:
// no critical or serious violation (contrast, names, roles, nesting). Also: pinch zoom is
// allowed and the article's text follows the reader's WeChat font size (the bridge emulator's
// setting, which the client applies unless a page pins it with setFontSizeCallback).
// SCREENSHOT_DIR=/tmp/shots saves a PNG of each state for a human look.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { KitStack } from './helpers/kit-stack.ts'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './helpers/axe.ts'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

const ROUTES = ['/', '/articles', '/articles/reading-habits', '/articles/pay-apiv3-deep-dive', '/articles/wechat-h5-mixed', '/membership', '/polls/weekly', '/quizzes/basics', '/signin/error?reason=denied', '/no-such-page']
const SHOTS = process.env.SCREENSHOT_DIR

let stack: KitStack
let browser: Browser

beforeAll(async () => {
  [stack, browser] = await Promise.all([startKitStack(), launchChromium()])
  if (SHOTS)
    mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

async function reader(device: 'ios' | 'android', scheme: 'light' | 'dark', signIn: boolean): Promise<{ context: BrowserContext, page: Page }> {
  const context = await stack.wechatContext(browser, device)
  const page = await context.newPage()
  await page.emulateMedia({ colorScheme: scheme })
  if (signIn) {
    await page.goto(`${stack.origin}/auth/login?returnTo=%2F`)
    await stack.consent(page, device === 'ios' ? 'iphone' : 'android')
  }
  return { context, page }
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle')
  // Skeletons and route progress gone, transitions done.
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .van-skeleton')).catch(() => {})
  // The colour scheme is applied once the app has mounted (van-theme-light|dark on <html>).
  await page.waitForFunction(() => /van-theme-(?:light|dark)/.test(document.documentElement.className))
  // Sheets and toasts animate in for 300 ms: check the settled state, not a half-faded one.
  await page.waitForTimeout(400)
}

async function check(page: Page, name: string): Promise<string[]> {
  await settle(page)
  if (SHOTS)
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
  return (await seriousViolations(page)).map(v => `${name}: ${v}`)
}

describe.each([
  ['ios', 'light'],
  ['android', 'dark'],
] as const)('accessibility on %s in %s mode', (device, scheme) => {
  it('has no critical or serious violations on any route, signed out', { timeout: 240_000 }, async () => {
    const { context, page } = await reader(device, scheme, false)
    const found: string[] = []
    for (const path of ROUTES) {
      await page.goto(`${stack.origin}${path}`)
      found.push(...await check(page, `${device}-${scheme}-out${path.replace(/\W+/g, '_')}`))
    }
    await context.close()
    expect(found).toEqual([])
  })

  it('has none signed in, nor with the tip sheet, the pay sheet, the share guide or a toast open', { timeout: 240_000 }, async () => {
    const { context, page } = await reader(device, scheme, true)
    const found: string[] = []
    const tag = `${device}-${scheme}-in`
    for (const path of ['/articles/pay-apiv3-deep-dive', '/membership']) {
      await page.goto(`${stack.origin}${path}`)
      found.push(...await check(page, `${tag}${path.replace(/\W+/g, '_')}`))
    }
    await page.goto(`${stack.origin}/articles/reading-habits`)
    await page.getByTestId('tip-open').click()
    await page.getByTestId('tip-sheet').waitFor()
    found.push(...await check(page, `${tag}-tip-sheet`))
    await page.getByTestId('tip-preset-200').click()
    await page.getByTestId('wxsim-pay-sheet').waitFor()
    found.push(...await check(page, `${tag}-pay-sheet`))
    await page.getByTestId('wxsim-pay-cancel').click()
    await page.getByText('已取消支付').waitFor()
    found.push(...await check(page, `${tag}-toast`))

    await page.goto(`${stack.origin}/polls/weekly`)
    const share = page.getByTestId('share-button')
    if (await share.count()) {
      await share.click()
      await page.getByTestId('share-guide').waitFor()
      found.push(...await check(page, `${tag}-share-guide`))
    }
    await context.close()
    expect(found).toEqual([])
  })
})

describe('reading at the reader\'s size', () => {
  it('allows pinch zoom', async () => {
    const { context, page } = await reader('ios', 'light', false)
    await page.goto(`${stack.origin}/articles/reading-habits`)
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content')
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)/)
    expect(viewport).not.toMatch(/maximum-scale\s*=\s*1(\.0*)?\b/)
    await context.close()
  })

  it.each(['ios', 'android'] as const)('enlarges the article\'s text with WeChat\'s font size on %s', async (device) => {
    const { context, page } = await reader(device, 'light', false)
    await page.goto(`${stack.origin}/articles/reading-habits`)
    const paragraph = page.locator('[data-testid="article-preview"] p').first()
    await paragraph.waitFor()
    const size = () => paragraph.evaluate(el => Number.parseFloat(getComputedStyle(el).fontSize))
    const standard = await size()
    await page.evaluate(() => (window as unknown as { __wxsim: { setFontSize: (p: number) => void } }).__wxsim.setFontSize(140))
    await expect.poll(size).toBeCloseTo(standard * 1.4, 0)
    // The setting survives a reload, as it is the reader's, not the page's.
    await page.reload()
    await paragraph.waitFor()
    expect(await size()).toBeCloseTo(standard * 1.4, 0)
    expect(await page.evaluate(() => (window as unknown as { __wxsim: { fontSizePinned: boolean } }).__wxsim.fontSizePinned)).toBe(false)
    await context.close()
  })
})
