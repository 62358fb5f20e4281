// The WeixinJSBridge emulator's wx.config, share and client APIs, driven through the real
// weixin-js-sdk in Debian Chromium against the REAL simulator (harness: helpers/bridge-harness.ts).
import type { BridgeHarness } from './helpers/bridge-harness.ts'
import { readFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { callWx, configure, inspect, startBridgeHarness } from './helpers/bridge-harness.ts'

let h: BridgeHarness

beforeAll(async () => {
  h = await startBridgeHarness()
})

afterEach(async () => {
  await h?.closeContext()
})

afterAll(async () => {
  await h?.close()
})

describe('the WeixinJSBridge emulator, driven by the real weixin-js-sdk against the real simulator', () => {
  it('contains no Node built-ins in the browser bundle', () => {
    const js = readFileSync(h.bundlePath, 'utf8')
    expect(js).not.toMatch(/\brequire\s*\(/)
    expect(js).not.toMatch(/["']node:/)
    expect(js).not.toMatch(/\bprocess\.(env|argv)/)
  })

  it.each(['ios', 'android'] as const)('verifies a wx.config signed with the simulator\'s jsapi_ticket on the %s persona', async (device) => {
    const { page, errors } = await h.open(device)
    const ua = await page.evaluate(() => navigator.userAgent)
    expect(ua).toMatch(device === 'ios' ? /iPhone.*MicroMessenger\/8\./ : /Android.*MicroMessenger\/8\./)
    expect(await configure(page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`))).toEqual(['ready'])
    const s = await inspect(page)
    expect(s.persona).toBe(device)
    expect(s.lastConfig).toMatchObject({ result: 'config:ok', signedUrl: `${h.appOrigin}/article/1?utm=x` })
    expect(errors).toEqual([])
  })

  it('defers a wx.config made during page load until WeixinJSBridgeReady', async () => {
    const { page } = await h.open('ios', '/early?x=1')
    expect(await page.evaluate(() => (window as unknown as { bridgeAtConfig: string }).bridgeAtConfig)).toBe('undefined')
    expect(await page.evaluate(() => (window as unknown as { early: Promise<string[]> }).early)).toEqual(['ready'])
  })

  it.each([
    ['ios', 'current', ['error:config:invalid signature', 'ready']],
    ['ios', 'landing', ['ready']],
    ['android', 'current', ['ready']],
    ['android', 'landing', ['error:config:invalid signature', 'ready']],
  ] as const)('after history.pushState, the %s persona with a signature for the %s URL gives %j', async (device, signFor, expected) => {
    const { page } = await h.open(device, '/landing?from=menu#top')
    await page.evaluate(() => history.pushState({}, '', '/article/2?id=7#comments'))
    const url = signFor === 'landing' ? `${h.appOrigin}/landing?from=menu` : `${h.appOrigin}/article/2?id=7`
    expect(await configure(page, h.signedConfig(url))).toEqual(expected)
    // The URL the persona's client signed (§3.2), as the simulator echoed it back.
    expect((await inspect(page)).lastConfig?.signedUrl).toBe(device === 'ios' ? `${h.appOrigin}/landing?from=menu` : `${h.appOrigin}/article/2?id=7`)
  })

  it.each([
    ['localhost on the same port', () => h.localhostOrigin],
    ['127.0.0.1 on another port', () => h.otherPortOrigin],
  ])('fails wx.config with config:invalid url domain for a page on %s (not a JS safe domain)', async (_name, originOf) => {
    const origin = originOf()
    const { page, simCalls } = await h.open('android', '/article/1?utm=x', origin)
    // Correctly signed for the page's own URL: only the domain is wrong.
    expect(await configure(page, h.signedConfig(`${origin}/article/1?utm=x`))).toEqual(['error:config:invalid url domain', 'ready'])
    expect((await inspect(page)).lastConfig).toMatchObject({ result: 'config:invalid url domain', signedUrl: `${origin}/article/1?utm=x` })
    expect(simCalls).toEqual(['/__sim/bridge/preverify'])
  })

  it.each([
    ['an appId other than the one that got the ticket', { appId: 'wx0000000000000000' }],
    ['a ticket the simulator never issued', { ticket: 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg' }],
  ])('fails wx.config with config:invalid signature for %s', async (_name, over) => {
    const { page } = await h.open('ios')
    expect(await configure(page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`, over))).toEqual(['error:config:invalid signature', 'ready'])
    expect((await inspect(page)).lastConfig?.result).toBe('config:invalid signature')
  })

  it('verifies against the current jsapi_ticket only: once it expired, a config signed with it fails (§2.3)', async () => {
    const { before, after } = await h.advanceAndRefetchTicket(7201)
    expect(after).not.toBe(before)
    const { page } = await h.open('ios')
    expect(await configure(page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`, { ticket: before }))).toEqual(['error:config:invalid signature', 'ready'])
    await h.closeContext()
    const fresh = await h.open('ios')
    expect(await configure(fresh.page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`))).toEqual(['ready'])
  })

  it('fails every wx.config with config:snapshot page once the browser signed in as the snapshot persona, until it signs in as a real one (§1.1)', async () => {
    const { page } = await h.open('android')
    // The consent form's target on the simulator origin, as a tap on 允许 would load it.
    async function signInAs(persona: string): Promise<string> {
      const q = new URLSearchParams({ appid: h.setup.appId, redirect_uri: `${h.appOrigin}/article/1?utm=x`, scope: 'snsapi_userinfo', state: 'S', persona, action: 'allow' })
      await page.goto(`${h.sim.origin}/connect/oauth2/authorize/confirm?${q}`)
      await page.waitForURL(u => u.origin === h.appOrigin)
      await page.evaluate(() => (window as unknown as { bridgeReady: Promise<void> }).bridgeReady)
      return page.url()
    }
    const snapshotUrl = await signInAs('snapshot')
    expect(snapshotUrl).toMatch(/[?&]code=\w+&state=S$/)
    expect(await configure(page, h.signedConfig(snapshotUrl))).toEqual(['error:config:snapshot page', 'ready'])
    expect((await inspect(page)).lastConfig).toMatchObject({ result: 'config:snapshot page', reason: expect.stringContaining('快照页中 JS-SDK 不可用') })
    const share = { title: 't', link: `${h.appOrigin}/a`, imgUrl: `${h.appOrigin}/i.png` }
    expect(await callWx(page, 'updateAppMessageShareData', share))
      .toEqual({ cb: 'fail', errMsg: 'updateAppMessageShareData:fail, the permission value is offline verifying' })
    const realUrl = await signInAs('android')
    expect(await configure(page, h.signedConfig(realUrl))).toEqual(['ready'])
  })

  it('refuses APIs before config succeeds and APIs missing from jsApiList', async () => {
    const { page } = await h.open('ios')
    const share = { title: 't', link: `${h.appOrigin}/a`, imgUrl: `${h.appOrigin}/i.png` }
    expect(await callWx(page, 'updateTimelineShareData', share))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:fail, the permission value is offline verifying' })
    expect(await configure(page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`, { jsApiList: ['updateAppMessageShareData'] }))).toEqual(['ready'])
    expect(await callWx(page, 'updateTimelineShareData', share))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:permission denied' })
    expect(await callWx(page, 'chooseWXPay', { timestamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 'x' }))
      .toEqual({ cb: 'fail', errMsg: 'chooseWXPay:permission denied' })
  })

  it('records share data in window.__wxsim and rejects a link outside the JS safe domain', async () => {
    const { page } = await h.open('android')
    expect(await configure(page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`))).toEqual(['ready'])
    const friend = { title: '好文', desc: '一起读', link: `${h.appOrigin}/article/1?ref=share`, imgUrl: `${h.appOrigin}/cover.png` }
    expect(await callWx(page, 'updateAppMessageShareData', friend)).toEqual({ cb: 'success', errMsg: 'updateAppMessageShareData:ok' })
    expect(await callWx(page, 'updateTimelineShareData', { ...friend, title: '朋友圈' })).toEqual({ cb: 'success', errMsg: 'updateTimelineShareData:ok' })
    expect(await callWx(page, 'updateTimelineShareData', { ...friend, link: 'https://evil.example/a' }))
      .toEqual({ cb: 'fail', errMsg: 'updateTimelineShareData:invalid link domain' })
    const { shareData } = await inspect(page)
    expect(shareData.appMessage).toMatchObject({ title: '好文', desc: '一起读', link: friend.link })
    expect(shareData.timeline).toMatchObject({ title: '朋友圈', link: friend.link })
  })

  it('answers getNetworkType, checkJsApi and unknown APIs, and keeps the SDK report offline', async () => {
    const { page, errors, external } = await h.open('ios')
    await configure(page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`, { jsApiList: ['getNetworkType', 'checkJsApi', 'scanQRCode'] }))
    expect(await page.evaluate(() => new Promise(r => (window as unknown as { wx: { getNetworkType: (o: object) => void } }).wx.getNetworkType({ success: r }))))
      .toEqual({ errMsg: 'getNetworkType:ok', networkType: 'wifi' })
    expect(await callWx(page, 'scanQRCode', {})).toEqual({ cb: 'fail', errMsg: 'scanQRCode:function not exist' })
    await expect.poll(async () => (await inspect(page)).calls.some(c => c.kind === 'report')).toBe(true)
    expect(external).toEqual([])
    expect(errors).toEqual([])
  })

  it('shows the closed overlay after WeixinJSBridge.call("closeWindow")', async () => {
    const { page } = await h.open('android')
    await page.evaluate(() => (window as unknown as { WeixinJSBridge: { call: (n: string) => void } }).WeixinJSBridge.call('closeWindow'))
    await page.getByTestId('wxsim-closed').waitFor()
    expect((await inspect(page)).closed).toBe(true)
  })

  it('opens the dev panel and shows the last config result and signed URL', async () => {
    const { page } = await h.open('ios', '/landing')
    await page.evaluate(() => history.pushState({}, '', '/next'))
    await configure(page, h.signedConfig(`${h.appOrigin}/next`))
    await page.getByTestId('wxsim-pill').click()
    const panel = page.getByTestId('wxsim-panel')
    await expect(panel.getByTestId('wxsim-config-result').textContent()).resolves.toBe('config:invalid signature')
    await expect(panel.getByTestId('wxsim-signed-url').textContent()).resolves.toBe(`${h.appOrigin}/landing`)
    await expect(panel.getByTestId('wxsim-current-url').textContent()).resolves.toBe(`${h.appOrigin}/next`)
  })

  it('shows config:ok and the signed URL in the dev panel after a successful config', async () => {
    const { page } = await h.open('android', '/landing')
    await page.evaluate(() => history.pushState({}, '', '/next?tab=2'))
    expect(await configure(page, h.signedConfig(`${h.appOrigin}/next?tab=2`))).toEqual(['ready'])
    await page.getByTestId('wxsim-pill').click()
    const panel = page.getByTestId('wxsim-panel')
    await expect(panel.getByTestId('wxsim-config-result').textContent()).resolves.toBe('config:ok')
    await expect(panel.getByTestId('wxsim-signed-url').textContent()).resolves.toBe(`${h.appOrigin}/next?tab=2`)
    await expect(panel.getByTestId('wxsim-landing-url').textContent()).resolves.toBe(`${h.appOrigin}/landing`)
  })

  it('opens the shared link from the panel as a friend would, with WeChat\'s parameters', async () => {
    const { page } = await h.open('android')
    expect(await configure(page, h.signedConfig(`${h.appOrigin}/article/1?utm=x`))).toEqual(['ready'])
    const link = `${h.appOrigin}/article/1?ref=share#c`
    await callWx(page, 'updateAppMessageShareData', { title: 't', desc: 'd', link, imgUrl: `${h.appOrigin}/i.png` })
    await page.getByTestId('wxsim-pill').click()
    await page.getByTestId('wxsim-share-friend').click()
    await page.waitForURL(`${h.appOrigin}/article/1?ref=share&from=singlemessage&isappinstalled=0#c`)
    await page.evaluate(() => (window as unknown as { bridgeReady: Promise<void> }).bridgeReady)
    expect((await inspect(page)).landingUrl).toBe(`${h.appOrigin}/article/1?ref=share&from=singlemessage&isappinstalled=0`)
  })

  it('switches the persona from the panel and reloads with the new user agent', async () => {
    const { page } = await h.open(undefined)
    expect((await inspect(page)).persona).toBe('ios')
    await page.getByTestId('wxsim-pill').click()
    await Promise.all([page.waitForEvent('load'), page.getByTestId('wxsim-device-android').click()])
    expect((await inspect(page)).persona).toBe('android')
    expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Android/)
  })
})
