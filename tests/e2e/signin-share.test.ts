import type { Browser, Page } from 'playwright-core'
import type { KitStack } from './helpers/kit-stack.ts'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './helpers/chromium.ts'
import { startKitStack } from './helpers/kit-stack.ts'

interface Inspect {
  config: string | null
  failedConfigs: string[]
  share: { title: string, link: string, imgUrl: string } | null
  timeline: { title: string, link: string } | null
  kitError: unknown
}

/** What WeChat's client knows about the page: the last wx.config verdict, every refusal, the share cards. */
function inspect(page: Page): Promise<Inspect> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __wxsim: { lastConfig: { result: string } | null, calls: { name: string, reply: string }[], shareData: { appMessage: Inspect['share'], timeline: Inspect['timeline'] } }
      __wechatKit?: { lastError: unknown }
    }
    return {
      config: w.__wxsim.lastConfig?.result ?? null,
      failedConfigs: w.__wxsim.calls.filter(c => c.name === 'preVerifyJSAPI' && c.reply && !c.reply.endsWith(':ok')).map(c => c.reply),
      share: w.__wxsim.shareData.appMessage,
      timeline: w.__wxsim.shareData.timeline,
      kitError: w.__wechatKit?.lastError ?? null,
    }
  })
}

/** Waits until the page is configured and shares `title` for its own path, then checks nothing was refused. */
async function expectConfiguredAndShared(page: Page, title: string | RegExp) {
  const path = new URL(page.url()).pathname
  await expect.poll(async () => {
    const s = await inspect(page)
    return s.config === 'config:ok' && !!s.share && new URL(s.share.link).pathname === path && (typeof title === 'string' ? s.share.title === title : title.test(s.share.title))
  }, { timeout: 10_000 }).toBe(true)
  const s = await inspect(page)
  expect(s.failedConfigs).toEqual([])
  expect(s.kitError).toBeNull()
  expect(s.timeline?.title).toBe(s.share!.title)
  expect(new URL(s.share!.link).searchParams.get('sh')).toMatch(/^[A-Z0-9]{10}$/i)
  expect(s.share!.imgUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/share-cover\.png$/)
}

describe('sign-in, JS-SDK and sharing in WeChat\'s webview', () => {
  let browser: Browser
  let stack: KitStack
  beforeAll(async () => {
    stack = await startKitStack()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  it.each([
    ['ios', 'iphone'],
    ['android', 'android'],
  ] as const)('on %s: signs in from a poll through the consent page, returns to the poll, and every page configures and shares its own card', async (device, persona) => {
    const context = await stack.wechatContext(browser, device)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', e => errors.push(e.message))

    await page.goto(`${stack.origin}/`)
    await expectConfiguredAndShared(page, '公众号示例')

    await page.getByText('本周投票').click()
    await page.waitForURL(`${stack.origin}/polls/weekly`)
    await expectConfiguredAndShared(page, '本周投票：你最想读哪个主题？')

    // Voting needs an identity: lazy sign-in through WeChat OAuth, back to the same poll and choice.
    await page.getByText('分享与传播').click()
    await page.getByTestId('poll-vote').click()
    await stack.consent(page, persona)
    expect(new URL(page.url()).pathname).toBe('/polls/weekly')
    expect(page.url()).not.toMatch(/[?&](?:code|state)=/)
    await page.getByTestId('poll-results').locator('[data-option="share"].is-mine').waitFor()
    await expectConfiguredAndShared(page, '我投了「分享与传播」，你呢？')
    expect(await page.evaluate(() => fetch('/api/me').then(r => r.status))).toBe(200)

    // In-app history navigation: on iOS the landing URL stays the signed one, Android re-signs each URL.
    await page.goto(`${stack.origin}/`)
    await expectConfiguredAndShared(page, '公众号示例')
    await page.getByText('会员中心').click()
    await page.waitForURL(`${stack.origin}/membership`)
    await expectConfiguredAndShared(page, '会员中心 · 公众号示例')
    await page.goBack()
    await page.waitForURL(`${stack.origin}/`)
    await expectConfiguredAndShared(page, '公众号示例')
    await page.getByText('趣味测验').click()
    await page.waitForURL(url => url.pathname.startsWith('/quizzes/'))
    await expectConfiguredAndShared(page, '公众号开发小测验')
    await page.goBack()
    await page.getByText('本周投票').click()
    await page.waitForURL(`${stack.origin}/polls/weekly`)
    await expectConfiguredAndShared(page, '我投了「分享与传播」，你呢？')
    expect(errors).toEqual([])
    await context.close()
  })

  it('attributes an open of a shared link to its sharer and strips the parameter from the address bar', async () => {
    const sharerContext = await stack.wechatContext(browser, 'ios')
    const sharer = await sharerContext.newPage()
    await sharer.goto(`${stack.origin}/polls/weekly`)
    await expectConfiguredAndShared(sharer, '本周投票：你最想读哪个主题？')
    const link = (await inspect(sharer)).share!.link
    await sharerContext.close()

    for (const device of ['android', 'ios'] as const) {
      const friendContext = await stack.wechatContext(browser, device)
      const friend = await friendContext.newPage()
      // WeChat appends its own parameters to shared links.
      await friend.goto(`${link}&from=singlemessage&isappinstalled=0`)
      await expect.poll(() => new URL(friend.url()).searchParams.has('sh')).toBe(false)
      expect(new URL(friend.url()).searchParams.get('from')).toBe('singlemessage')
      await expectConfiguredAndShared(friend, '本周投票：你最想读哪个主题？')
      // The friend's own share carries their code, not the sharer's.
      expect(new URL((await inspect(friend)).share!.link).searchParams.get('sh')).not.toBe(new URL(link).searchParams.get('sh'))
      await friendContext.close()
    }
    const opens = await stack.database.db.execute(sql`SELECT path FROM share_opens`)
    expect((opens as unknown as { rows: unknown[] }).rows).toEqual([{ path: '/polls/weekly' }, { path: '/polls/weekly' }])
  })

  it('shows a calm retry page when the follower refuses consent, without looping', async () => {
    const context = await stack.wechatContext(browser, 'android')
    const page = await context.newPage()
    await page.goto(`${stack.origin}/polls/weekly`)
    await page.getByText('微信支付实战').click()
    await page.getByTestId('poll-vote').click()
    await page.waitForURL(url => url.origin === stack.sim.origin)
    await page.locator('#wxsim-refuse').click()
    await page.waitForURL(url => url.pathname === '/signin/error')
    await page.getByRole('button', { name: '重新登录' }).waitFor()
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/polls/weekly')
    await context.close()
  })

  it('outside WeChat, renders the page and turns an action that needs WeChat into a QR code guide on desktop', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', e => errors.push(e.message))
    await page.goto(`${stack.origin}/polls/weekly`)
    await page.getByText('JS-SDK 踩坑记').click()
    await page.getByTestId('poll-vote').click()
    const guide = page.getByTestId('open-in-wechat')
    await guide.getByText('请在微信中打开').waitFor()
    const qr = guide.getByRole('img', { name: '当前页面的二维码' })
    await qr.waitFor()
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    // Nothing tried to sign in or to configure a JS-SDK that cannot answer outside WeChat.
    expect(new URL(page.url()).pathname).toBe('/polls/weekly')
    expect(errors).toEqual([])
    await context.close()
  })
})
